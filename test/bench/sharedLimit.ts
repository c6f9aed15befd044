import { SlowProxy } from '../limiter/fakeRedis';
import { RedisServer } from '../limiter/redisServer';
import { runProcesses } from '../limiter/sharedLimitProcesses';
import type { ProcessesRun } from '../limiter/sharedLimitProcesses';
import type { GreenApiStage } from '../support/greenApiStage';
import type { LimitedRow } from './scenarios';

/** A limited run's figures, named by the limiter instead of the client. */
export interface SharedLimitRow extends Omit<LimitedRow, 'client'> {
	limiter: string;
	processes: number;
	/**
	 * The rate the server saw, over R: answered requests between the first and the last to
	 * arrive. Unlike goodput it leaves out the processes' start-up (Node loading n8n-workflow).
	 */
	serverRateOverR: number;
}

/**
 * Several plain Node processes (n8n workers, in effect) sharing one instance: each with its
 * own limiter, then all with the limiter shared through a real Redis on 127.0.0.1.
 */
export async function sharedLimit(stage: GreenApiStage, perSecond: number, processes: number, itemsEach: number): Promise<SharedLimitRow[]> {
	const redis = await RedisServer.start();
	const target = { url: stage.emulator.url, idInstance: stage.emulator.idInstance, token: stage.emulator.token };
	const row = (limiter: string, run: ProcessesRun): SharedLimitRow => {
		const ok = run.results.reduce((sum, result) => sum + result.ok, 0);
		const seconds = run.ms / 1000;
		const answered = stage.emulator.requests.filter((request) => request.status === 200).map((request) => request.at);
		const spanSeconds = (Math.max(...answered) - Math.min(...answered)) / 1000;
		return {
			limiter,
			processes,
			items: processes * itemsEach,
			seconds,
			goodputPerSecond: ok / seconds,
			goodputOverR: ok / seconds / perSecond,
			serverRateOverR: (answered.length - 1) / spanSeconds / perSecond,
			server429s: stage.emulator.count({ status: 429 }),
			failedItems: processes * itemsEach - ok,
		};
	};
	const measure = async (limiter: string, redisUrl?: string, method: 'getContactInfo' | 'checkWhatsapp' = 'getContactInfo') => {
		stage.emulator.reset();
		stage.emulator.setRateLimit(method, perSecond);
		stage.emulator.setLatency(5);
		return row(limiter, await runProcesses(target, { processes, items: itemsEach, perSecond, redisUrl, method, timeoutMs: 180_000 }));
	};
	// A Redis on another host: every chunk held 100 ms each way (200 ms a round trip).
	const farAway = await SlowProxy.start(redis.port, 100);
	try {
		return [
			await measure('per-process (no Redis)'),
			await measure('shared through Redis', redis.url),
			await measure('Check WhatsApp, shared through Redis 100 ms away (each way)', farAway.url, 'checkWhatsapp'),
		];
	} finally {
		await farAway.close();
		await redis.stop();
	}
}
