import { callGreenApi } from '../../transport/request';
import type { Connection } from '../../transport/connection';
import { exactInteger, receiptIdLiteral } from './receiptId';

export interface Received {
	/** Exact decimal digits (see receiptId.ts). */
	receiptId: string;
	/** undefined when GREEN-API handed the receipt out without an object body. */
	body: Record<string, unknown> | undefined;
}

export interface InstanceSettings {
	webhookUrl: string;
	webhookUrlToken: string;
}

/** The three calls the poll loop makes, and setSettings for the webhook mode. */
export interface QueueApi {
	receive(receiveTimeoutSeconds: number, signal: AbortSignal): Promise<Received | null>;
	/** True when GREEN-API says it deleted the notification (`{"result": true}`). */
	remove(receiptId: string, signal?: AbortSignal): Promise<boolean>;
	settings(signal?: AbortSignal, deadlineMs?: number): Promise<InstanceSettings>;
	saveSettings(settings: Partial<InstanceSettings>): Promise<void>;
}

// GREEN-API's limits for these methods, per instance (see GREEN-API.md).
const QUEUE_PER_SECOND = 100;
const SETTINGS_PER_SECOND = 1;
const SHORT_TIMEOUT_MS = 15_000;
/** The long poll's answer may come receiveTimeout seconds late, by design. */
const LONG_POLL_MARGIN_MS = 10_000;

/**
 * A receipt without a body is still returned, so that the loop can delete it: refusing the
 * whole answer would hand the same head out forever. A receipt ID that is no whole number
 * cannot be deleted exactly, so that answer is refused (the loop backs off and says so).
 */
function readReceived(json: unknown, text: string): Received | null {
	if (json === null) return null;
	const { receiptId, body } = (typeof json === 'object' && !Array.isArray(json) ? json : {}) as { receiptId?: unknown; body?: unknown };
	const literal = typeof receiptId === 'number' ? receiptIdLiteral(text) : undefined;
	const exact = literal === undefined ? undefined : exactInteger(literal);
	if (exact === undefined) {
		throw new Error(`receiveNotification answered without a receiptId that is a positive whole number (got ${literal?.slice(0, 40) ?? typeof receiptId})`);
	}
	const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
	return { receiptId: exact, body: isObject ? (body as Record<string, unknown>) : undefined };
}

function readSettings(json: unknown): InstanceSettings {
	const { webhookUrl, webhookUrlToken } = (json ?? {}) as Record<string, unknown>;
	return { webhookUrl: typeof webhookUrl === 'string' ? webhookUrl : '', webhookUrlToken: typeof webhookUrlToken === 'string' ? webhookUrlToken : '' };
}

/**
 * No transport retries: the loop owns retrying (with its own back-off), so a retry
 * never hides how long the queue has been unreachable.
 */
export function queueApi(connection: Connection): QueueApi {
	return {
		receive: async (receiveTimeout, signal) =>
			await callGreenApi(
				connection,
				'receiveNotification',
				undefined,
				{ perSecond: QUEUE_PER_SECOND, maxRetries: 0, timeoutMs: receiveTimeout * 1000 + LONG_POLL_MARGIN_MS, signal, query: { receiveTimeout } },
				readReceived,
			),
		remove: async (receiptId, signal) =>
			await callGreenApi(
				connection,
				'deleteNotification',
				undefined,
				{ perSecond: QUEUE_PER_SECOND, maxRetries: 0, timeoutMs: SHORT_TIMEOUT_MS, signal, verb: 'DELETE', pathSuffix: [receiptId] },
				(json) => (json as { result?: unknown } | null)?.result === true,
			),
		settings: async (signal, deadlineMs) =>
			await callGreenApi(connection, 'getSettings', undefined, { perSecond: SETTINGS_PER_SECOND, maxRetries: 2, timeoutMs: SHORT_TIMEOUT_MS, signal, deadlineMs }, readSettings),
		saveSettings: async (settings) => {
			await callGreenApi(connection, 'setSettings', { ...settings }, { perSecond: SETTINGS_PER_SECOND, maxRetries: 2, timeoutMs: SHORT_TIMEOUT_MS });
		},
	};
}
