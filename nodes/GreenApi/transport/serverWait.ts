/**
 * The one place that decides how long a server may make us wait. A server's Retry-After
 * is a request, not an order: an item waits at most RETRY_WAIT_CAP_MS before its next
 * attempt, and the whole instance (every item and execution behind its limiter) pauses at
 * most INSTANCE_PAUSE_CAP_MS. A longer wait ends the item's attempts at once, saying what
 * the server asked for. No timer set from these values can pass Node's 2^31-1 ms limit.
 */
import { delay } from './delay';

/** The first retry waits this long, each further one twice as long as the one before... */
export const RETRY_BASE_MS = 1000;
/** ...up to this cap; a server asking for more is not waited for. */
export const RETRY_WAIT_CAP_MS = 30_000;
/** Longest hold on the whole instance after a 429, so other items and executions carry on. */
export const INSTANCE_PAUSE_CAP_MS = 5_000;

export type RetryWait = { ok: true; ms: number } | { ok: false; askedMs: number };

/** Retry-After as milliseconds from now: either seconds or an HTTP date; undefined if absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) return undefined;
	if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** How long to wait before retry number `retry` (1 = the first retry), or why not to wait at all. */
export function retryWait(retry: number, retryAfter: string | string[] | undefined): RetryWait {
	const asked = retryAfterMs(retryAfter);
	if (asked !== undefined) return asked > RETRY_WAIT_CAP_MS ? { ok: false, askedMs: asked } : { ok: true, ms: asked };
	return { ok: true, ms: Math.min(RETRY_BASE_MS * 2 ** Math.max(0, retry - 1), RETRY_WAIT_CAP_MS) };
}

/** How long the instance's limiter holds every start after a 429; `fallbackMs` without Retry-After. */
export function instancePauseMs(retryAfter: string | string[] | undefined, fallbackMs: number): number {
	const asked = retryAfterMs(retryAfter) ?? fallbackMs;
	return Math.min(Math.max(0, Number.isFinite(asked) ? asked : INSTANCE_PAUSE_CAP_MS), INSTANCE_PAUSE_CAP_MS);
}

/** "11 days", "3 hours", "45 seconds": what a person makes of a Retry-After. */
export function describeWait(ms: number): string {
	const units: Array<[string, number]> = [
		['day', 86_400_000],
		['hour', 3_600_000],
		['minute', 60_000],
	];
	for (const [name, size] of units) {
		const count = Math.floor(ms / size);
		if (count >= 1) return `${count} ${name}${count === 1 ? '' : 's'}`;
	}
	const seconds = Math.round(ms / 1000);
	return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** Resolves after `ms`, or at once when `signal` aborts; never beyond the retry cap. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	await delay(Math.min(ms, RETRY_WAIT_CAP_MS), signal);
}
