import { LoggerProxy } from 'n8n-workflow';

import { useLimiterRedis } from '../../nodes/GreenApi/transport/limiter/redisClient';
import { redisKeysFor } from '../../nodes/GreenApi/transport/limiter/redisWindow';
import { InstanceLimiter } from '../../nodes/GreenApi/transport/rateLimiter';
import { HostileRedis } from './fakeRedis';
import { RedisServer } from './redisServer';
import { uniqueKey } from './window';

/**
 * A wait that the shared state asks for is bounded by what the limiter itself could ask
 * (a window at the lowest rate, plus the capped 429 pause). Longer means the state is
 * broken: a clock stepped back, keys written by something else, a server that is no Redis.
 * The keys are corrupted on a real redis-server; the hostile server answers anything.
 */

let redis: RedisServer;
const warnings: string[] = [];
const DAY_MS = 86_400_000;
/** Far shorter than any broken wait here, far longer than a bounded one. */
const HELD_MS = 8000;

beforeAll(async () => {
	redis = await RedisServer.start();
	LoggerProxy.init({ error: () => {}, warn: (message: string) => warnings.push(message), info: () => {}, debug: () => {} } as never);
});

afterAll(async () => {
	await useLimiterRedis(undefined);
	await redis?.stop();
});

beforeEach(async () => {
	warnings.length = 0;
	await useLimiterRedis({ kind: 'url', url: redis.url, prefix: 'bull', label: `Redis 127.0.0.1:${redis.port}` });
});

/** Resolves 'started' once `count` tasks have started, or 'held' if they have not after HELD_MS. */
function run(limiter: InstanceLimiter, perSecond: number, count: number): Promise<'started' | 'held'> {
	let started = 0;
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve('held'), HELD_MS);
		for (let i = 0; i < count; i++) {
			limiter.schedule((markSent) => {
				markSent();
				if (++started === count) {
					clearTimeout(timer);
					resolve('started');
				}
			}, perSecond);
		}
	});
}

const redisNowMs = () => redis.inspect(async (client) => {
	const [seconds, micros] = await client.time();
	return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
});
const brokenWarnings = () => warnings.filter((message) => message.includes('shared state'));

describe('a broken shared state', () => {
	it('a 429 pause 10 days ahead holds nothing: it is logged once and repaired', async () => {
		const key = uniqueKey();
		const keys = redisKeysFor('bull', key);
		const now = await redisNowMs();
		await redis.inspect((client) => client.hset(keys.state, 'pausedUntil', now + 10 * DAY_MS + 60_000, 'ease', 0, 'easeAt', now));
		expect(await run(new InstanceLimiter(key), 10, 3)).toBe('started');
		expect(brokenWarnings()).toHaveLength(1);
		expect(brokenWarnings()[0]).toMatch(/asked to wait 10 days/);
		const paused = Number(await redis.inspect((client) => client.hget(keys.state, 'pausedUntil')));
		expect(paused).toBeLessThan(now + 60_000);
		// Repaired: the next starts are shared through Redis again.
		expect(await run(new InstanceLimiter(key), 10, 1)).toBe('started');
		expect(await redis.inspect((client) => client.zcard(keys.starts))).toBeGreaterThan(0);
		expect(brokenWarnings()).toHaveLength(1);
	}, 20_000);

	it('start times an hour ahead (the clock stepped back) hold nothing and are brought back', async () => {
		const key = uniqueKey();
		const keys = redisKeysFor('bull', key);
		const now = await redisNowMs();
		await redis.inspect((client) => client.zadd(keys.starts, now + 3_600_000, 'old:1', now + 3_600_001, 'old:2'));
		expect(await run(new InstanceLimiter(key), 2, 2)).toBe('started');
		expect(brokenWarnings()).toHaveLength(1);
		const latest = await redis.inspect((client) => client.zrange(keys.starts, -1, -1, 'WITHSCORES'));
		expect(Number(latest[1])).toBeLessThan(now + 60_000);
	}, 20_000);

	it('a server answering 10 days to every question holds nothing: logged once, the local limit applies', async () => {
		const hostile = await HostileRedis.start(`:${10 * DAY_MS}\r\n`);
		try {
			await useLimiterRedis({ kind: 'url', url: hostile.url, prefix: 'bull', label: `Redis 127.0.0.1:${hostile.port}` });
			const limiter = new InstanceLimiter(uniqueKey());
			expect(await run(limiter, 10, 5)).toBe('started');
			expect(await run(limiter, 10, 2)).toBe('started');
			expect(brokenWarnings()).toHaveLength(1);
			expect(brokenWarnings()[0]).toContain(`Redis 127.0.0.1:${hostile.port}`);
		} finally {
			await useLimiterRedis(undefined);
			await hostile.close();
		}
	}, 20_000);
});
