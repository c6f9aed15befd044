// The getSettings check before polling: bounded in time (n8n activates workflows one at a
// time, so a slow one holds up every later one), and its refusal quotes no secret.
import type { ITriggerResponse } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import type { GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { activate, credentialsFor, fakeTrigger, useQueueEmulator, waitFor } from './harness';

const node = new GreenApiTrigger();
const POLL = { mode: 'poll', receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 2, events: ['incomingMessageReceived'], chats: 'all', chatIds: '' };

let emulator: GreenApiEmulator;
const open: ITriggerResponse[] = [];

useQueueEmulator((started) => (emulator = started));
afterEach(async () => {
	await Promise.all(open.splice(0).map(async (response) => await response.closeFunction?.()));
	await waitFor(() => emulator.notifications.polling === 0, 5_000, 'every long poll closed');
});

async function refusalFor(webhookUrl: string, webhookUrlToken = ''): Promise<string> {
	Object.assign(emulator.notifications.settings, { webhookUrl, webhookUrlToken });
	const error = await activate(node, fakeTrigger(POLL, credentialsFor(emulator))).then(
		() => undefined,
		(e: Error) => e,
	);
	if (error === undefined) throw new Error('the activation was not refused');
	expect(error.message).toMatch(/^This GREEN-API instance sends its notifications to the webhook URL /);
	return JSON.stringify([error.message, (error as { description?: string }).description]);
}

describe('GREEN-API Trigger pre-flight check (poll mode)', () => {
	it('a getSettings that never answers holds the activation a few seconds only; polling goes on, with a warning', async () => {
		emulator.inject({ kind: 'hang', method: 'getSettings' });
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		const started = Date.now();
		open.push(await activate(node, fake));
		const took = Date.now() - started;
		expect(took).toBeLessThan(8_000);
		expect(fake.logs.join('\n')).toMatch(/getSettings did not answer within 5 s; polling anyway/);
		const [id] = emulator.notifications.enqueue(incoming(1));
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(fake.emitted.map((item) => item.receiptId)).toEqual([id]);
		console.info(`activation with getSettings hanging took ${took} ms`);
	}, 70_000);

});
