// The emulator's incoming-notification side: the HTTP API queue (receiveNotification /
// deleteNotification), the instance settings (getSettings / setSettings) and webhook delivery.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { json, text } from './types';
import type { Outcome, RecordedStatus } from './types';

/** What the notification side needs from the server it lives in. */
export interface NotificationHost {
	idInstance: string;
	token: string;
	log(at: number, method: string, status: RecordedStatus): void;
	/** An injected fault for this method, rendered; undefined when none applies. */
	fault(method: string, path: string): Outcome | undefined;
	admit(method: string, at: number): boolean;
	/** Writes the answer after the server's latency. */
	send(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void;
}

export interface QueuedNotification {
	receiptId: number;
	body: Record<string, unknown>;
	/** How many times receiveNotification handed it out. */
	deliveries: number;
}

const METHODS: Record<string, { name: string; verb: string }> = {
	receivenotification: { name: 'receiveNotification', verb: 'GET' },
	deletenotification: { name: 'deleteNotification', verb: 'DELETE' },
	getsettings: { name: 'getSettings', verb: 'GET' },
	setsettings: { name: 'setSettings', verb: 'POST' },
};
// `/waInstance{id}/{method}/{token}[/{receiptId}][?query]`: deleteNotification's token is not last.
const ROUTE = /^\/waInstance([^/?]*)\/([^/?]*)\/([^/?]*)(?:\/([^/?]*))?(?:\?(.*))?$/;
const CONTROL = '/control/notifications';
/** setSettings' fields that take "yes" / "no" (the docs' GetSettings page). */
export const SETTING_FLAGS = [
	'markIncomingMessagesReaded',
	'markIncomingMessagesReadedOnReply',
	'outgoingWebhook',
	'outgoingMessageWebhook',
	'outgoingAPIMessageWebhook',
	'incomingWebhook',
	'stateWebhook',
	'pollMessageWebhook',
	'incomingCallWebhook',
	'editedMessageWebhook',
	'deletedMessageWebhook',
	'keepOnlineStatus',
];
const SETTING_FIELDS = ['webhookUrl', 'webhookUrlToken', 'delaySendMessagesMilliseconds', ...SETTING_FLAGS];

/** getSettings' answer on a fresh instance, in the documented shape (deprecated fields included). */
function defaultSettings(): Record<string, unknown> {
	return {
		wid: '79001234567@c.us',
		countryInstance: '',
		typeAccount: '',
		webhookUrl: '',
		webhookUrlToken: '',
		delaySendMessagesMilliseconds: 1000,
		markIncomingMessagesReaded: 'no',
		markIncomingMessagesReadedOnReply: 'no',
		sharedSession: 'no',
		outgoingWebhook: 'yes',
		outgoingMessageWebhook: 'yes',
		outgoingAPIMessageWebhook: 'yes',
		incomingWebhook: 'yes',
		deviceWebhook: 'no',
		statusInstanceWebhook: 'no',
		stateWebhook: 'no',
		enableMessagesHistory: 'no',
		keepOnlineStatus: 'no',
		pollMessageWebhook: 'no',
		incomingBlockWebhook: 'yes',
		incomingCallWebhook: 'yes',
		editedMessageWebhook: 'no',
		deletedMessageWebhook: 'no',
	};
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export class NotificationQueue {
	/** FIFO; a notification stays (and is handed out again) until deleted. */
	readonly queue: QueuedNotification[] = [];
	/** receiptIds in the order they were deleted. */
	readonly deleted: number[] = [];
	/** performance.now() when receiveNotification first handed each receiptId out, kept after its delete. */
	readonly firstHandedOut = new Map<number, number>();
	/** Every deleteNotification's receiptId as the request wrote it, found or not, faults included. */
	readonly deleteRequests: string[] = [];
	settings: Record<string, unknown> = defaultSettings();
	/** Caps the long poll, so tests need not wait receiveTimeout's 5 s minimum on an empty queue. */
	maxLongPollMs = Infinity;
	/**
	 * The fault "deliver twice": each notification is POSTed this many times, as GREEN-API does
	 * after an answer it found too slow or on a retry of its own; `webhookCopiesAtOnce` sends the
	 * copies together instead of one after the other's answer.
	 */
	webhookCopies = 1;
	webhookCopiesAtOnce = false;
	/** Every webhook POST made, copies and re-deliveries included, with the answer's status (0: no answer). */
	readonly webhookLog: { body: Record<string, unknown>; status: number }[] = [];
	private nextReceipt = 1;
	private waiters = new Set<() => void>();

	constructor(private readonly host: NotificationHost) {}

	/** Queues notifications (a GREEN-API notification body each); returns their receiptIds. */
	enqueue(...bodies: Record<string, unknown>[]): number[] {
		const ids = bodies.map((body) => {
			const receiptId = this.nextReceipt++;
			this.queue.push({ receiptId, body, deliveries: 0 });
			return receiptId;
		});
		for (const wake of [...this.waiters]) wake();
		return ids;
	}

	reset(): void {
		this.queue.length = 0;
		this.deleted.length = 0;
		this.firstHandedOut.clear();
		this.deleteRequests.length = 0;
		this.settings = defaultSettings();
		this.maxLongPollMs = Infinity;
		this.webhookCopies = 1;
		this.webhookCopiesAtOnce = false;
		this.webhookLog.length = 0;
		this.close();
	}

	/** Answers every waiting long poll's socket no more: the server destroys them. */
	close(): void {
		for (const wake of [...this.waiters]) wake();
		this.waiters.clear();
	}

	/** Long polls waiting right now. */
	get polling(): number {
		return this.waiters.size;
	}

	/**
	 * POSTs a notification to the configured webhookUrl as GREEN-API does, with
	 * `Authorization: Bearer <webhookUrlToken>` when a token is set; `authorization`
	 * overrides the header (null: none), to forge a request.
	 */
	async deliverWebhook(body: Record<string, unknown>, authorization?: string | null): Promise<{ status: number; text: string }> {
		const copies = Math.max(1, Math.floor(this.webhookCopies));
		if (this.webhookCopiesAtOnce) return (await Promise.all(Array.from({ length: copies }, async () => await this.post(body, authorization))))[0];
		const first = await this.post(body, authorization);
		for (let copy = 1; copy < copies; copy++) await this.post(body, authorization);
		return first;
	}

	/** GREEN-API's re-delivery: the notification of an earlier POST (default the last one), sent again as it was. */
	async redeliverWebhook(index = -1): Promise<{ status: number; text: string }> {
		const earlier = this.webhookLog.at(index);
		if (!earlier) throw new Error('no webhook was delivered yet: nothing to deliver again');
		return await this.post(earlier.body);
	}

	private async post(body: Record<string, unknown>, authorization?: string | null): Promise<{ status: number; text: string }> {
		const url = String(this.settings.webhookUrl ?? '');
		if (!url) throw new Error('no webhookUrl is set: setSettings first');
		const token = String(this.settings.webhookUrlToken ?? '');
		const header = authorization === undefined ? (token ? `Bearer ${token}` : undefined) : authorization;
		const logged = { body, status: 0 };
		this.webhookLog.push(logged);
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...(header === undefined || header === null ? {} : { authorization: header }) },
			body: JSON.stringify(body),
		});
		logged.status = response.status;
		return { status: response.status, text: await response.text() };
	}

	/** True when the request is ours (it is then answered); false lets the server route it. */
	handle(req: IncomingMessage, res: ServerResponse, path: string, body: string, at: number): boolean {
		if (path === CONTROL && req.method === 'POST') {
			let parsed: Record<string, unknown> | Record<string, unknown>[];
			try {
				parsed = JSON.parse(body || '[]') as typeof parsed;
			} catch {
				this.host.send(req, res, text(400, 'the body must be a notification or a list of them, as JSON'));
				return true;
			}
			const ids = this.enqueue(...(Array.isArray(parsed) ? parsed : [parsed]));
			this.host.send(req, res, json(200, JSON.stringify({ receiptIds: ids })));
			return true;
		}
		const route = ROUTE.exec(path);
		const known = route && METHODS[route[2].toLowerCase()];
		if (!route || !known) return false;
		const [, id, , token, suffix, query] = route;
		const method = known.name;
		const answer = (outcome: Outcome): void => {
			this.host.log(at, method, 'kind' in outcome ? outcome.kind : outcome.status);
			this.host.send(req, res, outcome);
		};
		if (known.verb !== req.method) answer(text(404, 'Not Found'));
		else if (decode(id) !== this.host.idInstance) answer(text(403, 'Forbidden'));
		else if (decode(token) !== this.host.token) answer(text(401, 'Unauthorized'));
		else {
			if (method === 'deleteNotification') this.deleteRequests.push(decode(suffix ?? ''));
			const fault = this.host.fault(method, path);
			if (fault) answer(fault);
			else if (!this.host.admit(method, at)) answer(text(429, 'Too Many Requests'));
			else if (method === 'receiveNotification') this.receive(req, res, new URLSearchParams(query ?? ''), answer);
			else if (method === 'deleteNotification') answer(this.remove(suffix));
			else if (method === 'getSettings') answer(json(200, JSON.stringify(this.settings)));
			else answer(this.save(body));
		}
		return true;
	}

	private receive(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, answer: (outcome: Outcome) => void): void {
		const seconds = Number(query.get('receiveTimeout') ?? 5);
		if (!Number.isInteger(seconds) || seconds < 5 || seconds > 60) {
			answer(text(400, 'Validation failed. Details: receiveTimeout must be from 5 to 60'));
			return;
		}
		const head = (): Outcome | undefined => {
			const first = this.queue[0];
			if (!first) return undefined;
			first.deliveries++;
			if (!this.firstHandedOut.has(first.receiptId)) this.firstHandedOut.set(first.receiptId, performance.now());
			return json(200, JSON.stringify({ receiptId: first.receiptId, body: first.body }));
		};
		const now = head();
		if (now) return answer(now);
		const done = (): void => {
			clearTimeout(timer);
			this.waiters.delete(wake);
			res.off('close', done);
		};
		const wake = (): void => {
			done();
			if (!res.destroyed) answer(head() ?? json(200, 'null'));
		};
		const timer = setTimeout(wake, Math.min(seconds * 1000, this.maxLongPollMs));
		this.waiters.add(wake);
		res.on('close', done); // the client went away: nothing to answer
	}

	private remove(suffix: string | undefined): Outcome {
		const receiptId = Number(decode(suffix ?? ''));
		if (!Number.isInteger(receiptId) || receiptId <= 0) return text(400, 'Validation failed. Details: receiptId must be a number');
		const index = this.queue.findIndex((n) => n.receiptId === receiptId);
		if (index === -1) return json(200, JSON.stringify({ result: false, reason: 'Notification not found' }));
		this.queue.splice(index, 1);
		this.deleted.push(receiptId);
		return json(200, JSON.stringify({ result: true, reason: '' }));
	}

	private save(body: string): Outcome {
		let parsed: unknown;
		try {
			parsed = JSON.parse(body);
		} catch {
			return text(400, 'Validation failed');
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return text(400, 'Validation failed');
		const fields = parsed as Record<string, unknown>;
		for (const [key, value] of Object.entries(fields)) {
			if (SETTING_FLAGS.includes(key) && value !== 'yes' && value !== 'no') return text(400, `Validation failed. Details: '${key}' must be one of [yes, no]`);
			if (key === 'delaySendMessagesMilliseconds' && (typeof value !== 'number' || !Number.isInteger(value) || value < 500)) return text(400, "Validation failed. Details: 'delaySendMessagesMilliseconds' must be an integer of at least 500");
			if ((key === 'webhookUrl' || key === 'webhookUrlToken') && typeof value !== 'string') return text(400, `Validation failed. Details: '${key}' must be a string`);
		}
		for (const [key, value] of Object.entries(fields)) if (SETTING_FIELDS.includes(key)) this.settings[key] = value;
		return json(200, JSON.stringify({ saveSettings: true }));
	}
}
