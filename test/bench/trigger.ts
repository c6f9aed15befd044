import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { toConnection } from '../../nodes/GreenApi/transport/connection';
import { callGreenApi } from '../../nodes/GreenApi/transport/request';
import { buildFilter } from '../../nodes/GreenApi/trigger/notification/filters';
import { PollLoop } from '../../nodes/GreenApi/trigger/poll/loop';
import { queueApi } from '../../nodes/GreenApi/trigger/poll/queueApi';
import type { Acknowledge, LoopHooks } from '../../nodes/GreenApi/trigger/poll/types';
import { GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { table } from '../support/table';
import { drainWithMedia } from './mediaDrain';

/**
 * npm run bench (second part): the trigger's poll loop draining a backlog of 1,000
 * notifications from the emulator (5 ms latency per answer), with an emit that ends each
 * execution at once, so the figure is the loop's own cost. Every notification needs a
 * receiveNotification and a deleteNotification: the bound is two round trips each.
 */

const BACKLOG = 1000;
const LATENCY_MS = 5;
const RTT_SAMPLES = 200;

async function roundTripMs(emulator: GreenApiEmulator): Promise<number> {
	const result = toConnection({ apiUrl: emulator.url, idInstance: emulator.idInstance, token: emulator.token });
	if (!result.ok) throw new Error(result.reason);
	const options = { perSecond: 0, maxRetries: 0, timeoutMs: 10_000 };
	for (let i = 0; i < 20; i++) await callGreenApi(result.connection, 'getSettings', undefined, options);
	const started = performance.now();
	for (let i = 0; i < RTT_SAMPLES; i++) await callGreenApi(result.connection, 'getSettings', undefined, options);
	return (performance.now() - started) / RTT_SAMPLES;
}

async function drain(emulator: GreenApiEmulator, acknowledge: Acknowledge): Promise<{ seconds: number; executions: number }> {
	emulator.reset();
	emulator.setLatency(LATENCY_MS);
	emulator.notifications.enqueue(...Array.from({ length: BACKLOG }, (_, i) => incoming(i)));
	let executions = 0;
	const hooks: LoopHooks = {
		run: async () => {
			executions++;
			await new Promise((resolve) => setImmediate(resolve));
			return { ok: true };
		},
		start: () => void executions++,
		poison: () => undefined,
		authFailure: (error) => {
			throw error;
		},
		crashed: (error) => {
			throw error;
		},
		warn: (message) => console.warn(message),
	};
	const result = toConnection({ apiUrl: emulator.url, idInstance: emulator.idInstance, token: emulator.token });
	if (!result.ok) throw new Error(result.reason);
	const loop = new PollLoop(queueApi(result.connection), { receiveTimeout: 5, acknowledge, maxAttempts: 3, filter: buildFilter({ events: [], chats: 'all', chatIds: '' }) }, hooks);
	const started = performance.now();
	void loop.start();
	while (emulator.notifications.deleted.length < BACKLOG) await new Promise((resolve) => setTimeout(resolve, 2));
	const seconds = (performance.now() - started) / 1000;
	loop.stop();
	await loop.finished;
	return { seconds, executions };
}

async function main(): Promise<void> {
	const emulator = await GreenApiEmulator.start({ rateLimits: { getSettings: 0 }, latencyMs: LATENCY_MS });
	const rtt = await roundTripMs(emulator);
	const rows = [];
	for (const acknowledge of ['afterFinished', 'onReceive'] as const) {
		const { seconds, executions } = await drain(emulator, acknowledge);
		const perNotificationMs = (seconds * 1000) / BACKLOG;
		rows.push({ acknowledge, notifications: BACKLOG, executions, seconds, perSecond: BACKLOG / seconds, perNotificationMs, overTwoRoundTrips: perNotificationMs / (2 * rtt) });
	}
	const media = await drainWithMedia(emulator, BACKLOG, LATENCY_MS, rtt);
	const fixed = (value: number, digits = 2) => value.toFixed(digits);
	console.log(`\nTrigger: draining ${BACKLOG} queued notifications, emulator latency ${LATENCY_MS} ms, measured round trip ${fixed(rtt)} ms (bound: 2 round trips = ${fixed(2 * rtt)} ms per notification)`);
	console.log(
		table(
			['acknowledge', 'notifications', 'executions', 'seconds', 'per second', 'ms each', 'ms each / 2 round trips'].map((title, i) => ({ title, width: Math.max(title.length, 13), align: i === 0 ? ('left' as const) : ('right' as const) })),
			rows.map((r) => [r.acknowledge, String(r.notifications), String(r.executions), fixed(r.seconds), fixed(r.perSecond, 1), fixed(r.perNotificationMs), fixed(r.overTwoRoundTrips)]),
		),
	);
	console.log(
		`\nTrigger with Download Media: ${BACKLOG} queued ${media.imageKb} KB images into n8n's binary store (filesystem); a plain GET of one takes ${fixed(media.transferMs)} ms here (bound: 2 round trips + that = ${fixed(media.boundMs)} ms per notification)`,
	);
	console.log(
		table(
			['notifications', 'with binary', 'seconds', 'per second', 'ms each', 'ms each / bound'].map((title) => ({ title, width: Math.max(title.length, 13), align: 'right' as const })),
			[[String(media.notifications), String(media.withBinary), fixed(media.seconds), fixed(media.perSecond, 1), fixed(media.perNotificationMs), fixed(media.overBound)]],
		),
	);
	const file = join(__dirname, '..', '..', '..', 'test', 'bench', 'trigger-results.json');
	writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), latencyMs: LATENCY_MS, roundTripMs: rtt, rows, media }, null, 2)}\n`);
	console.log(`Wrote ${file}`);
	await emulator.close();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
