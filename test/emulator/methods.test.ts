import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, newAgent, useEmulator } from './http-client';
import { groupData } from './methods/getGroupData';
import { DEFAULT_CONTACT_LIST } from './methods/getContacts';

const GROUP = '120363043968066561@g.us';

describe('GREEN-API emulator: the neighbours of getContactInfo, as documented', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const post = (method: string, body: Record<string, unknown>) => call(emu, method, { body, dispatcher: agent });
	const json = (text: string) => JSON.parse(text) as unknown;

	it('checkWhatsapp: chatId (or the deprecated phoneNumber) → existsWhatsapp and the account\'s chatId', async () => {
		expect(json((await post('checkWhatsapp', { chatId: SEED_CHAT_ID })).text)).toEqual({ existsWhatsapp: true, chatId: SEED_CHAT_ID });
		expect(json((await post('checkWhatsapp', { phoneNumber: 75551234567 })).text)).toEqual({ existsWhatsapp: true, chatId: '1234567@lid' });
		expect(json((await post('checkWhatsapp', { chatId: '70001234567@c.us' })).text)).toEqual({ existsWhatsapp: false });
		const short = await post('checkWhatsapp', { chatId: '1234567@c.us' });
		expect([short.status, short.text]).toEqual([400, 'bad phone number, valid from 11 to 16 digits']);
	});

	it('getAvatar: a URL it serves itself, or available: false', async () => {
		const answer = json((await post('getAvatar', { chatId: GROUP })).text) as { urlAvatar: string; available: boolean };
		expect(answer).toEqual({ urlAvatar: `${emu.url}/avatars/120363043968066561.jpg`, available: true });
		const image = await fetch(answer.urlAvatar);
		expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
	});

	it('getContacts (GET) and getGroupData ({groupId})', async () => {
		emu.setRateLimit('getGroupData', 0);
		expect(json((await call(emu, 'getContacts', { verb: 'GET', dispatcher: agent })).text)).toEqual(DEFAULT_CONTACT_LIST);
		expect(json((await post('getGroupData', { groupId: GROUP })).text)).toEqual(groupData(GROUP));
		expect((await post('getGroupData', { chatId: GROUP })).status).toBe(400);
		expect((await post('getGroupData', { groupId: SEED_CHAT_ID })).status).toBe(400);
	});

	it('answers 429 above each method\'s own limit (checkWhatsapp 10/s, getGroupData 1/s)', async () => {
		const statuses = async (method: string, count: number) =>
			(await Promise.all(Array.from({ length: count }, () => post(method, method === 'getGroupData' ? { groupId: GROUP } : { chatId: SEED_CHAT_ID })))).map((reply) => reply.status);
		expect((await statuses('checkWhatsapp', 12)).filter((status) => status === 429)).toHaveLength(2);
		expect((await statuses('getGroupData', 3)).filter((status) => status === 429)).toHaveLength(2);
	});

	it('answers 466 once a method\'s monthly quota is used up', async () => {
		emu.setQuota('checkWhatsapp', 1);
		expect((await post('checkWhatsapp', { chatId: SEED_CHAT_ID })).status).toBe(200);
		const over = await post('checkWhatsapp', { chatId: SEED_CHAT_ID });
		expect(over.status).toBe(466);
		expect(json(over.text)).toMatchObject({ invokeStatus: { method: 'checkWhatsapp', used: 1, total: 1, status: 'QUOTE_EXCEEDED' } });
	});
});
