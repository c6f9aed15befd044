import type { IDataObject } from 'n8n-workflow';

import { call } from '../emulator/http-client';
import { exposedText, pairedIndexes, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Queue → Show Messages Queue and Get Messages Count through n8n's engine: one typed item per
// queued message, Return All / Limit, items paired, one GET for every item, the token never shown.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const run = (operation: string, parameters: IDataObject = {}, items: object[] = [{}], options: IDataObject = {}) => stage.runNode(items, { resource: 'queue', operation, parameters, options });
const hints = (result: Awaited<ReturnType<typeof run>>) => JSON.stringify(result.run.data.resultData.runData['GREEN-API'][0].hints ?? []);

/** Three messages queued straight at the emulator, as another workflow's sends would be. */
async function queueThree(): Promise<string[]> {
	const send = async (method: string, body: Record<string, unknown>) => JSON.parse((await call(stage.emulator, method, { body })).text) as { idMessage?: string; messages?: string[] };
	const text = await send('sendMessage', { chatId: '71234567890@c.us', message: 'Hello' });
	const place = await send('sendLocation', { chatId: '79001234569@c.us', latitude: 44.93, longitude: 89.87, nameLocation: 'Here' });
	const forward = await send('forwardMessages', { chatId: '79001234569@c.us', chatIdFrom: '71234567890@c.us', messages: [text.idMessage] });
	return [text.idMessage as string, place.idMessage as string, (forward.messages as string[])[0]];
}

describe('Queue → Show Messages Queue', () => {
	it('gives one typed item per queued message, chatId and idMessage lifted to the top', async () => {
		const [text, place, forwarded] = await queueThree();
		const { contacts: output, error } = await run('showMessagesQueue', { returnAll: true });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([
			{ chatId: '71234567890@c.us', idMessage: text, messageID: text, type: 'sendMessage', body: { chatId: '71234567890@c.us', message: 'Hello' } },
			{ chatId: '79001234569@c.us', idMessage: place, messageID: place, type: 'sendLocation', body: { chatId: '79001234569@c.us', latitude: 44.93, longitude: 89.87, nameLocation: 'Here' } },
			{ chatId: '79001234569@c.us', messagesIDs: [forwarded], type: 'ForwardMessages', body: { chatId: '79001234569@c.us', chatIdFrom: '71234567890@c.us', messages: [text] } },
		]);
		expect(pairedIndexes(output)).toEqual([0, 0, 0]);
	});

	it('honours Limit per item, and two items share one GET, each paired to its own', async () => {
		await queueThree();
		const { contacts: output } = await run('showMessagesQueue', { returnAll: '={{ $json.all }}', limit: 1 }, [{ all: false }, { all: true }]);
		expect(output.map((item) => [pairedIndexes([item])[0], item.json.type])).toEqual([
			[0, 'sendMessage'],
			[1, 'sendMessage'],
			[1, 'sendLocation'],
			[1, 'ForwardMessages'],
		]);
		expect(stage.emulator.count({ method: 'showMessagesQueue' })).toBe(1);
	});

	it('an empty queue gives no items and says why in a hint', async () => {
		const result = await run('showMessagesQueue', { returnAll: true });
		expect(result.contacts).toEqual([]);
		expect(hints(result)).toMatch(/send queue is empty/);
	});

	it('types the answer: a documented field of another type is refused, a number where a string is documented is brought to text', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'showMessagesQueue', body: '[{"messageID":12345,"type":"sendMessage","body":{"chatId":"71234567890@c.us","linkPreview":"true"}}]', times: 1 });
		const typed = await run('showMessagesQueue', { returnAll: true });
		expect(typed.contacts[0].json).toMatchObject({ idMessage: '12345', messageID: '12345', body: { linkPreview: true } });
		stage.emulator.inject({ kind: 'status', status: 200, method: 'showMessagesQueue', body: '[{"type":"sendMessage","body":"Hello"}]', times: 1 });
		const wrong = await run('showMessagesQueue', { returnAll: true }, [{}], { requestsPerSecond: 0 });
		expect(wrong.error?.message).toMatch(/\[0\]\.body as the text "Hello"; the documented type is object/);
		stage.emulator.inject({ kind: 'status', status: 200, method: 'showMessagesQueue', body: '{"not":"a list"}', times: 1 });
		const bad = await run('showMessagesQueue', { returnAll: true }, [{}], { requestsPerSecond: 0 });
		expect(bad.error?.message).toMatch(/instead of a list of queued messages/);
	});

	it('a bad Limit is refused before any request', async () => {
		const { error } = await run('showMessagesQueue', { limit: 0 });
		expect(error?.message).toMatch(/^Limit must be a whole number of at least 1/);
		expect(stage.emulator.requests).toHaveLength(0);
	});
});

describe('Queue → Get Messages Count', () => {
	it('gives { count } once per input item, paired, from one GET', async () => {
		await queueThree();
		const { contacts: output, error } = await run('getMessagesCount', {}, [{}, {}]);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ count: 3 }, { count: 3 }]);
		expect(pairedIndexes(output)).toEqual([0, 1]);
		expect(stage.emulator.count({ method: 'getMessagesCount' })).toBe(1);
	});

	it('takes the count also as GREEN-API\'s docs spell it (a Cyrillic "с"), and refuses an answer without one', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'getMessagesCount', body: '{"\u0441ount":7}', times: 1 });
		expect((await run('getMessagesCount')).contacts[0].json).toEqual({ count: 7 });
		stage.emulator.inject({ kind: 'status', status: 200, method: 'getMessagesCount', body: '{"total":7}', times: 1 });
		expect((await run('getMessagesCount')).error?.message).toMatch(/without the count of queued messages/);
	});

	it('is a lookup: a 502 is retried, and a failure never shows the token', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'getMessagesCount', times: 1 });
		expect((await run('getMessagesCount')).contacts[0].json).toEqual({ count: 0 });
		expect(stage.emulator.count({ method: 'getMessagesCount' })).toBe(2);
		stage.emulator.inject({ kind: 'status', status: 500, method: 'getMessagesCount', echoPath: true });
		stage.emulator.inject({ kind: 'status', status: 500, method: 'showMessagesQueue', echoPath: true });
		const count = await run('getMessagesCount', {}, [{}], { retries: 0 });
		const show = await run('showMessagesQueue', {}, [{}], { retries: 0 });
		expect(count.error?.message).toMatch(/GREEN-API failed to process the request/);
		expect(exposedText(count.error, count.run, show.error, show.run)).not.toContain(stage.emulator.token);
	});
});
