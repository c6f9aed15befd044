import type { NotificationFilter } from '../notification/filters';
import type { NormalizedNotification } from '../notification/normalize';
import type { GreenApiError } from '../../transport/failures';
import type { ReceiptBook } from './receipts';

export type Acknowledge = 'afterFinished' | 'onReceive';

/** How one execution ended, as the emit's done-promise tells it. */
export type RunOutcome = { ok: true } | { ok: false; reason: string };

/** What the loop needs from n8n; the trigger node maps these onto ITriggerFunctions. */
export interface LoopHooks {
	/** Starts an execution for the item and resolves when it has ended. */
	run(item: NormalizedNotification): Promise<RunOutcome>;
	/** Starts an execution and does not wait for it (only for what it needs first: its file, with Download Media). */
	start(item: NormalizedNotification): void | Promise<void>;
	/** A notification that failed every attempt (0: that could not be run) was deleted: tell the user. */
	poison(item: NormalizedNotification, attempts: number, reason: string): void;
	/** The credential or the instance's authorisation is wrong: n8n's trigger error path. */
	authFailure(error: GreenApiError): void;
	/** The loop ended on an error it did not expect: n8n's trigger error path, as for authFailure. */
	crashed(error: Error): void;
	warn(message: string): void;
}

export interface LoopTiming {
	/** First wait after a failed execution of the same notification; doubles per attempt. */
	retryBaseMs: number;
	/** First wait after a failed GREEN-API call; doubles, with jitter, up to failureMaxMs. */
	failureBaseMs: number;
	failureMaxMs: number;
}

export const DEFAULT_TIMING: LoopTiming = { retryBaseMs: 2_000, failureBaseMs: 1_000, failureMaxMs: 60_000 };

export interface LoopOptions {
	receiveTimeout: number;
	acknowledge: Acknowledge;
	/** Executions per notification before the poison rule deletes it (afterFinished only). */
	maxAttempts: number;
	filter: NotificationFilter;
	/** "Listen for test event": stop after the first matching notification. */
	once?: boolean;
	timing?: Partial<LoopTiming>;
	/** Shared by the loops of one instance in this process (receiptBookFor); default: the loop's own. */
	receipts?: ReceiptBook;
}
