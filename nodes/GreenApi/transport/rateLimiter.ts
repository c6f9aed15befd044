/**
 * Per-instance, per-method request limiter, shared by every execution in this n8n process
 * and, in queue mode, by every worker through n8n's Redis (see limiter/redisClient.ts).
 *
 * GREEN-API counts requests per instance and method and answers 429 above the limit,
 * so the limiter guarantees that no window of one second (plus a small safety margin
 * for network jitter) ever holds more request starts than the rate, and spaces the starts
 * evenly within it (limiter/window.ts says why). Tasks start in arrival order, each as soon
 * as the window allows.
 *
 * In queue mode Redis reserves the starts, a window's worth per round trip
 * (limiter/sharedGrants.ts), so a Redis far away adds its latency once, not to every start.
 *
 * A start counts from the moment the request is written to a connected socket (the task
 * reports it through `markSent`), not from its dispatch: a request that first has to open
 * a connection reaches the server later than one on a warm keep-alive socket, and
 * counting from dispatch would let the two arrive less than a second apart.
 *
 * Lowest rate wins: executions may ask different rates for one instance and method; the
 * window applies the lowest rate asked by the tasks waiting or started within the last
 * window. A rate fades out one window after its last task started.
 */
import { LocalWindow } from './limiter/localWindow';
import { limiterRedis, reportRedisFailure } from './limiter/redisClient';
import { penalize as penalizeInRedis, redisKeysFor } from './limiter/redisWindow';
import { SharedGrants } from './limiter/sharedGrants';
import { clampDelay, lowestRate } from './limiter/window';
import { INSTANCE_PAUSE_CAP_MS } from './serverWait';

export { WINDOW_SAFETY_MS } from './limiter/window';

type Task = (markSent: () => void) => void;

/** What callers hold: the limiter of one instance and method, at the rate they asked for. */
export interface RateLimiter {
	/** The rate this caller asked for (0 = no limit). */
	readonly perSecond: number;
	/** The rate applied now: the lowest among those asked by live tasks. */
	readonly effectivePerSecond: number;
	/** Tasks waiting for a slot, in this process. */
	readonly queued: number;
	/** How long the server should be left alone after a 429 without Retry-After. */
	readonly windowMs: number;
	/**
	 * Runs `task` when the rate allows. An aborted task leaves the queue at once and runs
	 * without taking a slot: it sends nothing, it only has to report its abort.
	 */
	schedule(task: Task, signal?: AbortSignal | null): void;
	/** The server said 429: hold every start (in every process) until then; keep wider gaps a while. */
	penalize(delayMs: number): void;
}

interface Entry {
	run: Task;
	perSecond: number;
}

export class InstanceLimiter {
	readonly #key: string;
	readonly #local = new LocalWindow();
	readonly #queue: Entry[] = [];
	/** How many queued tasks asked each rate: the lowest is found without walking the queue. */
	readonly #queuedRates = new Map<number, number>();
	/** Rates of tasks already started, each counting until its start has left the window. */
	readonly #recent = new Map<number, number>();
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** Starts Redis reserved for this process (queue mode): several per round trip. */
	readonly #shared: SharedGrants;

	constructor(key: string) {
		this.#key = key;
		this.#shared = new SharedGrants(key, () => this.#drain());
	}

	get queued(): number {
		return this.#queue.length;
	}

	effectiveRate(now = performance.now()): number {
		for (const [rate, until] of this.#recent) if (until <= now) this.#recent.delete(rate);
		return lowestRate([...this.#queuedRates.keys(), ...this.#recent.keys()]);
	}

	windowMs(perSecond: number): number {
		const now = performance.now();
		return this.#local.shapeAt(now, lowestRate([perSecond, this.effectiveRate(now)])).windowMs;
	}

	schedule(task: Task, perSecond: number, signal?: AbortSignal | null): void {
		if (signal?.aborted) {
			task(noop);
			return;
		}
		const onAbort = () => {
			const index = this.#queue.indexOf(entry);
			if (index === -1) return;
			this.#queue.splice(index, 1);
			this.#dequeued(entry);
			task(noop);
			this.#drain();
		};
		const entry: Entry = {
			perSecond,
			run: (markSent) => {
				signal?.removeEventListener('abort', onAbort);
				task(markSent);
			},
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		this.#queue.push(entry);
		this.#queuedRates.set(perSecond, (this.#queuedRates.get(perSecond) ?? 0) + 1);
		this.#drain();
	}

	penalize(delayMs: number): void {
		// The cap is the limiter's own too: every wait it can ask of others stays bounded.
		delayMs = Math.min(delayMs, INSTANCE_PAUSE_CAP_MS);
		this.#local.penalize(performance.now(), delayMs);
		const redis = limiterRedis();
		if (redis) penalizeInRedis(redis.client, redisKeysFor(redis.prefix, this.#key), delayMs).catch(reportRedisFailure);
		this.#drain();
	}

	#drain(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		while (this.#queue.length > 0) {
			const now = performance.now();
			const rate = this.effectiveRate(now);
			const redis = rate > 0 ? limiterRedis() : undefined;
			if (!redis) this.#shared.clear();
			const grant = this.#shared.next(now);
			if (redis && this.#shared.held < this.#queue.length) {
				// Answered asynchronously: its answer drains again; a wait Redis asked for wakes this.
				const askIn = this.#shared.ask(redis, rate, () => this.#queue.length - this.#shared.held, now);
				if (!grant) return askIn > 0 ? this.#wake(askIn) : undefined;
			}
			if (redis && !grant) return;
			// Both must allow it: Redis (every process) and this process's own window,
			// which also holds a 429's pause before Redis hears of it.
			const wait = Math.max(grant ? grant.at - now : 0, this.#local.wait(now, rate));
			if (wait > 0) return this.#wake(wait);
			if (grant) this.#shared.take();
			this.#start(now, rate, grant?.sent);
		}
	}

	#start(now: number, rate: number, sentElsewhere?: () => void): void {
		const entry = this.#queue.shift()!;
		this.#dequeued(entry);
		this.#recent.set(entry.perSecond, now + this.#local.shapeAt(now, entry.perSecond).windowMs);
		const sentHere = this.#local.record(now, rate);
		entry.run(
			sentElsewhere
				? () => {
						sentHere();
						sentElsewhere();
					}
				: sentHere,
		);
	}

	#dequeued(entry: Entry): void {
		const left = (this.#queuedRates.get(entry.perSecond) ?? 1) - 1;
		if (left > 0) this.#queuedRates.set(entry.perSecond, left);
		else this.#queuedRates.delete(entry.perSecond);
	}

	#wake(wait: number): void {
		this.#timer = setTimeout(() => this.#drain(), Math.max(1, clampDelay(wait)));
	}
}

const noop = () => {};

const limiters = new Map<string, InstanceLimiter>();

/**
 * The limiter of one instance and method (key `idInstance|method`; any prefix before them
 * is tolerated), at the rate this caller asks; the lowest rate among live callers applies.
 */
export function limiterFor(key: string, perSecond: number): RateLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new InstanceLimiter(key);
		limiters.set(key, limiter);
	}
	const shared = limiter;
	return {
		perSecond,
		get effectivePerSecond() {
			return lowestRate([perSecond, shared.effectiveRate()]);
		},
		get queued() {
			return shared.queued;
		},
		get windowMs() {
			return shared.windowMs(perSecond);
		},
		schedule: (task, signal) => shared.schedule(task, perSecond, signal),
		penalize: (delayMs) => shared.penalize(delayMs),
	};
}
