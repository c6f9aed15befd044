import Redis from 'ioredis';
import { LoggerProxy } from 'n8n-workflow';

import { useLimiterRedis } from '../../nodes/GreenApi/transport/limiter/redisClient';
import { InstanceLimiter } from '../../nodes/GreenApi/transport/rateLimiter';
import { SlowProxy } from './fakeRedis';
import { RedisServer } from './redisServer';
import { busiestWindow, uniqueKey } from './window';

/**
 * A Redis far from the workers (another host, another zone) must cost latency, not rate:
 * one decision in flight at a time once meant a 10/s limit delivered 3/s with Redis 300 ms
 * away. Each question now reserves a window's worth of starts. The rate itself is measured
 * by `npm run bench` (no timing asserts here): these tests count Redis's decisions and the
 * spacing of the starts they grant, on a real redis-server behind a slow TCP proxy.
 */

let redis: RedisServer;
let proxy: SlowProxy;

beforeAll(async () => {
	redis = await RedisServer.start();
	proxy = await SlowProxy.start(redis.port, 100);
	LoggerProxy.init({ error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as never);
});

afterAll(async () => {
	await useLimiterRedis(undefined);
	await proxy?.close();
	await redis?.stop();
});

beforeEach(async () => {
	await useLimiterRedis({ kind: 'url', url: proxy.url, prefix: 'bull', label: 'Redis behind a slow proxy' });
});

/** Runs `count` tasks on each limiter; resolves with every start time, sorted. */
function runAll(limiters: InstanceLimiter[], perSecond: number, count: number): Promise<number[]> {
	const starts: number[] = [];
	return new Promise((resolve) => {
		for (const limiter of limiters) {
			for (let i = 0; i < count; i++) {
				limiter.schedule((markSent) => {
					markSent();
					starts.push(performance.now());
					if (starts.length === count * limiters.length) resolve(starts.sort((a, b) => a - b));
				}, perSecond);
			}
		}
	});
}

/** Counts the limiter's decisions (its acquire script: 3 keys and 3 arguments) while `work` runs. */
async function decisionsDuring(work: () => Promise<unknown>): Promise<number> {
	const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
	const monitor = await client.monitor();
	let decisions = 0;
	monitor.on('monitor', (_time: string, args: string[]) => {
		if (args[0]?.toLowerCase().startsWith('eval') && args[2] === '3' && args.length === 9) decisions++;
	});
	try {
		await work();
		return decisions;
	} finally {
		monitor.disconnect();
		client.disconnect();
	}
}

describe('a Redis 100 ms away (each way)', () => {
	it('grants several starts per question: 30 starts at 10/s take about a third as many decisions', async () => {
		const limiter = new InstanceLimiter(uniqueKey('checkWhatsapp'));
		const decisions = await decisionsDuring(() => runAll([limiter], 10, 30));
		// One decision per start, as before, is 30 or more; a window's worth each is about 11.
		expect(decisions).toBeGreaterThan(0);
		expect(decisions).toBeLessThanOrEqual(20);
	}, 20_000);

	it('keeps the starts of two processes spaced as one: never a burst, never two at 10/s within 40 ms', async () => {
		const key = uniqueKey('checkWhatsapp');
		const starts = await runAll([new InstanceLimiter(key), new InstanceLimiter(key)], 10, 10);
		const gaps = starts.slice(1).map((at, i) => at - starts[i]);
		expect(starts).toHaveLength(20);
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(40);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(10);
	}, 20_000);
});
