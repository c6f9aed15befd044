import { buildFilter } from '../../nodes/GreenApi/trigger/notification/filters';
import { PollLoop } from '../../nodes/GreenApi/trigger/poll/loop';
import { queueApi } from '../../nodes/GreenApi/trigger/poll/queueApi';
import type { LoopOptions, RunOutcome } from '../../nodes/GreenApi/trigger/poll/types';
import type { GreenApiEmulator } from '../emulator';
import { incoming, outgoingStatus } from '../emulator/notification-bodies';
import { connectionFor, recorder, useQueueEmulator, waitFor, WRONG_TOKEN } from './harness';
import type { Recorder } from './harness';

const FAST = { retryBaseMs: 20, failureBaseMs: 20, failureMaxMs: 100 };
const ALL = buildFilter({ events: [], chats: 'all', chatIds: '' });

let emulator: GreenApiEmulator;
const loops: PollLoop[] = [];

useQueueEmulator((started) => (emulator = started));
afterEach(async () => {
	await Promise.all(loops.splice(0).map(async (loop) => (loop.stop(), await loop.finished)));
});

function startLoop(hooks: Recorder, options: Partial<LoopOptions> = {}, token = emulator.token): PollLoop {
	const loop = new PollLoop(queueApi(connectionFor(emulator, token)), { receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 3, filter: ALL, timing: FAST, ...options }, hooks);
	loops.push(loop);
	void loop.start();
	return loop;
}

function expectNoToken(hooks: Recorder): void {
	for (const secret of [emulator.token, WRONG_TOKEN]) expect(hooks.text()).not.toContain(secret);
}

describe('poll loop against the emulator: long poll, run, delete', () => {
	it('runs every notification once, in queue order, and deletes each after its run', async () => {
		const ids = emulator.notifications.enqueue(...Array.from({ length: 20 }, (_, i) => incoming(i)));
		const stillQueued: boolean[] = [];
		const hooks = recorder((item) => {
			stillQueued.push(emulator.notifications.queue.some((n) => n.receiptId === item.receiptId));
			return { ok: true };
		});
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleted.length === 20);
		expect(hooks.runs.map((n) => n.receiptId)).toEqual(ids);
		expect(hooks.runs.map((n) => n.text)).toEqual(ids.map((_, i) => `message ${i}`));
		expect(stillQueued.every(Boolean)).toBe(true); // at-least-once: deleted only after the run
		expect(emulator.notifications.deleted).toEqual(ids);
		expect(emulator.notifications.queue).toHaveLength(0);
	});

	it('a notification enqueued during a long poll is answered by that poll', async () => {
		// Neither side's timer may end the poll first, however slow a loaded machine runs the test.
		emulator.notifications.maxLongPollMs = 60_000;
		const hooks = recorder();
		startLoop(hooks, { receiveTimeout: 60 });
		await waitFor(() => emulator.notifications.polling === 1);
		const before = emulator.count({ method: 'receiveNotification' });
		const [id] = emulator.notifications.enqueue(incoming(1));
		await waitFor(() => emulator.notifications.deleted.includes(id));
		// Logged when answered: the one poll that was waiting, and no other.
		expect(emulator.count({ method: 'receiveNotification' })).toBe(before + 1);
		expect(hooks.runs.map((n) => n.receiptId)).toEqual([id]);
	});

	it('acknowledge as soon as received: starts executions without waiting for them', async () => {
		const ids = emulator.notifications.enqueue(...Array.from({ length: 10 }, (_, i) => incoming(i)));
		const hooks = recorder(() => new Promise<RunOutcome>(() => undefined)); // would never end
		startLoop(hooks, { acknowledge: 'onReceive' });
		await waitFor(() => emulator.notifications.deleted.length === 10);
		expect(hooks.started.map((n) => n.receiptId)).toEqual(ids);
		expect(hooks.runs).toHaveLength(0);
	});

	it('deletes notifications the filters reject without starting anything', async () => {
		const [, keep] = emulator.notifications.enqueue(outgoingStatus(1), incoming(2), incoming(3, { chatId: '120363043968066561@g.us' }));
		const hooks = recorder();
		startLoop(hooks, { filter: buildFilter({ events: ['incomingMessageReceived'], chats: 'personal', chatIds: '' }) });
		await waitFor(() => emulator.notifications.queue.length === 0);
		expect(hooks.runs.map((n) => n.receiptId)).toEqual([keep]);
	});
});

describe('poison rule: a notification whose execution keeps failing does not block the queue', () => {
	it('runs it maxAttempts times with back-off, deletes it, records it with receiptId and chat, moves on', async () => {
		const [bad, good] = emulator.notifications.enqueue(incoming(1, { chatId: '79001112233@c.us' }), incoming(2));
		const hooks = recorder((item) => (item.receiptId === bad ? { ok: false, reason: 'Code node threw' } : { ok: true }));
		startLoop(hooks, { maxAttempts: 3 });
		await waitFor(() => emulator.notifications.deleted.length === 2);
		expect(hooks.runs.map((n) => n.receiptId)).toEqual([bad, bad, bad, good]);
		expect(hooks.poisoned).toHaveLength(1);
		expect(hooks.poisoned[0]).toMatchObject({ attempts: 3, reason: 'Code node threw', item: { receiptId: bad, chatId: '79001112233@c.us' } });
		expect(emulator.notifications.deleted).toEqual([bad, good]);
	});

	it('a run that fails once and then succeeds is deleted without a poison record', async () => {
		const [id] = emulator.notifications.enqueue(incoming(1));
		const hooks = recorder((_item, attempt) => (attempt === 1 ? { ok: false, reason: 'flaky' } : { ok: true }));
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(hooks.runs).toHaveLength(2);
		expect(hooks.poisoned).toHaveLength(0);
	});
});

describe('failures of GREEN-API', () => {
	it('5xx, 429 and dropped connections: backs off and keeps going; a failed delete is retried, not re-run', async () => {
		emulator.inject({ kind: 'status', status: 500, method: 'receiveNotification', times: 2, echoPath: true });
		emulator.inject({ kind: 'status', status: 429, method: 'receiveNotification', times: 2 });
		emulator.inject({ kind: 'reset', method: 'receiveNotification', times: 1 });
		emulator.inject({ kind: 'status', status: 502, method: 'deleteNotification', times: 2, echoPath: true });
		const [id] = emulator.notifications.enqueue(incoming(1));
		const hooks = recorder();
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(hooks.runs).toHaveLength(1);
		expect(hooks.warnings.filter((w) => w.includes('receiveNotification failed'))).toHaveLength(5);
		expect(hooks.warnings.filter((w) => w.includes(`deleteNotification ${id} failed`))).toHaveLength(2);
		expect(emulator.statusCounts()).toMatchObject({ 500: 2, 429: 2, reset: 1, 502: 2 });
		expectNoToken(hooks);
	});

	it('back-off grows with jitter and stays bounded', async () => {
		emulator.inject({ kind: 'status', status: 503, method: 'receiveNotification', times: 6 });
		const hooks = recorder();
		startLoop(hooks, { timing: { ...FAST, failureBaseMs: 10, failureMaxMs: 80 } });
		await waitFor(() => hooks.warnings.length === 6);
		const waits = hooks.warnings.map((w) => Number(/in (\d+) ms/.exec(w)?.[1]));
		waits.forEach((wait, i) => {
			const cap = Math.min(80, 10 * 2 ** i);
			expect(wait).toBeGreaterThanOrEqual(cap / 2);
			expect(wait).toBeLessThanOrEqual(cap);
		});
	});

	it.each([
		['a wrong token (401)', WRONG_TOKEN, undefined, /Wrong API token/],
		['a wrong instance (403)', undefined, { kind: 'status' as const, status: 403, method: 'receiveNotification' }, /Wrong Instance ID or API URL/],
		['an instance that lost its login (400)', undefined, { kind: 'status' as const, status: 400, method: 'receiveNotification', body: 'instance is starting or not authorized' }, /not authorized/],
	])('%s goes to n8n\'s trigger error path, and the loop stops for n8n to retry the activation', async (_name, token, fault, message) => {
		if (fault) emulator.inject(fault);
		emulator.notifications.enqueue(incoming(1));
		const hooks = recorder();
		const loop = startLoop(hooks, {}, token);
		await waitFor(() => hooks.authFailures.length === 1);
		await loop.finished;
		expect(hooks.authFailures[0].message).toMatch(message);
		expect(hooks.runs).toHaveLength(0);
		expectNoToken(hooks);
	});
});

describe('a loop that ends unexpectedly', () => {
	it('goes to n8n\'s trigger error path (crashed), not to a warning alone', async () => {
		emulator.notifications.enqueue(incoming(1));
		const hooks = recorder();
		const loop = startLoop(hooks, {
			filter: () => {
				throw new Error('a bug in the trigger');
			},
		});
		await loop.finished;
		expect(hooks.crashes.map((e) => e.message)).toEqual(['a bug in the trigger']);
		expect(hooks.runs).toHaveLength(0);
	});

	it('hostile notifications (inherited member as typeMessage, timestamp beyond Date) run, and the queue moves on', async () => {
		const ids = emulator.notifications.enqueue(
			incoming(1, { messageData: { typeMessage: 'constructor' } }),
			incoming(2, { messageData: { typeMessage: 'toString' } }),
			{ ...incoming(3), timestamp: 1e20 },
			incoming(4),
		);
		const hooks = recorder();
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleted.length === 4);
		expect(hooks.runs.map((n) => n.receiptId)).toEqual(ids);
		expect(hooks.crashes).toEqual([]);
		expect(hooks.warnings).toEqual([]);
	});
});

describe('closing', () => {
	it('aborts the long poll in flight at once', async () => {
		emulator.notifications.maxLongPollMs = 60_000;
		const loop = startLoop(recorder(), { receiveTimeout: 60 });
		await waitFor(() => emulator.notifications.polling === 1);
		loop.stop();
		// Bounded by the test's timeout (30 s), half the poll's 60 s: only an abort ends it in time.
		await loop.finished;
		await waitFor(() => emulator.notifications.polling === 0, 3000, 'the server sees the poll closed');
	});

	it('does not delete a notification whose execution has not finished; it comes back', async () => {
		const [id] = emulator.notifications.enqueue(incoming(1));
		let finish: (outcome: RunOutcome) => void = () => undefined;
		const hooks = recorder(() => new Promise<RunOutcome>((resolve) => (finish = resolve)));
		const loop = startLoop(hooks);
		await waitFor(() => hooks.runs.length === 1);
		loop.stop();
		finish({ ok: false, reason: 'cancelled by shutdown' });
		await loop.finished;
		expect(emulator.notifications.deleted).toEqual([]);
		const again = recorder();
		startLoop(again);
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(again.runs.map((n) => n.receiptId)).toEqual([id]);
	});

	it('an execution that succeeds while n8n shuts down is still deleted', async () => {
		const [id] = emulator.notifications.enqueue(incoming(1));
		let finish: (outcome: RunOutcome) => void = () => undefined;
		const hooks = recorder(() => new Promise<RunOutcome>((resolve) => (finish = resolve)));
		const loop = startLoop(hooks);
		await waitFor(() => hooks.runs.length === 1);
		loop.stop();
		finish({ ok: true });
		await loop.finished;
		expect(emulator.notifications.deleted).toEqual([id]);
	});
});
