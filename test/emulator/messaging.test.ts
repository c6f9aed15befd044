import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, newAgent, useEmulator } from './http-client';

const GROUP = '120363043968066561@g.us';
const OTHER = '79001234567@c.us';
const LID = '1234567@lid';

describe('GREEN-API emulator: sending, as documented, and the message log', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const post = (method: string, body: Record<string, unknown> | string) => call(emu, method, { body, dispatcher: agent });
	const parsed = async (method: string, body: Record<string, unknown>) => {
		const reply = await post(method, body);
		expect([reply.status, reply.headers['content-type']]).toEqual([200, 'application/json']);
		return JSON.parse(reply.text) as Record<string, unknown>;
	};

	it('each send answers { idMessage } and logs one message with its fields, in acceptance order', async () => {
		const text = await parsed('sendMessage', { chatId: SEED_CHAT_ID, message: 'Hello', quotedMessageId: 'BAE5QUOTE', linkPreview: false });
		expect(Object.keys(text)).toEqual(['idMessage']);
		expect(text.idMessage).toMatch(/^BAE5[0-9A-F]{12}$/);
		const sends: Array<[string, Record<string, unknown>]> = [
			['sendFileByUrl', { chatId: GROUP, urlFile: 'https://example.com/a.jpg', fileName: 'a.jpg', caption: 'look' }],
			['sendLocation', { chatId: LID, latitude: 55.75, longitude: -37.61, nameLocation: 'Here', address: 'Street 1' }],
			['sendContact', { chatId: SEED_CHAT_ID, contact: { phoneContact: 79001234568, company: 'Bicycle' } }],
			['sendPoll', { chatId: SEED_CHAT_ID, message: 'Color?', options: [{ optionName: 'green' }, { optionName: 'red' }], multipleAnswers: true }],
		];
		const ids = [text.idMessage];
		for (const [method, body] of sends) ids.push((await parsed(method, body)).idMessage);
		expect(new Set(ids).size).toBe(5);
		expect(emu.messages.count()).toBe(5);
		expect(emu.messages.all().map((m) => [m.method, m.chatId, m.idMessage])).toEqual([
			['sendMessage', SEED_CHAT_ID, ids[0]],
			['sendFileByUrl', GROUP, ids[1]],
			['sendLocation', LID, ids[2]],
			['sendContact', SEED_CHAT_ID, ids[3]],
			['sendPoll', SEED_CHAT_ID, ids[4]],
		]);
		expect(emu.messages.all()[0].fields).toEqual({ chatId: SEED_CHAT_ID, message: 'Hello', quotedMessageId: 'BAE5QUOTE', linkPreview: false });
		expect(emu.messages.forChat(SEED_CHAT_ID).map((m) => m.method)).toEqual(['sendMessage', 'sendContact', 'sendPoll']);
		const times = emu.messages.all().map((m) => m.at);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(emu.messages.count({ method: 'SENDPOLL' })).toBe(1);
		emu.messages.clear();
		expect(emu.messages.count()).toBe(0);
	});

	it('forwardMessages forwards only the first of `messages` and answers { messages: [its new id] }', async () => {
		const answer = await parsed('forwardMessages', { chatId: OTHER, chatIdFrom: SEED_CHAT_ID, messages: ['BAE5AAAA', 'BAE5BBBB'] });
		expect(answer.messages).toEqual([expect.stringMatching(/^BAE5/)]);
		expect(emu.messages.all()).toEqual([
			expect.objectContaining({ method: 'forwardMessages', chatId: OTHER, idMessage: (answer.messages as string[])[0] }),
		]);
	});

	it('editMessage answers the edited id; deleteMessage and sendTyping an empty 200; readChat { setRead: true }', async () => {
		expect(await parsed('editMessage', { chatId: SEED_CHAT_ID, idMessage: 'BAE5EDIT', message: 'fixed' })).toEqual({ idMessage: 'BAE5EDIT' });
		const deleted = await post('deleteMessage', { chatId: SEED_CHAT_ID, idMessage: 'BAE5EDIT', onlySenderDelete: true });
		expect([deleted.status, deleted.text]).toEqual([200, '']);
		expect(await parsed('readChat', { chatId: SEED_CHAT_ID })).toEqual({ setRead: true });
		const typing = await post('sendTyping', { chatId: SEED_CHAT_ID, typingTime: 5000, typingType: 'recording' });
		expect([typing.status, typing.text]).toEqual([200, '']);
		expect(emu.messages.all().map((m) => [m.method, m.idMessage])).toEqual([
			['editMessage', 'BAE5EDIT'],
			['deleteMessage', undefined],
			['readChat', undefined],
			['sendTyping', undefined],
		]);
	});

	it.each(([
		['sendMessage', 'not json', 'Validation failed'],
		['sendMessage', { message: 'hi' }, "Validation failed. Details: 'chatId' is required"],
		['sendMessage', { chatId: '+7 123', message: 'hi' }, "'chatId' must be one of the next formats"],
		['sendMessage', { chatId: 71234567890, message: 'hi' }, "'chatId' must be a string"],
		['sendMessage', { chatId: SEED_CHAT_ID, message: '' }, "'message' is not allowed to be empty"],
		['sendMessage', { chatId: SEED_CHAT_ID, message: 'x'.repeat(20_001) }, "'message' length must be less than or equal to 20000 characters long"],
		['sendMessage', { chatId: SEED_CHAT_ID, message: 'hi', typingTime: 999 }, "'typingTime' must be larger than or equal to 1000"],
		['sendFileByUrl', { chatId: SEED_CHAT_ID, urlFile: 'ftp://x', fileName: 'a.jpg' }, "'urlFile' must be a valid uri"],
		['sendFileByUrl', { chatId: SEED_CHAT_ID, urlFile: 'https://x.io/a.jpg' }, "'fileName' is required"],
		['sendLocation', { chatId: SEED_CHAT_ID, latitude: 91, longitude: 0 }, "'latitude' must be less than or equal to 90"],
		['sendLocation', { chatId: SEED_CHAT_ID, latitude: '1', longitude: 0 }, "'latitude' must be a number"],
		['sendContact', { chatId: SEED_CHAT_ID, contact: { phoneContact: 79001234568 } }, "'contact' must contain at least one of"],
		['sendContact', { chatId: SEED_CHAT_ID, contact: { phoneContact: '79001234568', firstName: 'A' } }, "'phoneContact' must be a number"],
		['sendPoll', { chatId: SEED_CHAT_ID, message: 'Q', options: [{ optionName: 'only' }] }, "'options' must contain at least 2 items"],
		['sendPoll', { chatId: SEED_CHAT_ID, message: 'Q', options: Array.from({ length: 13 }, (_, i) => ({ optionName: `o${i}` })) }, "'options' must contain less than or equal to 12 items"],
		['sendPoll', { chatId: SEED_CHAT_ID, message: 'Q', options: [{ optionName: 'a' }, { optionName: 'a' }] }, "'options' contains a duplicate value"],
		['sendPoll', { chatId: SEED_CHAT_ID, message: 'x'.repeat(256), options: [{ optionName: 'a' }, { optionName: 'b' }] }, "'message' length must be less than or equal to 255"],
		['forwardMessages', { chatId: OTHER, chatIdFrom: SEED_CHAT_ID, messages: [] }, "'messages' must contain at least 1 items"],
		['forwardMessages', { chatId: OTHER, chatIdFrom: 'nope', messages: ['BAE5A'] }, "'chatIdFrom' must be one of the next formats"],
		['editMessage', { chatId: SEED_CHAT_ID, message: 'x' }, "'idMessage' is required"],
		['deleteMessage', { chatId: SEED_CHAT_ID, idMessage: 'BAE5A', onlySenderDelete: 'yes' }, "'onlySenderDelete' must be a boolean"],
		['readChat', { chatId: 'x@c.us' }, "'chatId' must be one of the next formats"],
		['sendTyping', { chatId: SEED_CHAT_ID, typingTime: 20_001 }, "'typingTime' must be less than or equal to 20000"],
	] as Array<[string, Record<string, unknown> | string, string]>).map(([method, body, expected]) => [method, expected, body] as const))('%s answers 400 "%s" and logs nothing', async (method, expected, body) => {
		const reply = await post(method, body);
		expect(reply.status).toBe(400);
		expect(reply.text).toContain(expected);
		expect(reply.text.startsWith('Validation failed')).toBe(true);
		expect(emu.messages.count()).toBe(0);
	});

	it('queues sends while the instance is not authorised, but chat actions answer its 400', async () => {
		emu.setState('notAuthorized');
		expect((await post('sendMessage', { chatId: SEED_CHAT_ID, message: 'queued' })).status).toBe(200);
		const read = await post('readChat', { chatId: SEED_CHAT_ID });
		expect([read.status, read.text]).toEqual([400, 'instance is starting or not authorized']);
		expect(emu.messages.all().map((m) => m.method)).toEqual(['sendMessage']);
	});

	it('sendFileByUpload is not served on the API host', async () => {
		expect((await post('sendFileByUpload', { chatId: SEED_CHAT_ID })).status).toBe(404);
	});

	it('limits each send method to 50/s (rejected ones are not logged) and readChat to 10/s', async () => {
		const burst = async (method: string, count: number, body: Record<string, unknown>) =>
			(await Promise.all(Array.from({ length: count }, () => post(method, body)))).filter((r) => r.status === 429).length;
		expect(await burst('sendMessage', 53, { chatId: SEED_CHAT_ID, message: 'hi' })).toBe(3);
		expect(emu.messages.count({ method: 'sendMessage' })).toBe(50);
		// Each method has its own window.
		expect(await burst('sendPoll', 50, { chatId: SEED_CHAT_ID, message: 'Q', options: [{ optionName: 'a' }, { optionName: 'b' }] })).toBe(0);
		expect(await burst('readChat', 12, { chatId: SEED_CHAT_ID })).toBe(2);
	});
});
