import type { IDataObject } from 'n8n-workflow';

import { clearPollingMarks } from '../../nodes/GreenApi/helpers/pollingRegistry';
import { exposedText, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';
import { publishPollTrigger } from '../trigger/engineTrigger';
import { credentialsFor, waitFor } from '../trigger/harness';

// Instance → Set Settings through n8n's engine: named fields, only those given are sent
// (switches as "yes"/"no"), bad input refused before any request, false answers notSent,
// doubtful failures unknown; and no webhook URL while a GREEN-API Trigger polls the instance.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));
afterEach(() => clearPollingMarks());

const run = (settings: IDataObject, items: object[] = [{}], options: IDataObject = {}, onError?: 'continueErrorOutput' | 'continueRegularOutput') =>
	stage.runNode(items, { resource: 'instance', operation: 'setSettings', parameters: { settings }, options, onError });
const sent = () => stage.emulator.notifications.settings;

describe('Set Settings', () => {
	it('sends only the settings given, switches as "yes"/"no", and says what changed', async () => {
		const { contacts: [item], error } = await run({ incomingWebhook: false, markIncomingMessagesReadedOnReply: true, delaySendMessagesMilliseconds: 3000, webhookUrlToken: 'hook-secret-123456' });
		expect(error).toBeUndefined();
		expect(sent()).toMatchObject({ incomingWebhook: 'no', markIncomingMessagesReadedOnReply: 'yes', delaySendMessagesMilliseconds: 3000, webhookUrlToken: 'hook-secret-123456', outgoingWebhook: 'yes', stateWebhook: 'no' });
		expect(stage.emulator.count({ method: 'setSettings' })).toBe(1);
		expect(item.json).toEqual({ saveSettings: true, settings: { incomingWebhook: 'no', markIncomingMessagesReadedOnReply: 'yes', delaySendMessagesMilliseconds: 3000, webhookUrlToken: '[hidden]' }, sendState: 'done' });
		expect(JSON.stringify(item.json)).not.toContain('hook-secret-123456');
	});

	it('a webhook URL is sent as given when no trigger polls the instance', async () => {
		const { error } = await run({ webhookUrl: 'https://example.com/hook' });
		expect(error).toBeUndefined();
		expect(sent().webhookUrl).toBe('https://example.com/hook');
	});

	it('bad input is refused before any request, naming the item and the field', async () => {
		const empty = await run({});
		expect(empty.error?.message).toMatch(/^Settings to Change is empty/);
		const delay = await run({ delaySendMessagesMilliseconds: '={{ $json.delay }}' }, [{ delay: 3000 }, { delay: 100 }]);
		expect(delay.error?.message).toMatch(/^Settings to Change → Delay Between Sends \(Ms\) must be whole milliseconds from 500/);
		expect((delay.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		const flag = await run({ incomingWebhook: '={{ "maybe" }}' });
		expect(flag.error?.message).toMatch(/^Settings to Change → Incoming Message Notifications must be on or off/);
		const url = await run({ webhookUrl: 'example.com/hook' });
		expect(url.error?.message).toMatch(/^Settings to Change → Webhook URL "example.com\/hook" is not an http\(s\) URL/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('saveSettings false ends the item notSent', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'setSettings', body: '{"saveSettings":false}' });
		const { contacts: [item] } = await run({ stateWebhook: true }, [{}], {}, 'continueRegularOutput');
		expect(item.json).toMatchObject({ sendState: 'notSent', changed: ['stateWebhook'], error: 'Not saved: GREEN-API answered saveSettings false' });
	});

	it('a 502 (GREEN-API may have saved them) is not retried and ends unknown, without the token', async () => {
		// The emulator's settings side takes only faults that replace the request; a 502 says nothing of which it was.
		stage.emulator.inject({ kind: 'status', status: 502, method: 'setSettings', times: 3, echoPath: true });
		const { outputs: [, errors], run: runData } = await run({ stateWebhook: true }, [{}], { retries: 3 }, 'continueErrorOutput');
		expect(errors[0].json.details).toMatchObject({ sendState: 'unknown' });
		expect(String(errors[0].json.error)).toMatch(/may or may not have saved these settings/);
		expect(stage.emulator.count({ method: 'setSettings' })).toBe(1);
		expect(exposedText(errors, runData)).not.toContain(stage.emulator.token);
	});
});

describe('Set Settings beside a polling GREEN-API Trigger', () => {
	it('refuses a webhook URL while the trigger polls the instance, sending nothing; allows it once the trigger stopped', async () => {
		stage.emulator.notifications.maxLongPollMs = 100;
		const trigger = await publishPollTrigger({ mode: 'poll', receiveTimeout: 5, events: ['incomingMessageReceived'] }, credentialsFor(stage.emulator));
		try {
			await waitFor(() => stage.emulator.count({ method: 'receiveNotification' }) > 0, 5_000, 'the trigger polled');
			const refused = await run({ webhookUrl: 'https://example.com/hook', stateWebhook: true });
			expect(refused.error?.message).toMatch(new RegExp(`^Settings to Change → Webhook URL: a GREEN-API Trigger of this n8n polls instance ${stage.emulator.idInstance}.*silently receive nothing`));
			expect(stage.emulator.count({ method: 'setSettings' })).toBe(0);
			// Other settings, and clearing the URL, keep the queue: allowed.
			const other = await run({ stateWebhook: true, webhookUrl: '' });
			expect(other.error).toBeUndefined();
		} finally {
			await trigger.close();
		}
		await waitFor(() => stage.emulator.notifications.polling === 0, 5_000, 'the long poll closed');
		const after = await run({ webhookUrl: 'https://example.com/hook' });
		expect(after.error).toBeUndefined();
		expect(sent().webhookUrl).toBe('https://example.com/hook');
	});
});
