// What follows a queued send on a real instance: outgoingMessageStatus notifications for its
// idMessage (sent → delivered → read by default), into the webhook when the instance has a
// webhookUrl, else into the HTTP API queue, as GREEN-API routes every notification. Off until
// follow() is called, so tests that count the queue see only what they put there.
import type { MessageLog } from './message-log';
import { SEND_METHODS } from './methods';
import { outgoingStatus } from './notification-bodies';
import type { Body } from './notification-bodies';
import type { NotificationQueue } from './notifications';
import type { LoggedMessage } from './types';

export interface FollowOptions {
	/** In this order, one per interval; default sent, delivered, read. */
	statuses?: string[];
	/** Between the send and its first status, and between statuses; default 20 ms. */
	intervalMs?: number;
	/** Given to the failure statuses (failed, noAccount, notInGroup, yellowCard); GREEN-API words its own. */
	description?: string;
	/** Only sends to this chat get statuses; default every chat. */
	chatId?: string;
}

/** The statuses GREEN-API sends even when the instance's outgoingWebhook setting is off. */
const ALWAYS_SENT = new Set(['failed', 'noAccount']);
const FAILURES = new Set(['failed', 'noAccount', 'notInGroup', 'yellowCard']);

export class SendStatuses {
	/** Every status notification made, in order, wherever it went. */
	readonly produced: Body[] = [];
	/** Webhook POSTs that could not be made (no webhookUrl, nothing listening): their reasons. */
	readonly errors: string[] = [];
	private options: { statuses: string[]; intervalMs: number; description: string; chatId?: string } | undefined;
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Statuses planned but not yet produced (a message's next one waits for its timer). */
	private planned = 0;
	private readonly posting = new Set<Promise<unknown>>();

	constructor(
		messages: MessageLog,
		private readonly notifications: NotificationQueue,
		private readonly idInstance: string,
	) {
		messages.onAdd((entry) => this.plan(entry));
	}

	/** From now on each queued send is followed by its statuses; false stops it (the ones already planned are dropped). */
	follow(options: FollowOptions | false = {}): void {
		if (options === false) return this.reset();
		const intervalMs = options.intervalMs ?? 20;
		if (!(intervalMs >= 0) || !Number.isFinite(intervalMs)) throw new RangeError(`intervalMs must be a finite number >= 0, got ${intervalMs}`);
		this.options = { statuses: options.statuses ?? ['sent', 'delivered', 'read'], intervalMs, description: options.description ?? 'Message was not sent', chatId: options.chatId };
	}

	/** Statuses planned or being POSTed: 0 once everything planned so far went out. */
	get pending(): number {
		return this.planned + this.posting.size;
	}

	reset(): void {
		this.options = undefined;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.planned = 0;
		this.produced.length = 0;
		this.errors.length = 0;
	}

	private plan(entry: LoggedMessage): void {
		const options = this.options;
		if (!options || entry.idMessage === undefined || !SEND_METHODS.has(entry.method)) return;
		if (options.chatId !== undefined && options.chatId !== entry.chatId) return;
		// Each status timed from the one before, never all at once: Node fires expired timers a list
		// (one per delay) at a time, so on a busy loop a later send's "read" could pass its "sent".
		this.planned += options.statuses.length;
		const next = (index: number): void => {
			if (index >= options.statuses.length) return;
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this.planned--;
				this.emit(entry, options.statuses[index], options.description);
				next(index + 1);
			}, options.intervalMs);
			this.timers.add(timer);
		};
		next(0);
	}

	private emit(entry: LoggedMessage, status: string, description: string): void {
		if (this.notifications.settings.outgoingWebhook !== 'yes' && !ALWAYS_SENT.has(status)) return;
		const body = outgoingStatus(0, entry.chatId, {
			idMessage: entry.idMessage,
			status,
			timestamp: Math.floor(Date.now() / 1000),
			...(FAILURES.has(status) ? { description } : {}),
		});
		body.instanceData = { ...(body.instanceData as Body), idInstance: Number(this.idInstance) };
		this.produced.push(body);
		if (String(this.notifications.settings.webhookUrl ?? '') === '') {
			this.notifications.enqueue(body);
			return;
		}
		const post = this.notifications
			.deliverWebhook(body)
			.catch((error: Error) => void this.errors.push(`${status} of ${String(entry.idMessage)}: ${error.message}`))
			.finally(() => this.posting.delete(post));
		this.posting.add(post);
	}
}
