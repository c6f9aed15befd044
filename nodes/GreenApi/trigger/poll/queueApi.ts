import { callGreenApi } from '../../transport/request';
import type { Connection } from '../../transport/connection';

export interface Received {
	receiptId: number;
	body: Record<string, unknown>;
}

export interface InstanceSettings {
	webhookUrl: string;
	webhookUrlToken: string;
}

/** The three calls the poll loop makes, and setSettings for the webhook mode. */
export interface QueueApi {
	receive(receiveTimeoutSeconds: number, signal: AbortSignal): Promise<Received | null>;
	remove(receiptId: number, signal?: AbortSignal): Promise<boolean>;
	settings(signal?: AbortSignal): Promise<InstanceSettings>;
	saveSettings(settings: Partial<InstanceSettings>): Promise<void>;
}

// GREEN-API's limits for these methods, per instance (see GREEN-API.md).
const QUEUE_PER_SECOND = 100;
const SETTINGS_PER_SECOND = 1;
const SHORT_TIMEOUT_MS = 15_000;
/** The long poll's answer may come receiveTimeout seconds late, by design. */
const LONG_POLL_MARGIN_MS = 10_000;

function readReceived(json: unknown): Received | null {
	if (json === null) return null;
	const { receiptId, body } = (json ?? {}) as { receiptId?: unknown; body?: unknown };
	if (typeof receiptId !== 'number' || typeof body !== 'object' || body === null) {
		throw new Error('receiveNotification answered without a numeric receiptId and a body');
	}
	return { receiptId, body: body as Record<string, unknown> };
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
		settings: async (signal) =>
			await callGreenApi(connection, 'getSettings', undefined, { perSecond: SETTINGS_PER_SECOND, maxRetries: 2, timeoutMs: SHORT_TIMEOUT_MS, signal }, readSettings),
		saveSettings: async (settings) => {
			await callGreenApi(connection, 'setSettings', { ...settings }, { perSecond: SETTINGS_PER_SECOND, maxRetries: 2, timeoutMs: SHORT_TIMEOUT_MS });
		},
	};
}
