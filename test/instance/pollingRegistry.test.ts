import { Redis } from 'ioredis';

import { clearPollingMarks, isPolled, markPolling, POLL_MARK_TTL_MS, unmarkPolling } from '../../nodes/GreenApi/helpers/pollingRegistry';
import { useLimiterRedis } from '../../nodes/GreenApi/transport/limiter/redisClient';
import { freePort } from '../support/ports';
import { RedisServer } from '../limiter/redisServer';

// The registry Set Settings asks before a webhook URL change: in this process, and through a
// real Redis (redis-server on 127.0.0.1) for the queue mode's other processes.
let redis: RedisServer;
let peek: Redis;
const key = (id: string) => `bull:green-api:polling:${id}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

beforeAll(async () => {
	redis = await RedisServer.start();
	peek = new Redis(redis.url);
});
afterAll(async () => {
	await useLimiterRedis(undefined);
	peek.disconnect();
	await redis.stop();
});
beforeEach(async () => {
	clearPollingMarks();
	await peek.flushall();
	await useLimiterRedis({ kind: 'url', url: redis.url, prefix: 'bull', label: 'test Redis' });
});

describe('the polling registry', () => {
	it('in-process: a mark holds for the TTL, and only its own poller removes it', async () => {
		const loop = {};
		markPolling('1101000001', loop, 1_000);
		expect(await isPolled('1101000001', 1_000 + POLL_MARK_TTL_MS - 1)).toBe(true);
		expect(await isPolled('1101000002', 1_000)).toBe(false);
		unmarkPolling('1101000001', {}); // an older activation's close
		expect(await isPolled('1101000001', 1_001)).toBe(true);
		unmarkPolling('1101000001', loop);
		await settle();
		expect(await isPolled('1101000001', 1_001)).toBe(false);
	});

	it('through Redis: a key with a TTL of a few minutes, refreshed by each poll, seen by another process', async () => {
		markPolling('1101000003', {});
		await settle();
		const ttl = await peek.pttl(key('1101000003'));
		expect(ttl).toBeGreaterThan(POLL_MARK_TTL_MS - 5_000);
		expect(ttl).toBeLessThanOrEqual(POLL_MARK_TTL_MS);
		clearPollingMarks(); // as a worker sees it: nothing in its own Map
		expect(await isPolled('1101000003')).toBe(true);
		await peek.del(key('1101000003'));
		expect(await isPolled('1101000003')).toBe(false);
	});

	it('unmarking deletes the Redis key', async () => {
		const loop = {};
		markPolling('1101000004', loop);
		await settle();
		expect(await peek.exists(key('1101000004'))).toBe(1);
		unmarkPolling('1101000004', loop);
		await settle();
		expect(await peek.exists(key('1101000004'))).toBe(0);
	});

	it('an unreachable Redis never fails the poll: the mark falls back to this process', async () => {
		await useLimiterRedis({ kind: 'url', url: `redis://127.0.0.1:${await freePort()}`, prefix: 'bull', label: 'gone' });
		expect(() => markPolling('1101000005', {})).not.toThrow();
		expect(await isPolled('1101000005')).toBe(true);
		clearPollingMarks();
		expect(await isPolled('1101000005')).toBe(false);
	});
});
