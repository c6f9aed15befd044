import { randomBytes } from 'node:crypto';

import { reportBrokenSharedState, reportRedisFailure } from './redisClient';
import type { SharedRedis } from './redisClient';
import { acquire, longestSharedWaitMs, markSent, redisKeysFor, repair } from './redisWindow';
import { SHARED_WINDOW_SAFETY_MS } from './window';

/** One start Redis reserved for this process: when (on this process's clock), and as whom. */
export interface Grant {
	at: number;
	/** Reports the request as sent to Redis; absent for a start let through the local window. */
	sent?: () => void;
}

/** Names this process's starts in Redis. */
const PROCESS_ID = randomBytes(6).toString('hex');
let askCounter = 0;

/**
 * A reserved start taken later than this is given up: the starts reserved after it by other
 * processes were placed by its time, and a late one would crowd them. Lateness comes from a
 * busy event loop or a local 429 pause; the margin the shared window keeps absorbs this much.
 */
const GRANT_GRACE_MS = SHARED_WINDOW_SAFETY_MS;

/** A request sent this much after its reserved start is recorded as late; less is jitter. */
const SENT_LAG_WORTH_TELLING_MS = 5;

/** At most this many starts reserved per question (Redis caps them at one window ahead too). */
const MOST_WANTED = 100;

/**
 * The starts of one instance and method that Redis granted this process, asked for several
 * at a time, one question in flight. The limiter takes them in order as their time comes;
 * `onAnswer` tells it an answer came.
 */
export class SharedGrants {
	readonly #key: string;
	readonly #onAnswer: () => void;
	readonly #grants: Grant[] = [];
	#asking = false;
	#askAfter = 0;

	constructor(key: string, onAnswer: () => void) {
		this.#key = key;
		this.#onAnswer = onAnswer;
	}

	get held(): number {
		return this.#grants.length;
	}

	/** The next usable start, without taking it; stale ones are given up on the way. */
	next(now: number): Grant | undefined {
		while (this.#grants.length > 0 && this.#grants[0].at < now - GRANT_GRACE_MS) this.#grants.shift();
		return this.#grants[0];
	}

	take(): Grant | undefined {
		return this.#grants.shift();
	}

	/** Redis is gone: its reservations no longer bind anyone, the local window alone applies. */
	clear(): void {
		this.#grants.length = 0;
	}

	/**
	 * Asks Redis for `wanted()` more starts unless a question is out or Redis asked to wait.
	 * Returns how many ms until a question may be asked (0: one is out now).
	 */
	ask(redis: SharedRedis, rate: number, wanted: () => number, now: number): number {
		if (this.#asking) return 0;
		if (now < this.#askAfter) return this.#askAfter - now;
		const keys = redisKeysFor(redis.prefix, this.#key);
		this.#asking = true;
		// Counted a moment later: tasks scheduled in one go (a run's items) make one question.
		const question = Promise.resolve().then(() => acquire(redis.client, keys, rate, Math.max(1, Math.min(wanted(), MOST_WANTED)), `${PROCESS_ID}:${++askCounter}`));
		question.then(
			({ waitMs, grants }) => {
				this.#asking = false;
				const answeredAt = performance.now();
				const longest = longestSharedWaitMs(rate);
				if (waitMs > longest || grants.some((grant) => grant.delayMs > longest)) {
					// No decision of a limiter: repair the keys, and let one start through the local window.
					reportBrokenSharedState(keys.starts.replace(/:starts$/, ''), Math.max(waitMs, ...grants.map((grant) => grant.delayMs)), longest);
					repair(redis.client, keys).catch(reportRedisFailure);
					this.#grants.push({ at: answeredAt });
				} else if (grants.length === 0) {
					this.#askAfter = answeredAt + waitMs;
				} else {
					for (const { delayMs, member } of grants) {
						const at = answeredAt + delayMs;
						this.#grants.push({
							at,
							sent: () => {
								// Within the shared margin a lag changes nothing: spare Redis the trip.
								const lateMs = performance.now() - at;
								if (lateMs >= SENT_LAG_WORTH_TELLING_MS) markSent(redis.client, keys, member, lateMs).catch(reportRedisFailure);
							},
						});
					}
				}
				this.#onAnswer();
			},
			(error: unknown) => {
				this.#asking = false;
				// Redis is gone: this start (and those after it) go through the local window.
				reportRedisFailure(error);
				this.#onAnswer();
			},
		);
		return 0;
	}
}
