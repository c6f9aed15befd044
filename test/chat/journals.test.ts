import type { IDataObject } from 'n8n-workflow';

import { SEED_CHAT_ID } from '../emulator';
import { SEED_GROUP_ID, seededHistory } from '../emulator/chats';
import { exposedText, pairedIndexes, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Chat → Get Chat History, Get Message, Last Incoming / Outgoing Messages through n8n's engine:
// one CRM-ready item per message, Return All / Limit, pairing, and bad input refused before any request.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

/** Unlimited on both sides, for the tests that are not about the limit. */
const run = (operation: string, parameters: IDataObject, items: object[] = [{ chatId: SEED_CHAT_ID }], options: IDataObject = {}) => {
	stage.emulator.setRateLimit(operation, 0);
	return stage.runNode(items, { resource: 'chat', operation, parameters, options: { requestsPerSecond: 0, ...options } });
};

/** `n` text messages, newest first, as a long chat's journal. */
const longHistory = (chatId: string, n: number) =>
	Array.from({ length: n }, (_, i) => ({ type: i % 2 ? 'outgoing' : 'incoming', idMessage: `BAE5LONG${String(i).padStart(8, '0')}`, timestamp: 1_700_000_000 - i, typeMessage: 'textMessage', chatId, textMessage: `message ${i}` }));

describe('Get Chat History', () => {
	it('gives one CRM-ready item per message, newest first, with the text the trigger would give', async () => {
		const { contacts: output, error } = await run('getChatHistory', { returnAll: true });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.text)).toEqual(['Is the car still available?', 'Yes: https://example.com/car', 'This one?', 'Hello! How can we help?', 'Showroom', 'That one, please', 'Service desk']);
		const [first, second] = output.map((item) => item.json);
		expect(first).toMatchObject({ chatId: SEED_CHAT_ID, type: 'incoming', messageType: 'textMessage', sender: { chatId: SEED_CHAT_ID, name: 'Dealer', contactName: '' }, isGroup: false });
		expect(first.timestamp).toBe(new Date((first.timestampUnix as number) * 1000).toISOString());
		expect(first.raw).toMatchObject({ idMessage: first.idMessage, textMessage: 'Is the car still available?' });
		expect(second).toMatchObject({ type: 'outgoing', statusMessage: 'read', sendByApi: true });
		const times = output.map((item) => item.json.timestampUnix as number);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	it('names each group message\'s sender', async () => {
		const { contacts: output } = await run('getChatHistory', { limit: 1 }, [{ chatId: SEED_GROUP_ID }]);
		expect(output.map((item) => item.json)).toEqual([expect.objectContaining({ chatId: SEED_GROUP_ID, isGroup: true, sender: { chatId: '79001234569@c.us', name: 'Анна', contactName: 'Anna (work)' } })]);
	});

	it('asks GREEN-API for Limit messages, and for all (100,000) with Return All: more than its default 100', async () => {
		stage.emulator.chats.setHistory(SEED_CHAT_ID, longHistory(SEED_CHAT_ID, 150));
		const limited = await run('getChatHistory', { limit: 120 });
		expect(limited.contacts).toHaveLength(120);
		const all = await run('getChatHistory', { returnAll: true });
		expect(all.contacts).toHaveLength(150);
		expect(all.contacts[149].json).toMatchObject({ idMessage: 'BAE5LONG00000149', text: 'message 149', type: 'outgoing' });
		const few = await run('getChatHistory', {});
		expect(few.contacts).toHaveLength(50);
	});

	it('pairs each message with its input item; items asking the same share one request', async () => {
		const { contacts: output } = await run('getChatHistory', { limit: 2 }, [{ chatId: SEED_CHAT_ID }, { chatId: '+7 900 123-45-69' }, { chatId: SEED_CHAT_ID }]);
		expect(pairedIndexes(output)).toEqual([0, 0, 1, 1, 2, 2]);
		expect(output.map((item) => item.json.chatId)).toEqual([SEED_CHAT_ID, SEED_CHAT_ID, '79001234569@c.us', '79001234569@c.us', SEED_CHAT_ID, SEED_CHAT_ID]);
		expect(stage.emulator.count({ method: 'getChatHistory' })).toBe(2);
		// Items that share an answer get their own copies: editing one cannot change another.
		expect(output[4].json).toEqual(output[0].json);
		expect(output[4].json).not.toBe(output[0].json);
	});

	it('a chat without messages gives no items, and the run goes on', async () => {
		const { contacts: output, error } = await run('getChatHistory', { returnAll: true }, [{ chatId: '70001234567@c.us' }]);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(0);
	});

	it('refuses a bad Chat ID or Limit before any request, naming the item and the field', async () => {
		const chat = await run('getChatHistory', { limit: 5 }, [{ chatId: SEED_CHAT_ID }, { chatId: 'somebody' }]);
		expect(chat.error?.message).toMatch(/^"somebody" is neither a phone number nor a chat ID/);
		expect((chat.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		const limit = await run('getChatHistory', { limit: 0 });
		expect(limit.error?.message).toMatch(/^Limit must be a whole number of at least 1/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('keeps to GREEN-API\'s 1 request per second by default: three chats take two seconds, one paced stream', async () => {
		const started = Date.now();
		const { contacts: output, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: SEED_GROUP_ID }, { chatId: '79001234569@c.us' }], { resource: 'chat', operation: 'getChatHistory', parameters: { limit: 1 } });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		// One paced stream, as the server saw it (not "zero 429s": on a loaded machine a request may arrive late and early ones queue behind it).
		const times = stage.emulator.requests.filter((r) => r.method === 'getChatHistory' && r.status === 200).map((r) => r.at);
		expect(times).toHaveLength(3);
		expect(Math.min(...times.slice(1).map((at, i) => at - times[i]))).toBeGreaterThan(500);
	});

	it('refuses an answer off GREEN-API\'s documented types for that item only, saying which field', async () => {
		stage.emulator.chats.setHistory('79001234569@c.us', [{ type: 'incoming', idMessage: 'BAE5BAD000000001', timestamp: 'yesterday', typeMessage: 'textMessage', textMessage: 'x' }]);
		const { contacts: output, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: '79001234569@c.us' }], { resource: 'chat', operation: 'getChatHistory', parameters: { limit: 1 }, options: { requestsPerSecond: 0 }, onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ chatId: SEED_CHAT_ID, text: 'Is the car still available?' });
		expect(output[1].json).toMatchObject({ chatId: '79001234569@c.us', error: 'GREEN-API answered [0].timestamp as the text "yesterday"; the documented type is integer' });
		expect(pairedIndexes(output)).toEqual([0, 1]);
	});

	it('never shows the token, not even in a failure', async () => {
		const failed = await stage.runNode([{ chatId: SEED_CHAT_ID }], { resource: 'chat', operation: 'getChatHistory', parameters: { limit: 1 }, credential: 'wrongToken' });
		const ok = await run('getChatHistory', { returnAll: true });
		expect(failed.error).toBeDefined();
		const seen = exposedText(failed.error, failed.run.data, ok.contacts);
		for (const secret of stage.secrets) expect(seen).not.toContain(secret);
	});
});

describe('Get Message', () => {
	const quoted = seededHistory(SEED_CHAT_ID)[5] as { idMessage: string };

	it('gives the message in Get Chat History\'s shape', async () => {
		const { contacts: output, error } = await run('getMessage', { idMessage: quoted.idMessage });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ chatId: SEED_CHAT_ID, idMessage: quoted.idMessage, type: 'incoming', messageType: 'quotedMessage', text: 'That one, please', sender: { chatId: SEED_CHAT_ID, name: 'Dealer' } });
	});

	it('takes the trigger\'s messageId by default; a message GREEN-API does not hold fails only its own item', async () => {
		const items = [{ chatId: SEED_CHAT_ID, messageId: quoted.idMessage }, { chatId: SEED_CHAT_ID, messageId: 'BAE5000000000000' }];
		const { contacts: output, error } = await stage.runNode(items, { resource: 'chat', operation: 'getMessage', onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ idMessage: quoted.idMessage });
		expect(output[1].json).toMatchObject({ chatId: SEED_CHAT_ID, idMessage: 'BAE5000000000000', httpCode: '400', error: 'GREEN-API rejected the request: message not found' });
		expect(pairedIndexes(output)).toEqual([0, 1]);
	});

	it('refuses an empty or malformed Message ID before any request', async () => {
		const empty = await run('getMessage', { idMessage: '={{ $json.messageId }}' }, [{ chatId: SEED_CHAT_ID, messageId: '' }]);
		expect(empty.error?.message).toMatch(/^Message ID is empty/);
		const bad = await run('getMessage', { idMessage: 'two words' });
		expect(bad.error?.message).toMatch(/^Message ID "two words" is not a WhatsApp message ID/);
		expect(stage.emulator.requests).toHaveLength(0);
	});
});

describe('Last Incoming / Last Outgoing Messages', () => {
	it('list every chat\'s messages of one direction in the last Minutes, one item each', async () => {
		const { contacts: output, error } = await run('lastIncomingMessages', { returnAll: true });
		expect(error).toBeUndefined();
		expect(new Set(output.map((item) => item.json.type))).toEqual(new Set(['incoming']));
		expect(new Set(output.map((item) => item.json.chatId))).toEqual(new Set([SEED_CHAT_ID, '79001234569@c.us', SEED_GROUP_ID]));
		// The seeded contact card is two days old: outside the default 1,440 minutes.
		expect(output.map((item) => item.json.messageType)).not.toContain('contactMessage');
		expect(output[0].json).toMatchObject({ text: 'Is the car still available?', timestamp: expect.stringMatching(/Z$/) });
		const outgoing = await run('lastOutgoingMessages', { minutes: 10, returnAll: true });
		expect(outgoing.contacts.map((item) => [item.json.type, item.json.text])).toEqual(Array(3).fill(['outgoing', 'Yes: https://example.com/car']));
	});

	it('honour Limit and Minutes', async () => {
		const limited = await run('lastIncomingMessages', { limit: 2 });
		expect(limited.contacts).toHaveLength(2);
		const recent = await run('lastIncomingMessages', { minutes: 5, returnAll: true });
		expect(recent.contacts.map((item) => item.json.text)).toEqual(Array(3).fill('Is the car still available?'));
	});

	it('refuse Minutes outside 1 to 10,000 before any request', async () => {
		for (const minutes of [0, 10_001, 1.5]) {
			const { error } = await run('lastOutgoingMessages', { minutes });
			expect(error?.message).toMatch(/^Minutes must be a whole number from 1 to 10,000/);
		}
		expect(stage.emulator.requests).toHaveLength(0);
	});
});
