import { limiterRedis } from '../transport/limiter/redisClient';

/**
 * Which GREEN-API instances a GREEN-API Trigger of this n8n polls right now, so that Set
 * Settings can refuse a webhook URL that would silently empty their queue (GREEN-API sends
 * notifications either to the webhook or to the queue, never both).
 *
 * In this process: a Map of the last poll's time. In queue mode the trigger polls in the main
 * process while Set Settings runs on a worker, so each poll also writes a Redis key (n8n's
 * Redis, found as the limiter finds it) that expires unless polls keep refreshing it. Redis
 * is a help, never a condition: when it is absent or fails, the poll goes on and the check
 * falls back to this process's own Map.
 */

/** A long poll lasts up to 60 s: a mark older than this means the trigger stopped without saying so. */
export const POLL_MARK_TTL_MS = 3 * 60_000;

/** idInstance → the last poll's time, and which loop polled (a newer activation's loop replaces an older one's). */
const local = new Map<string, { at: number; poller: object }>();

const keyOf = (prefix: string, idInstance: string) => `${prefix}:green-api:polling:${idInstance}`;

/** Called before each long poll by `poller` (its loop); never throws, never waits for Redis. */
export function markPolling(idInstance: string, poller: object, now = Date.now()): void {
	local.set(idInstance, { at: now, poller });
	const redis = safeRedis();
	if (redis) redis.client.set(keyOf(redis.prefix, idInstance), String(now), 'PX', POLL_MARK_TTL_MS).catch(() => undefined);
}

/**
 * `poller`'s trigger stopped (unpublished, saved, n8n shutting down). n8n may start the
 * next activation's loop before it closes the previous one: that one's close leaves the
 * newer loop's mark alone.
 */
export function unmarkPolling(idInstance: string, poller: object): void {
	if (local.get(idInstance)?.poller !== poller) return;
	local.delete(idInstance);
	const redis = safeRedis();
	if (redis) redis.client.del(keyOf(redis.prefix, idInstance)).catch(() => undefined);
}

/** Whether a trigger of this n8n polled the instance within the TTL, here or (in queue mode) in another process. */
export async function isPolled(idInstance: string, now = Date.now()): Promise<boolean> {
	const last = local.get(idInstance);
	if (last !== undefined && now - last.at < POLL_MARK_TTL_MS) return true;
	const redis = safeRedis();
	if (!redis) return false;
	try {
		return (await redis.client.exists(keyOf(redis.prefix, idInstance))) === 1;
	} catch {
		return false;
	}
}

function safeRedis(): ReturnType<typeof limiterRedis> {
	try {
		return limiterRedis();
	} catch {
		return undefined;
	}
}

/** For tests: forget every mark of this process. */
export function clearPollingMarks(): void {
	local.clear();
}
