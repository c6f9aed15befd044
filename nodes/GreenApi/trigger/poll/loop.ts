import { delay } from '../../transport/delay';
import { GreenApiError } from '../../transport/failures';
import { normalizeNotification } from '../notification/normalize';
import type { NormalizedNotification } from '../notification/normalize';
import { settle } from './acknowledge';
import { Backoff } from './backoff';
import type { QueueApi, Received } from './queueApi';
import { receiptIdForItem } from './receiptId';
import { ReceiptBook } from './receipts';
import { DEFAULT_TIMING } from './types';
import type { LoopHooks, LoopOptions, LoopTiming } from './types';

/** Wrong token, wrong instance or host, or an instance that lost its WhatsApp login. */
export function isAuthFailure(error: unknown): error is GreenApiError {
	if (!(error instanceof GreenApiError)) return false;
	return error.httpCode === '401' || error.httpCode === '403' || (error.httpCode === '400' && /not authori[sz]ed/i.test(error.message));
}

function aborted(signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}

/**
 * The long-lived consumer of one instance's notification queue: long poll, run, delete,
 * one notification at a time, so executions see the queue's order.
 */
export class PollLoop {
	private readonly controller = new AbortController();
	private readonly timing: LoopTiming;
	private readonly failures: Backoff;
	/** Deletes GREEN-API answered false for: its own back-off, which a successful poll does not reset. */
	private readonly refusals: Backoff;
	private readonly book: ReceiptBook;
	private running: Promise<void> | undefined;

	constructor(
		private readonly api: QueueApi,
		private readonly options: LoopOptions,
		private readonly hooks: LoopHooks,
	) {
		this.timing = { ...DEFAULT_TIMING, ...options.timing };
		this.failures = new Backoff(this.timing.failureBaseMs, this.timing.failureMaxMs);
		this.refusals = new Backoff(this.timing.failureBaseMs, this.timing.failureMaxMs);
		this.book = options.receipts ?? new ReceiptBook();
	}

	/**
	 * Starts polling without waiting for it: n8n awaits trigger() during activation. A loop that
	 * throws would leave the workflow looking active with nothing polling: n8n's error path
	 * shows it and activates the workflow again.
	 */
	start(): Promise<void> {
		this.running ??= this.run().catch((error: unknown) => {
			this.controller.abort();
			this.hooks.crashed(error instanceof Error ? error : new Error(String(error)));
		});
		return this.running;
	}

	/** Resolves when the loop has ended, the execution in flight included. */
	get finished(): Promise<void> {
		return this.running ?? Promise.resolve();
	}

	/**
	 * Aborts the long poll in flight at once and returns: n8n waits for this during a
	 * deactivation or a save. An execution already started keeps running, and its
	 * notification is still deleted when it ends (see remove). `finished` waits for that.
	 */
	stop(): void {
		this.controller.abort();
	}

	get stopped(): boolean {
		return this.controller.signal.aborted;
	}

	private async run(): Promise<void> {
		const signal = this.controller.signal;
		while (!signal.aborted) {
			const received = await this.receive(signal);
			if (received === undefined || received === null) continue;
			const matched = await this.handle(received, signal);
			if (matched && this.options.once) this.controller.abort();
		}
	}

	/** undefined: the call failed (the back-off has been waited); null: nothing came in time. */
	private async receive(signal: AbortSignal): Promise<Received | null | undefined> {
		try {
			const received = await this.api.receive(this.options.receiveTimeout, signal);
			this.failures.reset();
			return received;
		} catch (error) {
			if (!signal.aborted) await this.failed(error, 'receiveNotification', signal);
			return undefined;
		}
	}

	/** True when the notification passed the filters and was run. */
	private async handle(received: Received, signal: AbortSignal): Promise<boolean> {
		const { receiptId } = received;
		const other = this.book.whenDone(receiptId);
		if (other !== undefined) {
			// A previous activation's execution of it is still running: it deletes it when it ends.
			await Promise.race([other, aborted(signal)]);
			if (signal.aborted || this.book.isSettled(receiptId)) return false;
		} else if (this.book.isSettled(receiptId)) {
			this.hooks.warn(`GREEN-API Trigger: notification ${receiptId} was handed out again after it was done with; deleting it again without running it`);
			await this.remove(receiptId, signal);
			return false;
		}
		const end = this.book.begin(receiptId);
		try {
			const item = normalizeNotification(received.body, receiptIdForItem(receiptId));
			const verdict = await this.verdict(item, received.body !== undefined, signal);
			if (verdict.delete) {
				this.book.settle(receiptId);
				await this.remove(receiptId, signal);
			}
			return verdict.matched;
		} finally {
			end();
		}
	}

	private async verdict(item: NormalizedNotification, hasBody: boolean, signal: AbortSignal): Promise<{ delete: boolean; matched: boolean }> {
		if (!hasBody) {
			// Nothing to run: kept, it would block the queue's head for good.
			this.hooks.poison(item, 0, 'GREEN-API handed it out without a notification body');
			return { delete: true, matched: false };
		}
		if (!this.options.filter(item)) return { delete: true, matched: false };
		// In the editor's test the run is discarded once it has its sample: nothing to wait for.
		const acknowledge = this.options.once ? 'onReceive' : this.options.acknowledge;
		const verdict = await settle(item, { acknowledge, maxAttempts: this.options.maxAttempts }, this.timing, this.hooks, signal);
		return { delete: verdict === 'delete', matched: true };
	}

	/**
	 * Retried until GREEN-API answers: a notification left in the queue would start its workflow
	 * again. Closing stops the retries (it then comes back once: at-least-once), but not a
	 * first attempt, so that an execution finishing during a deactivation or n8n's shutdown is
	 * still deleted. An answer `{"result": false}` is not retried here: the receipt is settled,
	 * so if GREEN-API hands it out again it is deleted again, not run; the pause keeps that slow.
	 */
	private async remove(receiptId: string, signal: AbortSignal): Promise<void> {
		for (;;) {
			try {
				const deleted = await this.api.remove(receiptId);
				this.failures.reset();
				if (deleted) {
					this.refusals.reset();
					return;
				}
				const wait = this.refusals.next();
				this.hooks.warn(
					`GREEN-API Trigger: deleteNotification ${receiptId} answered {"result": false}; it will not run again, and is deleted again if GREEN-API hands it out (next poll in ${wait} ms)`,
				);
				await delay(wait, signal);
				return;
			} catch (error) {
				if (signal.aborted) return;
				await this.failed(error, `deleteNotification ${receiptId}`, signal);
				if (signal.aborted) return;
			}
		}
	}

	/** Auth failures go to n8n's trigger error path; anything else is waited out. */
	private async failed(error: unknown, what: string, signal: AbortSignal): Promise<void> {
		if (isAuthFailure(error)) {
			// n8n closes this trigger, records the activation error, runs the error workflow
			// and activates the workflow again with its own growing back-off.
			this.hooks.authFailure(error);
			this.controller.abort();
			return;
		}
		const wait = this.failures.next();
		const message = error instanceof Error ? error.message : String(error);
		this.hooks.warn(`GREEN-API Trigger: ${what} failed (${message}); retry ${this.failures.streak} in ${wait} ms`);
		await delay(wait, signal);
	}
}
