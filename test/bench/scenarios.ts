import type { IDataObject } from 'n8n-workflow';
import { request } from 'undici';

import { parseContact } from '../../nodes/GreenApi/helpers/contact';
import { spec as getContactInfo } from '../../nodes/GreenApi/actions/contact/getContactInfo.operation';
import { buildOutputs } from '../../nodes/GreenApi/helpers/runner';
import type { GreenApiStage } from '../support/greenApiStage';
import { concurrentLoop, sequentialLoop } from './loops';
import type { LoopResult, Target } from './loops';

export interface LimitedRow {
	client: string;
	items: number;
	seconds: number;
	goodputPerSecond: number;
	goodputOverR: number;
	server429s: number;
	failedItems: number;
}

export interface ThroughputRow {
	client: string;
	items: number;
	seconds: number;
	itemsPerSecond: number;
}

export interface ProductsRow {
	products: number;
	buildMs: number;
	heapRetainedMb: number;
	peakRssGrowthMb: number;
	nodeRunMs: number;
	/** The same run again: what is left once the code paths are compiled. */
	nodeRunRepeatMs: number;
}

/** Items each client runs, unmeasured, before its measured run. */
export const WARM_UP_ITEMS = 100;

export function phones(count: number, prefix: string): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(11 - prefix.length, '0')}@c.us`);
}

function target(stage: GreenApiStage): Target {
	return { url: stage.emulator.url, idInstance: stage.emulator.idInstance, token: stage.emulator.token };
}

/** Runs the node through n8n's engine; every chatId is distinct, so nothing is deduplicated. */
async function nodeRun(stage: GreenApiStage, chatIds: string[], options: IDataObject, operation = 'getContactInfo'): Promise<LoopResult> {
	const started = performance.now();
	const { contacts, error } = await stage.runNode(chatIds.map((chatId) => ({ chatId })), { options, operation, onError: 'continueRegularOutput' });
	const seconds = (performance.now() - started) / 1000;
	if (error) throw error;
	const failed = contacts.filter((item) => item.json.error !== undefined).length;
	return { ok: contacts.length - failed, failed, seconds };
}

/** A server allowing R requests per second: this node set to R, against a plain loop. */
export async function limited(stage: GreenApiStage, perSecond: number, items: number): Promise<LimitedRow[]> {
	stage.emulator.reset();
	stage.emulator.setRateLimit('getContactInfo', perSecond);
	stage.emulator.setLatency(5);
	const row = (client: string, result: LoopResult): LimitedRow => {
		const row = limitedRow(stage, client, items, perSecond, result);
		stage.emulator.setRateLimit('getContactInfo', perSecond);
		stage.emulator.setLatency(5);
		return row;
	};
	const node = row('this node', await nodeRun(stage, phones(items, '7901'), { requestsPerSecond: perSecond }));
	const loop = row('sequential loop, no limiter', await sequentialLoop(target(stage), phones(items, '7902')));
	return [node, loop];
}

/**
 * Check WhatsApp against GREEN-API's own limit for it (10/s, the emulator's default), the
 * node left at its default, which is that same limit: no option set.
 */
export async function checkWhatsappAtItsLimit(stage: GreenApiStage, items: number): Promise<LimitedRow> {
	stage.emulator.reset();
	stage.emulator.setLatency(5);
	const perSecond = 10;
	const result = await nodeRun(stage, phones(items, '7911'), {}, 'checkWhatsapp');
	return limitedRow(stage, 'this node, Check WhatsApp (default limit)', items, perSecond, result);
}

/** A limited run's row, with the server's 429s counted since its reset; resets it again. */
function limitedRow(stage: GreenApiStage, client: string, items: number, perSecond: number, result: LoopResult): LimitedRow {
	const row: LimitedRow = {
		client,
		items,
		seconds: result.seconds,
		goodputPerSecond: result.ok / result.seconds,
		goodputOverR: result.ok / result.seconds / perSecond,
		server429s: stage.emulator.count({ status: 429 }),
		failedItems: result.failed,
	};
	stage.emulator.reset();
	return row;
}

/** A server with no limit and 20 ms latency: how close the node comes to bare HTTP. */
export async function unlimited(stage: GreenApiStage, items: number, concurrency: number): Promise<ThroughputRow[]> {
	stage.emulator.reset();
	stage.emulator.setRateLimit('getContactInfo', 0);
	stage.emulator.setLatency(20);
	const row = (client: string, result: LoopResult): ThroughputRow => {
		if (result.failed > 0) throw new Error(`${client}: ${result.failed} items failed on an unlimited server`);
		return { client, items, seconds: result.seconds, itemsPerSecond: result.ok / result.seconds };
	};
	// Warm every client up (connections open, code compiled) so that none pays for it in its row.
	const options = { requestsPerSecond: 0, maxConcurrency: concurrency };
	await nodeRun(stage, phones(WARM_UP_ITEMS, '7906'), options);
	await sequentialLoop(target(stage), phones(WARM_UP_ITEMS, '7907'));
	await concurrentLoop(target(stage), phones(WARM_UP_ITEMS, '7908'), concurrency);
	return [
		row(`this node (concurrency ${concurrency})`, await nodeRun(stage, phones(items, '7903'), options)),
		row('sequential loop', await sequentialLoop(target(stage), phones(items, '7904'))),
		row(`bare undici loop (concurrency ${concurrency})`, await concurrentLoop(target(stage), phones(items, '7905'), concurrency)),
	];
}

/** One contact with a large catalogue: parsing the answer and building both outputs. */
export async function products(stage: GreenApiStage, count: number): Promise<ProductsRow> {
	stage.emulator.reset();
	stage.emulator.setRateLimit('getContactInfo', 0);
	stage.emulator.setLatency(0);
	const chatId = `79990${String(count).padStart(6, '0')}@c.us`;
	const { url, idInstance, token } = target(stage);
	const fetchBody = async () => {
		const response = await request(`${url}/waInstance${idInstance}/getContactInfo/${token}`, { method: 'POST', body: JSON.stringify({ chatId }) });
		return await response.body.text();
	};
	await fetchBody(); // the emulator builds and caches the catalogue on first use
	const body = await fetchBody();

	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.resourceUsage().maxRSS;
	const started = performance.now();
	const parsed = parseContact(JSON.parse(body), chatId);
	const outputs = buildOutputs(getContactInfo, [{ ok: true, key: chatId, params: chatId, given: { chatId } }], new Map([[chatId, { ok: true as const, value: parsed }]]), {
		node: { id: 'bench', name: 'GREEN-API', type: 'greenApi', typeVersion: 1, position: [0, 0], parameters: {} },
		continueOnFail: false,
		secrets: [],
		options: {},
	});
	const buildMs = performance.now() - started;
	gc?.();
	const heapRetainedMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
	const peakRssGrowthMb = (process.resourceUsage().maxRSS - rssBefore) / 1024;
	if (outputs[1].length !== count) throw new Error(`expected ${count} product items, got ${outputs[1].length}`);

	const timedRun = async () => {
		const runStarted = performance.now();
		const run = await stage.runNode([{ chatId }], { options: { requestsPerSecond: 0 } });
		if (run.products.length !== count) throw new Error(`the node gave ${run.products.length} product items, not ${count}`);
		return performance.now() - runStarted;
	};
	const nodeRunMs = await timedRun();
	const nodeRunRepeatMs = await timedRun();
	return { products: count, buildMs, heapRetainedMb, peakRssGrowthMb, nodeRunMs, nodeRunRepeatMs };
}
