import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, contactInfo, newAgent, useEmulator } from './http-client';

const GROUP =
	'Validation failed. Details: The method GetContactInfo does not support group chats, to work with groups, use the GetGroupData method';

describe('GREEN-API emulator: routing, seed, validation, generated contacts', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;

	// Unlimited here: these tests are about answers, rate limiting has its own file.
	useEmulator({ rateLimits: { getContactInfo: 0, getStateInstance: 0 } }, agent, (started) => (emu = started));

	it('listens on loopback with the fake credentials', () => {
		expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(emu.idInstance).toBe(EMULATOR_ID_INSTANCE);
		expect(emu.token).toBe(EMULATOR_TOKEN);
		expect(EMULATOR_TOKEN).not.toMatch(/^[0-9a-f]{20,}$/);
	});

	it('answers the seed chatId with exactly the vendor example', async () => {
		const fixture: unknown = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'seed-contact.json'), 'utf8'));
		const res = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json');
		const body = JSON.parse(res.text) as Record<string, unknown> & { products: Record<string, unknown>[] };
		expect(body).toEqual(fixture);
		expect(Object.keys(body)).toEqual(Object.keys(fixture as object));
		expect(body.products[0].price).toBeNull();
		expect('description' in body.products[1]).toBe(false);
		expect(body.products[1].name).toBe('Техническое обслуживание');
	});

	it('treats method names case-insensitively', async () => {
		for (const method of ['GetContactInfo', 'GETCONTACTINFO', 'getcontactinfo']) {
			const res = await call(emu, method, { body: { chatId: SEED_CHAT_ID }, dispatcher: agent });
			expect(res.status).toBe(200);
		}
		expect((await call(emu, 'GetStateInstance', { dispatcher: agent })).text).toBe('{"stateInstance":"authorized"}');
		expect(emu.count({ method: 'getContactInfo' })).toBe(3);
		expect(emu.requests.every((r) => r.method === 'getContactInfo' || r.method === 'getStateInstance')).toBe(true);
	});

	it('answers 404 for unknown methods and wrong verbs, 403 for a wrong id, 401 for a wrong token', async () => {
		const body = { chatId: SEED_CHAT_ID };
		expect((await call(emu, 'sendButtons', { body, dispatcher: agent })).status).toBe(404);
		expect((await call(emu, 'getContactInfo', { verb: 'GET', dispatcher: agent })).status).toBe(404);
		expect((await call(emu, 'getStateInstance', { verb: 'POST', body, dispatcher: agent })).status).toBe(404);
		expect((await call(emu, 'getContactInfo', { body, idInstance: '1101999999', dispatcher: agent })).status).toBe(403);
		// 403 wins over 401 when both are wrong.
		expect((await call(emu, 'getContactInfo', { body, idInstance: '1', token: 'nope', dispatcher: agent })).status).toBe(403);
		const wrongToken = await call(emu, 'getContactInfo', { body, token: 'wrong-token', dispatcher: agent });
		expect(wrongToken.status).toBe(401);
		expect(emu.statusCounts()).toEqual({ '404': 3, '403': 2, '401': 1 });
	});

	it.each([
		['an empty body', '', 400, 'Validation failed'],
		['unparsable JSON', '{"chatId": ', 400, 'Validation failed'],
		['a JSON array', '[]', 400, 'Validation failed'],
		['no chatId', '{}', 400, 'Validation failed'],
		['an empty chatId', '{"chatId": ""}', 400, 'Validation failed'],
		['a bool chatId', '{"chatId": true}', 500, 'interface conversion: interface {} is bool, not string'],
		['a number chatId', '{"chatId": 71234567890}', 500, 'interface conversion: interface {} is float64, not string'],
		['an object chatId', '{"chatId": {}}', 500, 'interface conversion: interface {} is map[string]interface {}, not string'],
		['an array chatId', '{"chatId": ["x"]}', 500, 'interface conversion: interface {} is []interface {}, not string'],
		['a null chatId', '{"chatId": null}', 500, 'interface conversion: interface {} is nil, not string'],
		['a group chatId', '{"chatId": "120363043968066561@g.us"}', 400, GROUP],
		['an old-style group chatId', '{"chatId": "11001234567-1581234048@g.us"}', 400, GROUP],
		['a number without suffix', '{"chatId": "71234567890"}', 400, 'Validation failed'],
		['a plus sign', '{"chatId": "+71234567890@c.us"}', 400, 'Validation failed'],
		['an unknown suffix', '{"chatId": "71234567890@s.whatsapp.net"}', 400, 'Validation failed'],
	])('validates %s', async (_name, body, status, message) => {
		const res = await call(emu, 'getContactInfo', { body, dispatcher: agent });
		expect(res.status).toBe(status);
		expect(res.text).toBe(message);
	});

	it('generates a deterministic contact with every documented field', async () => {
		const chatId = '79001234567@c.us';
		const first = JSON.parse((await contactInfo(emu, chatId, agent)).text) as Record<string, unknown>;
		const again = JSON.parse((await contactInfo(emu, chatId, agent)).text) as Record<string, unknown>;
		expect(again).toEqual(first);
		expect(first.chatId).toBe(chatId);
		for (const key of ['avatar', 'name', 'contactName', 'email', 'category', 'description']) {
			expect(typeof first[key]).toBe('string');
		}
		for (const key of ['isArchive', 'isDisappearing', 'isMute', 'isBusiness']) expect(typeof first[key]).toBe('boolean');
		expect(Number.isInteger(first.messageExpiration)).toBe(true);
		expect(first.lastSeen === null || typeof first.lastSeen === 'string').toBe(true);
		expect(first.muteExpiration === null || Number.isInteger(first.muteExpiration)).toBe(true);
		// Digit sum 7+9+0+0+1+2+3+4+5+6+7 = 44, 44 % 4 = 0.
		expect(first.products).toEqual([]);
		expect(first.isBusiness).toBe(false);
	});

	it('gives (digit sum % 4) products, each with the documented product fields', async () => {
		// Digit sums: 45 -> 1, 38 -> 2, 39 -> 3 products.
		const expected: [string, number][] = [['79001234568@c.us', 1], ['79001234570@c.us', 2], ['79001234571@c.us', 3]];
		for (const [chatId, n] of expected) {
			expect((JSON.parse((await contactInfo(emu, chatId, agent)).text) as { products: unknown[] }).products).toHaveLength(n);
		}
		const lid = '123@lid'; // digit sum 6 -> 2
		const c = JSON.parse((await contactInfo(emu, lid, agent)).text) as { products: Record<string, unknown>[]; isBusiness: boolean };
		expect(c.products).toHaveLength(2);
		expect(c.isBusiness).toBe(true);
		const p = c.products[0];
		expect(typeof p.id).toBe('string');
		expect(p.imageUrls).toEqual({ requested: expect.any(String), original: expect.any(String) });
		expect(p.reviewStatus).toEqual({ whatsapp: 'APPROVED' });
		expect(typeof p.availability).toBe('string');
		expect(typeof p.name).toBe('string');
		expect(p.price === null || typeof p.price === 'string').toBe(true);
		expect(typeof p.isHidden).toBe('boolean');
	});

	it('encodes the product count in 79990 numbers, up to 10,000 products quickly', async () => {
		const none = JSON.parse((await contactInfo(emu, '79990000000@c.us', agent)).text) as { products: unknown[] };
		expect(none.products).toHaveLength(0);
		const started = performance.now();
		const big = JSON.parse((await contactInfo(emu, '79990010000@c.us', agent)).text) as {
			products: Record<string, unknown>[];
			isBusiness: boolean;
		};
		expect(performance.now() - started).toBeLessThan(2000);
		expect(big.products).toHaveLength(10_000);
		expect(big.isBusiness).toBe(true);
		expect(new Set(big.products.map((p) => p.id)).size).toBe(10_000);
		// Some products lack a description and some have a null price, as in the seed.
		expect(big.products.some((p) => !('description' in p))).toBe(true);
		expect(big.products.some((p) => p.price === null)).toBe(true);
	});

	it('serves overrides, and getContactInfo answers 400 while the instance is not authorized', async () => {
		emu.setContact('anything@g.us', { name: 'Override' });
		expect(JSON.parse((await contactInfo(emu, 'anything@g.us', agent)).text)).toEqual({ name: 'Override' });
		emu.setState('notAuthorized');
		expect((await call(emu, 'getStateInstance', { dispatcher: agent })).text).toBe('{"stateInstance":"notAuthorized"}');
		const res = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(res).toMatchObject({ status: 400, text: 'instance is starting or not authorized' });
		emu.reset();
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(200);
		expect((await contactInfo(emu, 'anything@g.us', agent)).status).toBe(400);
	});
});
