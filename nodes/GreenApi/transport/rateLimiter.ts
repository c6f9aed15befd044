/**
 * Per-instance request limiter, shared by every execution in this n8n process.
 *
 * GREEN-API counts requests per instance and method and answers 429 above the limit,
 * so the limiter guarantees that no window of one second (plus a small safety margin
 * for network jitter) ever holds more request starts than the configured rate. Tasks
 * start in arrival order, each as soon as the window allows.
 *
 * A start counts from the moment the request is written to a connected socket (the task
 * reports it through `markSent`), not from its dispatch: a request that first has to open
 * a connection reaches the server later than one on a warm keep-alive socket, and
 * counting from dispatch would let the two arrive less than a second apart.
 */

/** Absorbs jitter between our start times and the server's arrival times. */
export const WINDOW_SAFETY_MS = 25;
/** A 429 means the jitter was larger than the margin: widen it, up to a second... */
const EASE_OFF_STEP_MS = 100;
const EASE_OFF_MAX_MS = 1000;
/** ...and narrow it again by this much per start, back to the bare margin. */
const EASE_OFF_DECAY_MS = 2;

type Task = (markSent: () => void) => void;
interface Start {
	at: number;
}

export class RateLimiter {
	#perSecond: number;
	#starts: Start[] = [];
	#queue: Task[] = [];
	#pausedUntil = 0;
	#easeOffMs = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(perSecond: number) {
		this.#perSecond = perSecond;
	}

	get perSecond(): number {
		return this.#perSecond;
	}

	/** 0 (or less) means no limit: for hosts without one, such as a local emulator. */
	set perSecond(value: number) {
		if (value === this.#perSecond) return;
		this.#perSecond = value;
		this.#drain();
	}

	get queued(): number {
		return this.#queue.length;
	}

	/**
	 * Runs `task` when the rate allows. An aborted task leaves the queue at once and runs
	 * without taking a slot: it sends nothing, it only has to report its abort.
	 */
	schedule(task: Task, signal?: AbortSignal | null): void {
		if (signal?.aborted) {
			task(noop);
			return;
		}
		const onAbort = () => {
			const index = this.#queue.indexOf(queued);
			if (index === -1) return;
			this.#queue.splice(index, 1);
			task(noop);
		};
		const queued: Task = (markSent) => {
			signal?.removeEventListener('abort', onAbort);
			task(markSent);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		this.#queue.push(queued);
		this.#drain();
	}

	/** The server said 429: hold every start until it is ready again, and keep wider gaps for a while. */
	penalize(delayMs: number): void {
		this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + delayMs);
		this.#easeOffMs = Math.min(EASE_OFF_MAX_MS, this.#easeOffMs + EASE_OFF_STEP_MS);
		this.#drain();
	}

	/** How long the server should be left alone after a 429 without Retry-After. */
	get windowMs(): number {
		const { windowMs } = this.#shape();
		return windowMs;
	}

	#drain(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		while (this.#queue.length > 0) {
			const now = performance.now();
			const wait = this.#nextStart(now) - now;
			if (wait > 0) {
				this.#timer = setTimeout(() => this.#drain(), Math.ceil(wait));
				return;
			}
			this.#queue.shift()!(this.#record(now));
		}
	}

	/** Counts a start now; the returned callback moves it to when the request is sent. */
	#record(now: number): () => void {
		if (this.#perSecond <= 0) return noop;
		this.#easeOffMs = Math.max(0, this.#easeOffMs - EASE_OFF_DECAY_MS);
		const start: Start = { at: now };
		this.#starts.push(start);
		return () => {
			// Only ever later: a pending timer re-checks the window when it fires.
			start.at = Math.max(start.at, performance.now());
			this.#starts.sort((a, b) => a.at - b.at);
		};
	}

	#nextStart(now: number): number {
		if (this.#perSecond <= 0) return this.#pausedUntil;
		const { burst, windowMs } = this.#shape();
		while (this.#starts.length > 0 && this.#starts[0].at <= now - windowMs) this.#starts.shift();
		if (this.#starts.length > burst) this.#starts.splice(0, this.#starts.length - burst);
		const slot = this.#starts.length < burst ? now : this.#starts[this.#starts.length - burst].at + windowMs;
		return Math.max(slot, this.#pausedUntil);
	}

	/**
	 * Below 1/s (0.5 = one request every two seconds) the window grows; above it the
	 * fraction is dropped, since no one-second window may hold more than the rate.
	 */
	#shape(): { burst: number; windowMs: number } {
		if (this.#perSecond <= 0) return { burst: Infinity, windowMs: 1000 };
		const secondMs = 1000 + WINDOW_SAFETY_MS + this.#easeOffMs;
		if (this.#perSecond < 1) return { burst: 1, windowMs: secondMs / this.#perSecond };
		return { burst: Math.floor(this.#perSecond), windowMs: secondMs };
	}
}

const noop = () => {};

const limiters = new Map<string, RateLimiter>();

/** The limiter of one instance (and method); the latest configured rate wins. */
export function limiterFor(key: string, perSecond: number): RateLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(perSecond);
		limiters.set(key, limiter);
	}
	limiter.perSecond = perSecond;
	return limiter;
}
