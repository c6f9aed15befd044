import { clampDelay, EaseOff, nextPacedStart, shape } from './window';

interface Start {
	at: number;
}

/**
 * The starts of one instance and method in this process, and its 429 pause. Used alone
 * without Redis; with Redis it still records this process's own starts, so that falling
 * back mid-run keeps at least this process within the rate.
 */
export class LocalWindow {
	#starts: Start[] = [];
	/** When the next evenly spaced start is due (window.ts, nextPacedStart). */
	#pacedAt = 0;
	#pausedUntil = 0;
	#easeOff = new EaseOff();

	/** Milliseconds until a start at `perSecond` is allowed; 0 = now. */
	wait(now: number, perSecond: number): number {
		const paused = this.#pausedUntil - now;
		if (!(perSecond > 0)) return Math.max(0, paused);
		const { burst, windowMs } = this.shapeAt(now, perSecond);
		while (this.#starts.length > 0 && this.#starts[0].at <= now - windowMs) this.#starts.shift();
		const slot = this.#starts.length < burst ? now : this.#starts[this.#starts.length - burst].at + windowMs;
		return Math.max(0, slot - now, this.#pacedAt - now, paused);
	}

	/** Counts a start now; the returned callback moves it to when the request is sent. */
	record(now: number, perSecond: number): () => void {
		if (!(perSecond > 0)) return () => {};
		const start: Start = { at: now };
		this.#starts.push(start);
		// A window never needs more starts than its burst; keep the list short.
		const { burst, spacingMs } = this.shapeAt(now, perSecond);
		this.#pacedAt = nextPacedStart(this.#pacedAt, now, spacingMs);
		if (this.#starts.length > burst + 1) this.#starts.splice(0, this.#starts.length - burst - 1);
		return () => {
			// Only ever later: a pending timer re-checks the window when it fires.
			start.at = Math.max(start.at, performance.now());
			this.#starts.sort((a, b) => a.at - b.at);
		};
	}

	penalize(now: number, delayMs: number): void {
		this.#pausedUntil = Math.max(this.#pausedUntil, now + clampDelay(delayMs));
		this.#easeOff.widen(now);
	}

	shapeAt(now: number, perSecond: number) {
		return shape(perSecond, this.#easeOff.valueAt(now));
	}
}
