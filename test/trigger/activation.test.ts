// The node's trigger() with n8n's side faked (emit settles the done-promise like n8n does),
// against the emulator over real HTTP.
import type { ITriggerResponse } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import type { GreenApiEmulator } from '../emulator';
import { incoming, outgoingStatus } from '../emulator/notification-bodies';
import { activate, credentialsFor, fakeTrigger, useActivatedTriggers, waitFor, WRONG_TOKEN } from './harness';
import type { FakeTrigger } from './harness';

const node = new GreenApiTrigger();
const POLL = { mode: 'poll', receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 2, events: ['incomingMessageReceived'], chats: 'all', chatIds: '' };

let emulator: GreenApiEmulator;
const open = useActivatedTriggers((started) => (emulator = started));

async function start(fake: FakeTrigger): Promise<ITriggerResponse> {
	const response = await activate(node, fake);
	open.push(response);
	return response;
}

function everything(fake: FakeTrigger): string {
	const errors = [...fake.errors, ...fake.failed].map((e) => [e.message, (e as { description?: string }).description, JSON.stringify((e as { context?: unknown }).context)]);
	return JSON.stringify([errors, fake.logs, fake.emitted]);
}

describe('GREEN-API Trigger activation (poll mode)', () => {
	it('emits normalised items and deletes each after its execution', async () => {
		const ids = emulator.notifications.enqueue(incoming(1, { text: 'hi' }), outgoingStatus(2), incoming(3));
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		await start(fake);
		await waitFor(() => emulator.notifications.queue.length === 0);
		expect(fake.emitted.map((item) => item.receiptId)).toEqual([ids[0], ids[2]]);
		expect(fake.emitted[0]).toMatchObject({ type: 'incomingMessageReceived', chatId: '71234567890@c.us', text: 'hi' });
	});

	it('refuses to activate while the instance sends notifications to a webhook URL, saying which', async () => {
		emulator.notifications.settings.webhookUrl = 'https://hooks.example.com/green';
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		await expect(activate(node, fake)).rejects.toThrow('sends its notifications to the webhook URL https://hooks.example.com/green');
		expect(emulator.count({ method: 'receiveNotification' })).toBe(0);
	});

	it('refuses a second consumer of the same instance in this process, and allows it once the first closed', async () => {
		const first = await start(fakeTrigger(POLL, credentialsFor(emulator)));
		const second = fakeTrigger(POLL, credentialsFor(emulator));
		const error = await activate(node, second).then(() => undefined, (e: Error) => e);
		expect(error?.message).toMatch(/already polled by workflow "workflow wf\d+" .*only one consumer: Unpublish that workflow/);
		expect(error?.message).not.toMatch(/activate/i);
		await first.closeFunction?.();
		await start(second);
	});

	it('"Listen for test event" is refused while the same workflow, published, polls the instance, saying it is this workflow', async () => {
		await start(fakeTrigger(POLL, credentialsFor(emulator), 'trigger', 'wfSame'));
		const test = fakeTrigger(POLL, credentialsFor(emulator), 'manual', 'wfSame');
		const error = await activate(node, test).then(() => undefined, (e: Error) => e);
		expect(error?.message).toMatch(/already polled by the published version of this workflow .*Unpublish it .*or use a second GREEN-API instance/);
		expect(error?.message).not.toMatch(/other workflow|activate/i);
	});

	it('publishing is refused while the same workflow listens for a test event, saying to stop listening', async () => {
		await start(fakeTrigger(POLL, credentialsFor(emulator), 'manual', 'wfListening'));
		const published = fakeTrigger(POLL, credentialsFor(emulator), 'trigger', 'wfListening');
		const error = await activate(node, published).then(() => undefined, (e: Error) => e);
		expect(error?.message).toMatch(/already polled by this workflow's test listener .*Stop Listening/);
		expect(error?.message).not.toMatch(/other workflow|activate/i);
	});

	it('a wrong token refuses the activation with the reason and without the token', async () => {
		const fake = fakeTrigger(POLL, credentialsFor(emulator, WRONG_TOKEN));
		const error = await activate(node, fake).then(() => undefined, (e: Error) => e);
		expect(error?.message).toMatch(/Wrong API token/);
		expect(JSON.stringify([error?.message, (error as { description?: string }).description])).not.toContain(WRONG_TOKEN);
	});

	it('a token revoked while polling goes to emitError, without the token', async () => {
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		await start(fake);
		emulator.inject({ kind: 'status', status: 401, method: 'receiveNotification', echoPath: true });
		await waitFor(() => fake.errors.length === 1);
		expect(fake.errors[0].message).toMatch(/Wrong API token/);
		expect(everything(fake)).not.toContain(emulator.token);
	});

	it('poison rule: after every attempt failed, a failed execution names receiptId and chat, and the queue moves on', async () => {
		const [bad, good] = emulator.notifications.enqueue(incoming(1, { chatId: '79001112233@c.us' }), incoming(2));
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		fake.runStatus = (item) => (item.receiptId === bad ? 'error' : 'success');
		await start(fake);
		await waitFor(() => emulator.notifications.deleted.includes(good), 10_000);
		expect(fake.emitted.map((item) => item.receiptId)).toEqual([bad, bad, good]);
		expect(fake.failed[0].message).toBe(`GREEN-API notification ${bad} from 79001112233@c.us failed 2 times and was deleted from the queue`);
		expect((fake.failed[0] as { context?: unknown }).context).toMatchObject({ receiptId: bad, chatId: '79001112233@c.us' });
		expect(everything(fake)).not.toContain(emulator.token);
	});

	it('a cancelled execution counts as a failed attempt: run again, then deleted by the poison rule', async () => {
		const [id] = emulator.notifications.enqueue(incoming(1));
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		fake.runStatus = () => 'cancelled';
		await start(fake);
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(fake.emitted).toHaveLength(2);
		expect((fake.failed[0] as { description?: string }).description).toMatch(/Last error: the execution was cancelled/);
	});

	it('"Listen for test event" emits the next matching notification only, and deletes it and the rejected ones before it', async () => {
		const [status, first, second] = emulator.notifications.enqueue(outgoingStatus(1), incoming(2), incoming(3));
		const fake = fakeTrigger(POLL, credentialsFor(emulator), 'manual');
		const response = await start(fake);
		expect(fake.emitted).toHaveLength(0); // nothing before n8n asks for it
		await response.manualTriggerFunction?.();
		await waitFor(() => emulator.notifications.deleted.length === 2);
		expect(fake.emitted.map((item) => item.receiptId)).toEqual([first]);
		expect(emulator.notifications.deleted).toEqual([status, first]);
		expect(emulator.notifications.queue.map((n) => n.receiptId)).toEqual([second]);
	});

	it('a notification with typeMessage "constructor" and a timestamp beyond Date is emitted, and the next one too', async () => {
		const ids = emulator.notifications.enqueue({ ...incoming(1, { messageData: { typeMessage: 'constructor' } }), timestamp: 1e20 }, incoming(2));
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		await start(fake);
		await waitFor(() => emulator.notifications.deleted.length === 2);
		expect(fake.emitted.map((item) => item.receiptId)).toEqual(ids);
		expect(fake.emitted[0]).toMatchObject({ messageType: 'constructor', timestamp: null });
		expect(fake.errors).toEqual([]);
	});

	it('a loop that ends unexpectedly goes to emitError, so n8n shows it and starts the trigger again', async () => {
		emulator.notifications.enqueue(incoming(1));
		const fake = fakeTrigger({ ...POLL, maxAttempts: 1 }, credentialsFor(emulator));
		fake.runStatus = () => 'error';
		fake.context.saveFailedExecution = () => {
			throw new Error('the database is gone');
		};
		await start(fake);
		await waitFor(() => fake.errors.length === 1);
		expect(fake.errors[0].message).toBe('GREEN-API Trigger stopped: the database is gone');
		// n8n 2.x's words: the workflow stays published while n8n starts the trigger again.
		expect((fake.errors[0] as { description?: string }).description).toMatch(/^n8n starts this trigger again .*stays published/);
	});

	it('closing returns while an execution runs; that notification is still deleted when the execution ends', async () => {
		const [id] = emulator.notifications.enqueue(incoming(1));
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		let finish!: (status: 'success') => void;
		fake.runStatus = () => new Promise((resolve) => (finish = resolve));
		const response = await start(fake);
		await waitFor(() => fake.emitted.length === 1);
		let closed = false;
		void response.closeFunction?.().then(() => (closed = true));
		await waitFor(() => closed, 5_000, 'closeFunction resolved while the execution runs');
		expect(emulator.notifications.deleted).toEqual([]);
		finish('success');
		await waitFor(() => emulator.notifications.deleted.includes(id));
	});

	it('saved while an execution runs: the new activation does not run that notification again', async () => {
		const [id, next] = emulator.notifications.enqueue(incoming(1), incoming(2));
		const old = fakeTrigger(POLL, credentialsFor(emulator), 'trigger', 'wfSaved');
		let finish!: (status: 'success') => void;
		old.runStatus = () => new Promise((resolve) => (finish = resolve));
		const response = await start(old);
		await waitFor(() => old.emitted.length === 1);
		await response.closeFunction?.();
		const renewed = fakeTrigger(POLL, credentialsFor(emulator), 'trigger', 'wfSaved');
		await start(renewed);
		// The new loop has the same head in hand and waits for the old execution.
		await waitFor(() => (emulator.notifications.queue[0]?.deliveries ?? 0) >= 2);
		finish('success');
		await waitFor(() => emulator.notifications.deleted.includes(next));
		expect(old.emitted.map((item) => item.receiptId)).toEqual([id]);
		expect(renewed.emitted.map((item) => item.receiptId)).toEqual([next]);
		expect(emulator.notifications.deleted).toEqual([id, next]);
	});

	it('in webhook mode trigger() starts nothing', async () => {
		// Nothing to close: no loop was made, so nothing can poll (no waiting to see that nothing happens).
		expect(await start(fakeTrigger({ ...POLL, mode: 'webhook', webhookToken: 'w' }, credentialsFor(emulator)))).toEqual({});
		expect(emulator.count({ method: 'receiveNotification' })).toBe(0);
	});
});
