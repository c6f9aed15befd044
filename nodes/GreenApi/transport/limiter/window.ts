/**
 * The arithmetic of the sliding window, shared by the in-process window and the Redis
 * script (which repeats it in Lua, with these same constants passed in).
 */

/** Absorbs jitter between our start times and the server's arrival times. */
export const WINDOW_SAFETY_MS = 25;
/**
 * Shared by several processes (often on several machines), requests reach the server by
 * different paths and from event loops busy in different ways: a wider margin there.
 */
export const SHARED_WINDOW_SAFETY_MS = 50;
/** A 429 means the jitter was larger than the margin: widen it, up to a second... */
export const EASE_OFF_STEP_MS = 100;
export const EASE_OFF_MAX_MS = 1000;
/**
 * ...and let the widening fade with time, not with traffic: one 429 is forgotten after
 * a second, the widest gap after ten, however many requests were (or were not) sent.
 */
export const EASE_OFF_FADE_MS_PER_SECOND = 100;

export { clampDelay, MAX_TIMER_MS } from '../delay';

export interface Shape {
	/** Starts allowed per window. */
	burst: number;
	windowMs: number;
	/** The least time between two starts: the window's share of one start. */
	spacingMs: number;
}

/**
 * Below 1/s (0.5 = one request every two seconds) the window grows; above it the
 * fraction is dropped, since no one-second window may hold more than the rate.
 * A rate of 0 (or less) means no limit.
 *
 * Starts are also spaced evenly (50/s: one every 21 ms), never sent as a burst of the
 * whole window at once: GREEN-API does not say how it counts its second, and a burst
 * at the edge of its counting is where 429s come from. Paced, 200 messages at 50/s
 * take the 4 s the limit promises, not 3.
 */
export function shape(perSecond: number, easeOffMs: number): Shape {
	if (!(perSecond > 0)) return { burst: Infinity, windowMs: 1000, spacingMs: 0 };
	const secondMs = 1000 + WINDOW_SAFETY_MS + easeOffMs;
	if (perSecond < 1) return { burst: 1, windowMs: secondMs / perSecond, spacingMs: secondMs / perSecond };
	const burst = Math.floor(perSecond);
	return { burst, windowMs: secondMs, spacingMs: secondMs / burst };
}

/**
 * After a start at `now` that was due at `pacedAt`, when the next one is due. Counted from
 * when this one was due, not from when it came: timers fire a little late, and 200 starts
 * each a millisecond late would stretch a 4 s batch by a fifth of a second. Only lateness up
 * to half a gap is made up, so two starts are never closer than half the spacing (and the
 * window's own count holds whatever the pacing does); after a pause, spacing starts afresh.
 */
export function nextPacedStart(pacedAt: number, now: number, spacingMs: number): number {
	return (now - pacedAt <= spacingMs / 2 ? pacedAt : now) + spacingMs;
}

/** The lowest limit among those asked; 0 (no limit) only when none asks for one. */
export function lowestRate(rates: Iterable<number>): number {
	let lowest = Infinity;
	for (const rate of rates) if (rate > 0 && rate < lowest) lowest = rate;
	return lowest === Infinity ? 0 : lowest;
}

/** The widening after 429s, fading linearly with the time since the last one. */
export class EaseOff {
	#ms = 0;
	#at = 0;

	valueAt(now: number): number {
		return Math.max(0, this.#ms - ((now - this.#at) * EASE_OFF_FADE_MS_PER_SECOND) / 1000);
	}

	widen(now: number): void {
		this.#ms = Math.min(EASE_OFF_MAX_MS, this.valueAt(now) + EASE_OFF_STEP_MS);
		this.#at = now;
	}
}
