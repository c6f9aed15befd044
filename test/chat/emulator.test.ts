import { call, newAgent, pathFor, useEmulator } from '../emulator/http-client';
import { GreenApiEmulator, SEED_CHAT_ID } from '../emulator';
import { SEED_GROUP_ID } from '../emulator/chats';

// The emulator's Chat methods, over HTTP: the documented answers, limits and errors the node's tests rely on.
describe('GREEN-API emulator: the Chat methods', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const post = (method: string, body: Record<string, unknown>) => call(emu, method, { body, dispatcher: agent });
	const get = async (method: string, query = '') => {
		const reply = await fetch(`${emu.url}${pathFor(emu, method)}${query}`);
		return { status: reply.status, text: await reply.text() };
	};
	const json = (text: string) => JSON.parse(text) as Array<Record<string, unknown>>;

	it('getChatHistory answers the chat\'s newest `count` messages, newest first; a chat without messages answers []', async () => {
		emu.setRateLimit('getChatHistory', 0);
		const history = json((await post('getChatHistory', { chatId: SEED_CHAT_ID, count: 3 })).text);
		expect(history.map((entry) => entry.typeMessage)).toEqual(['textMessage', 'extendedTextMessage', 'imageMessage']);
		const times = history.map((entry) => entry.timestamp as number);
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect(json((await post('getChatHistory', { chatId: '70001234567@c.us' })).text)).toEqual([]);
		expect((await post('getChatHistory', { chatId: 'nobody' })).status).toBe(400);
	});

	it('getMessage answers the message by its id, 400 for an id the chat does not hold', async () => {
		const [newest] = json((await post('getChatHistory', { chatId: SEED_GROUP_ID, count: 1 })).text);
		expect(JSON.parse((await post('getMessage', { chatId: SEED_GROUP_ID, idMessage: newest.idMessage })).text)).toEqual(newest);
		expect((await post('getMessage', { chatId: SEED_GROUP_ID, idMessage: 'BAE5000000000000' })).status).toBe(400);
	});

	it('lastIncomingMessages / lastOutgoingMessages list every chat\'s messages of one direction within ?minutes= (at most 10,000)', async () => {
		emu.setRateLimit('lastIncomingMessages', 0);
		const day = json((await get('lastIncomingMessages', '?minutes=1440')).text);
		expect(new Set(day.map((entry) => entry.type))).toEqual(new Set(['incoming']));
		expect(new Set(day.map((entry) => entry.chatId)).size).toBeGreaterThan(1);
		expect(json((await get('lastIncomingMessages', '?minutes=5')).text).length).toBeLessThan(day.length);
		expect((await get('lastIncomingMessages', '?minutes=10001')).status).toBe(400);
		expect(json((await get('lastOutgoingMessages')).text).every((entry) => entry.type === 'outgoing')).toBe(true);
	});

	it('archiveChat / unarchiveChat answer an empty 200 and change the chat; setDisappearingChat takes only WhatsApp\'s four choices', async () => {
		expect(await post('archiveChat', { chatId: SEED_CHAT_ID })).toMatchObject({ status: 200, text: '' });
		expect(emu.chats.state(SEED_CHAT_ID).archived).toBe(true);
		await post('unarchiveChat', { chatId: SEED_CHAT_ID });
		expect(emu.chats.state(SEED_CHAT_ID).archived).toBe(false);
		expect(JSON.parse((await post('setDisappearingChat', { chatId: SEED_CHAT_ID, ephemeralExpiration: 604800 })).text)).toEqual({ chatId: SEED_CHAT_ID, disappearingMessagesInChat: true, ephemeralExpiration: 604800 });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const bad = await post('setDisappearingChat', { chatId: SEED_CHAT_ID, ephemeralExpiration: 3600 });
		expect([bad.status, bad.text]).toEqual([400, "Validation failed. Details: 'ephemeralExpiration' must be one of [0, 86400, 604800, 7776000]"]);
		expect(emu.messages.all().map((m) => m.method)).toEqual(['archiveChat', 'unarchiveChat', 'setDisappearingChat']);
	});

	it('answers 429 above each method\'s limit: getChatHistory 1/s, archiveChat 10/s', async () => {
		const statuses = async (method: string, count: number, body: Record<string, unknown>) => (await Promise.all(Array.from({ length: count }, () => post(method, body)))).map((reply) => reply.status);
		expect((await statuses('getChatHistory', 3, { chatId: SEED_CHAT_ID })).filter((status) => status === 429)).toHaveLength(2);
		expect((await statuses('archiveChat', 12, { chatId: SEED_CHAT_ID })).filter((status) => status === 429)).toHaveLength(2);
	});

	it('an instance that is not authorised cannot read or change chats', async () => {
		emu.setState('notAuthorized');
		expect((await post('getChatHistory', { chatId: SEED_CHAT_ID })).status).toBe(400);
		expect((await post('archiveChat', { chatId: SEED_CHAT_ID })).status).toBe(400);
		expect(emu.chats.state(SEED_CHAT_ID).archived).toBe(false);
	});
});
