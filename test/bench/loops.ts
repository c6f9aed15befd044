import { Agent, request } from 'undici';

/**
 * The baselines the node is measured against, both plain undici: a sequential loop with
 * no limiter and no retry (what other GREEN-API nodes do, one item after the other), and
 * a bare concurrent loop (the fastest a client can go at a given concurrency).
 */

export interface Target {
	url: string;
	idInstance: string;
	token: string;
}

export interface LoopResult {
	ok: number;
	failed: number;
	seconds: number;
}

const agent = new Agent({ keepAliveTimeout: 10_000 });

async function fetchOne(target: Target, chatId: string): Promise<boolean> {
	const response = await request(`${target.url}/waInstance${target.idInstance}/getContactInfo/${target.token}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ chatId }),
		dispatcher: agent,
	});
	const text = await response.body.text();
	if (response.statusCode !== 200) return false;
	JSON.parse(text);
	return true;
}

export async function sequentialLoop(target: Target, chatIds: string[]): Promise<LoopResult> {
	return await concurrentLoop(target, chatIds, 1);
}

export async function concurrentLoop(target: Target, chatIds: string[], concurrency: number): Promise<LoopResult> {
	let next = 0;
	let ok = 0;
	let failed = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < chatIds.length) {
			const chatId = chatIds[next++];
			if (await fetchOne(target, chatId).catch(() => false)) ok++;
			else failed++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { ok, failed, seconds: (performance.now() - started) / 1000 };
}

export async function closeLoops(): Promise<void> {
	await agent.close();
}
