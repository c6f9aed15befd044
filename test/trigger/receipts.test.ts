// Finding 2 and 3 of issue 16: one notification runs once, whatever GREEN-API answers to its
// delete and however its receipt ID is written; a receipt without a body is deleted, not kept.
import { buildFilter } from '../../nodes/GreenApi/trigger/notification/filters';
import { PollLoop } from '../../nodes/GreenApi/trigger/poll/loop';
import { queueApi } from '../../nodes/GreenApi/trigger/poll/queueApi';
import { exactInteger } from '../../nodes/GreenApi/trigger/poll/receiptId';
import { ReceiptBook } from '../../nodes/GreenApi/trigger/poll/receipts';
import type { LoopOptions } from '../../nodes/GreenApi/trigger/poll/types';
import type { GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { connectionFor, recorder, useQueueEmulator, waitFor } from './harness';
import type { Recorder } from './harness';

const FAST = { retryBaseMs: 20, failureBaseMs: 20, failureMaxMs: 100 };
const ALL = buildFilter({ events: [], chats: 'all', chatIds: '' });

let emulator: GreenApiEmulator;
const loops: PollLoop[] = [];

useQueueEmulator((started) => (emulator = started));
afterEach(async () => {
	await Promise.all(loops.splice(0).map(async (loop) => (loop.stop(), await loop.finished)));
});

function startLoop(hooks: Recorder, options: Partial<LoopOptions> = {}): PollLoop {
	const loop = new PollLoop(queueApi(connectionFor(emulator)), { receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 3, filter: ALL, timing: FAST, ...options }, hooks);
	loops.push(loop);
	void loop.start();
	return loop;
}

/** receiveNotification answers this text once, whatever the queue holds. */
function handOut(text: string, times = 1): void {
	emulator.inject({ kind: 'status', status: 200, method: 'receiveNotification', body: text, times });
}

describe('a delete that answers {"result": false}', () => {
	it('is said in a warning, and the notification that comes back is deleted again without running again', async () => {
		emulator.inject({ kind: 'status', status: 200, method: 'deleteNotification', body: '{"result":false}', times: 3 });
		const [id] = emulator.notifications.enqueue(incoming(1));
		const hooks = recorder();
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(hooks.runs.map((n) => n.receiptId)).toEqual([id]);
		expect(emulator.notifications.deleteRequests).toEqual([String(id), String(id), String(id), String(id)]);
		expect(hooks.warnings.filter((w) => w.includes(`deleteNotification ${id} answered {"result": false}`))).toHaveLength(3);
		expect(hooks.warnings.filter((w) => w.includes(`notification ${id} was handed out again`))).toHaveLength(3);
	});

	it('a receipt settled by one loop is not run by the next loop on the same instance', async () => {
		emulator.inject({ kind: 'status', status: 200, method: 'deleteNotification', body: '{"result":false}', times: 1 });
		const receipts = new ReceiptBook();
		const [id] = emulator.notifications.enqueue(incoming(1));
		const first = recorder();
		const loop = startLoop(first, { receipts });
		await waitFor(() => first.warnings.length === 1);
		loop.stop();
		await loop.finished;
		const second = recorder();
		startLoop(second, { receipts });
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect([...first.runs, ...second.runs].map((n) => n.receiptId)).toEqual([id]);
	});
});

describe('receipt IDs are exact integers', () => {
	it.each([
		['9007199254740993', '9007199254740993'],
		['18446744073709551617', '18446744073709551617'],
		['1.2e1', '12'],
		['9.007199254740993e15', '9007199254740993'],
		['120E-1', '12'],
		['7', '7'],
	])('%s is receipt %s', (literal, digits) => expect(exactInteger(literal)).toBe(digits));

	it.each(['1.5', '0', '-3', '1e-1', '1e400', 'x', ''])('%s is no receipt ID', (literal) => expect(exactInteger(literal)).toBeUndefined());

	it.each([
		['above 2^53', '9007199254740993', '9007199254740993'],
		['in exponent form', '9.007199254740995e15', '9007199254740995'],
	])('a receipt ID %s is deleted by its own digits, never a rounded neighbour', async (_name, literal, digits) => {
		handOut(`{"receiptId":${literal},"body":${JSON.stringify(incoming(1))}}`);
		emulator.inject({ kind: 'status', status: 200, method: 'deleteNotification', body: '{"result":true}', times: 1 });
		const hooks = recorder();
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleteRequests.length === 1);
		expect(emulator.notifications.deleteRequests).toEqual([digits]);
		// Items keep a number while it is exact; beyond, the digits as a string.
		expect(hooks.runs.map((n) => n.receiptId)).toEqual([digits]);
	});

	it('a receipt ID that is no whole number is refused with a warning saying so, and nothing is deleted', async () => {
		handOut(`{"receiptId":12.5,"body":${JSON.stringify(incoming(1))}}`);
		const hooks = recorder();
		startLoop(hooks);
		await waitFor(() => hooks.warnings.length === 1);
		expect(hooks.warnings[0]).toMatch(/receiptId that is a positive whole number \(got 12\.5\)/);
		expect(hooks.runs).toHaveLength(0);
		expect(emulator.notifications.deleteRequests).toEqual([]);
	});
});

describe('a receipt without a notification body (finding 3)', () => {
	it.each([
		['missing', '{"receiptId":%ID%}'],
		['null', '{"receiptId":%ID%,"body":null}'],
		['a string', '{"receiptId":%ID%,"body":"hello"}'],
		['an array', '{"receiptId":%ID%,"body":[1,2]}'],
	])('body %s: deleted and recorded as poison, and the queue behind it moves on', async (_name, template) => {
		const [id, next] = emulator.notifications.enqueue(incoming(1), incoming(2));
		handOut(template.replace('%ID%', String(id)));
		const hooks = recorder();
		startLoop(hooks);
		await waitFor(() => emulator.notifications.deleted.includes(next));
		expect(emulator.notifications.deleteRequests.slice(0, 1)).toEqual([String(id)]);
		expect(hooks.poisoned).toEqual([expect.objectContaining({ attempts: 0, reason: 'GREEN-API handed it out without a notification body', item: expect.objectContaining({ receiptId: id }) })]);
		expect(hooks.runs.map((n) => n.receiptId)).toEqual([next]);
	});
});
