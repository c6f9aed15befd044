import type { IDataObject } from 'n8n-workflow';

import { call } from '../emulator/http-client';
import { exposedText, pairedIndexes, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Queue → Clear Messages Queue through n8n's engine: it empties the queue once, refuses to run
// for several items unless asked, says "notSent" when GREEN-API answers isCleared: false and
// "unknown" when a failure may hide a clear, and is never retried blindly.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const clear = (items: object[] = [{}], options: IDataObject = {}, onError?: 'continueErrorOutput' | 'continueRegularOutput') =>
	stage.runNode(items, { resource: 'queue', operation: 'clearMessagesQueue', options, onError });
const hints = (result: Awaited<ReturnType<typeof clear>>) => JSON.stringify(result.run.data.resultData.runData['GREEN-API'][0].hints ?? []);

async function queueTwo(): Promise<void> {
	await call(stage.emulator, 'sendMessage', { body: { chatId: '71234567890@c.us', message: 'one' } });
	await call(stage.emulator, 'sendMessage', { body: { chatId: '71234567890@c.us', message: 'two' } });
}

describe('Queue → Clear Messages Queue', () => {
	it('empties the queue with one GET and says so', async () => {
		await queueTwo();
		const { contacts: output, error } = await clear();
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ isCleared: true, sendState: 'done' }]);
		expect(stage.emulator.sendQueue).toEqual([]);
		expect(stage.emulator.count({ method: 'clearMessagesQueue' })).toBe(1);
	});

	it('refuses, before any request, to run for more than one item unless Run for Each Item is on', async () => {
		await queueTwo();
		const before = stage.emulator.requests.length;
		const { error, contacts } = await clear([{}, {}, {}]);
		expect(error?.message).toBe('Clear Messages Queue got 3 input items and would clear the whole send queue 3 times: it runs for one item only');
		expect((error as { description?: string }).description).toMatch(/Nothing was sent\. .*"Execute Once".*Options → Run for Each Item/);
		expect(contacts).toEqual([]);
		expect(stage.emulator.requests.length - before).toBe(0);
		expect(stage.emulator.sendQueue).toHaveLength(2);
		// Continue On Fail does not turn the refusal into three clears either.
		await clear([{}, {}], {}, 'continueRegularOutput');
		expect(stage.emulator.count({ method: 'clearMessagesQueue' })).toBe(0);
	});

	it('with Run for Each Item on, clears once per item, one after the other, each paired', async () => {
		const { contacts: output, error } = await clear([{}, {}], { runForEachItem: true });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ isCleared: true, sendState: 'done' },
			{ isCleared: true, sendState: 'done' },
		]);
		expect(pairedIndexes(output)).toEqual([0, 1]);
		expect(stage.emulator.count({ method: 'clearMessagesQueue' })).toBe(2);
	});

	it('isCleared: false is "notSent", with a hint that the messages will still go out', async () => {
		await queueTwo();
		stage.emulator.inject({ kind: 'status', status: 200, method: 'clearMessagesQueue', body: '{"isCleared":false}', times: 1 });
		const result = await clear([{}], {});
		expect(result.contacts.map((item) => item.json)).toEqual([{ isCleared: false, sendState: 'notSent' }]);
		expect(hints(result)).toMatch(/was not cleared: its messages will still be sent/);
		expect(stage.emulator.sendQueue).toHaveLength(2);
	});

	it('a 502 after GREEN-API cleared is not retried and ends "unknown", saying how to check', async () => {
		await queueTwo();
		stage.emulator.inject({ kind: 'status', status: 502, method: 'clearMessagesQueue', apply: true, times: 3 });
		const { outputs: [, errors], error } = await clear([{}], { retries: 3 }, 'continueErrorOutput');
		expect(error).toBeUndefined();
		expect(errors[0].json.details).toMatchObject({ sendState: 'unknown' });
		expect(String(errors[0].json.error)).toMatch(/may or may not have cleared the send queue: check it with Show Messages Queue or Get Messages Count/);
		expect(stage.emulator.count({ method: 'clearMessagesQueue' })).toBe(1);
		expect(stage.emulator.sendQueue).toEqual([]); // it did clear: only the answer was lost
	});

	it('a 429 (rejected, never taken) is retried; a 400 is "notSent" and not retried', async () => {
		stage.emulator.inject({ kind: 'status', status: 429, method: 'clearMessagesQueue', times: 1 });
		expect((await clear([{}], {})).contacts[0].json).toEqual({ isCleared: true, sendState: 'done' });
		expect(stage.emulator.count({ method: 'clearMessagesQueue' })).toBe(2);
		stage.emulator.setState('notAuthorized');
		const { outputs: [, errors] } = await clear([{}], {}, 'continueErrorOutput');
		expect(errors[0].json.details).toMatchObject({ sendState: 'notSent' });
		expect(stage.emulator.count({ method: 'clearMessagesQueue' })).toBe(3);
	});

	it('a 200 without isCleared is "unknown" (GREEN-API took the request), and no failure shows the token', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'clearMessagesQueue', body: '{"done":true}', times: 1 });
		const odd = await clear([{}], {}, 'continueErrorOutput');
		expect(odd.outputs[1][0].json.details).toMatchObject({ sendState: 'unknown' });
		stage.emulator.inject({ kind: 'status', status: 500, method: 'clearMessagesQueue', echoPath: true });
		const failed = await clear([{}], {});
		expect(failed.error?.message).toMatch(/GREEN-API failed to process the request/);
		expect(exposedText(odd.run, failed.error, failed.run)).not.toContain(stage.emulator.token);
	});
});
