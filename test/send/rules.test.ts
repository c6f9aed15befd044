import type { IDataObject } from 'n8n-workflow';

import { useStage } from '../support/greenApiRun';
import type { GreenApiStage, NodeRunOptions } from '../support/greenApiRun';

// The rules of issue 17 through n8n's engine against the emulator: each with the fault that would break it.
// A send has one output; with "continue (using error output)" the errors are the second.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const A = '79001000001@c.us';
const B = '79001000002@c.us';
const text = (parameters: IDataObject = {}, options: IDataObject = {}): NodeRunOptions => ({ resource: 'message', operation: 'sendMessage', parameters: { message: '={{ $json.text }}', ...parameters }, options });

describe('every item is its own message', () => {
	it('two equal items are two messages, each answered with its own idMessage, paired in order', async () => {
		const { contacts: output, error } = await stage.runNode([{ chatId: A, text: 'hi' }, { chatId: A, text: 'hi' }, { chatId: '+7 900 100-00-02', text: 'other' }], text());
		expect(error).toBeUndefined();
		expect(output.map((item) => [item.json.chatId, item.json.sendState, item.pairedItem])).toEqual([
			[A, 'queued', { item: 0 }],
			[A, 'queued', { item: 1 }],
			[B, 'queued', { item: 2 }],
		]);
		const log = stage.emulator.messages.all();
		expect(log.map((m) => [m.chatId, m.fields.message])).toEqual(expect.arrayContaining([[A, 'hi'], [A, 'hi'], [B, 'other']]));
		expect(log).toHaveLength(3);
		expect(new Set(output.map((item) => item.json.idMessage)).size).toBe(3);
		expect(output.map((item) => item.json.idMessage)).toEqual(expect.arrayContaining(log.map((m) => m.idMessage)));
	});
});

describe('never twice', () => {
	it.each([
		['answered 502 after queueing', { kind: 'status', status: 502 }],
		['never answered after queueing', { kind: 'hang' }],
		['cut mid-answer after queueing', { kind: 'cutBody' }],
		['reset after queueing', { kind: 'reset' }],
	] as const)('%s: exactly one message in the log, and an error item that says it may have been sent', async (_, fault) => {
		stage.emulator.inject({ ...fault, method: 'sendMessage', apply: true, times: 5 });
		const { outputs: [output, errors] } = await stage.runNode([{ chatId: A, text: 'once' }], { ...text({}, { retries: 3, timeout: 1000 }), onError: 'continueErrorOutput' });
		expect(stage.emulator.messages.count({ chatId: A })).toBe(1);
		expect(output).toEqual([]);
		expect(errors).toHaveLength(1);
		// In the error output n8n keeps only error, message and details (then adds the input item's fields).
		expect(errors[0].json).toMatchObject({ chatId: A, text: 'once', details: { sendState: 'unknown' }, error: expect.stringMatching(/may have been sent\): check the chat before sending it again$/) });
		expect(JSON.stringify(errors)).not.toContain(stage.emulator.token);
	});

	it('a 429 (rejected, never queued), then success: exactly one message', async () => {
		stage.emulator.inject({ kind: 'status', status: 429, method: 'sendMessage', times: 1 });
		const { contacts: output, error } = await stage.runNode([{ chatId: A, text: 'after 429' }], text());
		expect(error).toBeUndefined();
		expect(output[0].json.sendState).toBe('queued');
		expect(stage.emulator.messages.count({ chatId: A })).toBe(1);
		expect(stage.emulator.count({ method: 'sendMessage' })).toBe(2);
	});

	it('without "continue on fail", the error lists what was already queued so nobody sends it again', async () => {
		stage.emulator.inject({ kind: 'status', status: 500, method: 'sendMessage', chatId: B, apply: true, times: 1 });
		const items = [{ chatId: A, text: '1' }, { chatId: A, text: '2' }, { chatId: B, text: '3' }, { chatId: A, text: '4' }];
		const { error } = await stage.runNode(items, text({}, { maxConcurrency: 1 }));
		expect(error?.message).toMatch(/may have been sent/);
		expect((error as { description?: string }).description).toMatch(
			/Already done before the run stopped: 2 items \(0, 1; counted from 0, as n8n's \[item N\]\)\. Do not send those again\. 1 item was not sent\.$/,
		);
		expect(stage.emulator.messages.all().map((m) => m.fields.message)).toEqual(['1', '2', '3']);
	});
});

describe('in order per chat', () => {
	it('30 messages to one chat under random server latency reach the log in input order; other chats in parallel', async () => {
		stage.emulator.setLatency(5, 30, 7);
		const items = Array.from({ length: 30 }, (_, index) => ({ chatId: index % 3 === 0 ? B : A, text: `m${index}` }));
		const { contacts: output, error } = await stage.runNode(items, text({}, { requestsPerSecond: 0 }));
		expect(error).toBeUndefined();
		expect(output).toHaveLength(30);
		for (const chat of [A, B]) {
			const expected = items.filter((item) => item.chatId === chat).map((item) => item.text);
			expect(stage.emulator.messages.forChat(chat).map((m) => m.fields.message)).toEqual(expected);
		}
	});

	it('with "continue on fail", later items to a failed chat are held back as not sent; other chats go on', async () => {
		stage.emulator.inject({ kind: 'status', status: 400, method: 'sendMessage', chatId: A, times: 1 });
		const items = [{ chatId: A, text: 'fails' }, { chatId: B, text: 'ok' }, { chatId: A, text: 'held' }];
		const { outputs: [output, errors] } = await stage.runNode(items, { ...text(), onError: 'continueErrorOutput' });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors.map((item) => [item.pairedItem, (item.json.details as { sendState?: string }).sendState])).toEqual([
			[{ item: 0 }, 'notSent'],
			[{ item: 2 }, 'notSent'],
		]);
		expect(errors[1].json.error).toMatch(/an earlier item to this chat failed/);
		expect(stage.emulator.messages.all().map((m) => m.fields.message)).toEqual(['ok']);
	});
});

describe('bad input is refused before the first send', () => {
	const long = 'x'.repeat(20_001);
	it.each([
		['an empty message', [{ chatId: A, text: 'ok' }, { chatId: A, text: '' }], text(), /^Message is empty/],
		['20,001 characters', [{ chatId: A, text: 'ok' }, { chatId: A, text: long }], text(), /has 20,001 characters; GREEN-API takes at most 20,000/],
		['a chat ID that is no chat', [{ chatId: A, text: 'ok' }, { chatId: 'nobody', text: 'x' }], text(), /neither a phone number nor a chat ID/],
		['a latitude of 91', [{ chatId: A }, { chatId: A, lat: 91 }], { resource: 'message', operation: 'sendLocation', parameters: { latitude: '={{ $json.lat ?? 10 }}', longitude: 20 } }, /^Latitude must be a number from -90 to 90, not 91/],
		['a poll with one option', [{ chatId: A }], { resource: 'message', operation: 'sendPoll', parameters: { message: 'Q?', pollOptions: { option: [{ name: 'only' }] } } }, /needs 2 to 12 options; this one has 1/],
		['a poll with twelve equal options', [{ chatId: A }], { resource: 'message', operation: 'sendPoll', parameters: { message: 'Q?', pollOptions: { option: Array.from({ length: 12 }, () => ({ name: 'same' })) } } }, /options 1 and 2 are the same/],
		['a missing binary field', [{ chatId: A }], { resource: 'message', operation: 'sendFile', parameters: { fileSource: 'binary', binaryPropertyName: 'data' } }, /^Input Binary Field "data" is not in this item: it has no binary data/],
		['the API token pasted into the message', [{ chatId: A, text: 'ok' }, { chatId: A, text: 'TOKEN' }], text(), /^Message holds the credential's API token/],
		['a contact card without a name', [{ chatId: A }], { resource: 'message', operation: 'sendContact', parameters: { phoneContact: '+7 900 000-00-01' } }, /needs a name/],
	])('%s: nothing is sent, and the error names the item and the field', async (_, items, run, message) => {
		const withToken = items.map((item) => ((item as { text?: string }).text === 'TOKEN' ? { ...item, text: `see ${stage.emulator.token}` } : item));
		const { error } = await stage.runNode(withToken, run as never);
		expect(error?.message).toMatch(message);
		expect(JSON.stringify(error)).not.toContain(stage.emulator.token);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(items.length - 1);
		expect(stage.emulator.messages.count()).toBe(0);
		expect(stage.emulator.requests).toHaveLength(0);
	});
});

describe('the quota', () => {
	it.each(['CORRESPONDENTS_QUOTE_EXCEEDED', 'CORRESPONDENTS_QUOTA_EXCEEDED'] as const)('466 (%s) names the chat limit, and nothing more is sent in the run', async (spelling) => {
		stage.emulator.setCorrespondentsQuota(1, spelling);
		const items = [{ chatId: A, text: '1' }, { chatId: B, text: '2' }, { chatId: '79001000003@c.us', text: '3' }, { chatId: A, text: '4' }];
		const { outputs: [, errors] } = await stage.runNode(items, { ...text({}, { maxConcurrency: 1 }), onError: 'continueErrorOutput' });
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		expect(errors[0].json.error).toMatch(/quota exceeded.*correspondents|chats/i);
		expect(errors.map((item) => (item.json.details as { sendState?: string }).sendState)).toEqual(['notSent', 'notSent', 'notSent']);
		expect(stage.emulator.count({ method: 'sendMessage' })).toBe(2);
	});
});
