import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, contactInfo, newAgent, pathFor, useEmulator } from './http-client';

const OTHER = '79001234567@c.us';

describe('GREEN-API emulator faults', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;

	useEmulator({ rateLimits: { getContactInfo: 0, getStateInstance: 0 } }, agent, (started) => (emu = started));

	it("'status' answers the status for `times` requests, with Retry-After and a default body", async () => {
		emu.inject({ kind: 'status', status: 502, times: 2, retryAfter: 3 });
		const replies = [];
		for (let i = 0; i < 3; i++) replies.push(await contactInfo(emu, SEED_CHAT_ID, agent));
		expect(replies.map((r) => r.status)).toEqual([502, 502, 200]);
		expect(replies[0].text).toBe('Bad Gateway');
		expect(replies[0].headers['retry-after']).toBe('3');
		expect(replies[2].headers['retry-after']).toBeUndefined();
	});

	it("'status' can carry a custom body, an HTTP-date Retry-After, or echo the tokened path", async () => {
		emu.inject({ kind: 'status', status: 429, times: 1, body: 'slow down', retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
		emu.inject({ kind: 'status', status: 500, times: 1, echoPath: true });
		const custom = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(custom).toMatchObject({ status: 429, text: 'slow down' });
		expect(custom.headers['retry-after']).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
		const echoed = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(echoed.status).toBe(500);
		expect(echoed.text).toContain(pathFor(emu, 'getContactInfo'));
		expect(echoed.text).toContain(emu.token);
	});

	it('matches faults by exact chatId and by method, in insertion order', async () => {
		emu.inject({ kind: 'status', status: 503, chatId: OTHER, times: 1 });
		emu.inject({ kind: 'status', status: 504, method: 'GETSTATEINSTANCE', times: 1 });
		emu.inject({ kind: 'status', status: 400, times: 1 });
		emu.inject({ kind: 'status', status: 502, times: 1 });
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(400); // skips the OTHER-only fault
		expect((await contactInfo(emu, OTHER, agent)).status).toBe(503);
		expect((await contactInfo(emu, OTHER, agent)).status).toBe(502);
		expect((await call(emu, 'getStateInstance', { dispatcher: agent })).status).toBe(504);
		expect((await contactInfo(emu, OTHER, agent)).status).toBe(200);
		expect(emu.count({ chatId: OTHER })).toBe(3);
		expect(emu.count({ chatId: OTHER, status: 503 })).toBe(1);
	});

	it('checks credentials before faults, and faulted requests do not consume the rate window', async () => {
		emu.setRateLimit('getContactInfo', 1);
		emu.inject({ kind: 'status', status: 502, times: 1 });
		expect((await call(emu, 'getContactInfo', { body: { chatId: SEED_CHAT_ID }, token: 'bad', dispatcher: agent })).status).toBe(401);
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(502);
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(200);
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(429);
	});

	it("'quota' answers 466 with invokeStatus, optionally correspondentsStatus", async () => {
		emu.inject({ kind: 'quota', times: 1 });
		emu.inject({ kind: 'quota', times: 1, correspondents: true });
		const plain = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(plain.status).toBe(466);
		const body = JSON.parse(plain.text) as Record<string, Record<string, unknown>>;
		expect(body.invokeStatus).toMatchObject({ method: 'getContactInfo', used: 1000, total: 1000, status: 'QUOTE_EXCEEDED' });
		expect(typeof body.invokeStatus.description).toBe('string');
		expect(body.correspondentsStatus).toBeUndefined();
		const both = JSON.parse((await contactInfo(emu, SEED_CHAT_ID, agent)).text) as Record<string, Record<string, unknown>>;
		expect(both.correspondentsStatus).toMatchObject({ method: 'correspondents', status: 'CORRESPONDENTS_QUOTE_EXCEEDED' });
	});

	it("'reset' drops the connection without an answer, then the next request succeeds", async () => {
		emu.inject({ kind: 'reset', times: 1 });
		await expect(contactInfo(emu, SEED_CHAT_ID, agent)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(200);
		expect(emu.statusCounts()).toEqual({ reset: 1, '200': 1 });
	});

	it("'hang' never answers", async () => {
		emu.inject({ kind: 'hang', times: 1, chatId: OTHER });
		const started = performance.now();
		await expect(call(emu, 'getContactInfo', { body: { chatId: OTHER }, dispatcher: agent, timeoutMs: 300 })).rejects.toMatchObject({
			code: 'UND_ERR_HEADERS_TIMEOUT',
		});
		expect(performance.now() - started).toBeGreaterThanOrEqual(250);
		expect(emu.count({ status: 'hang' })).toBe(1);
	});

	it("'malformedJson' and 'emptyBody' answer 200 with bodies that do not parse", async () => {
		emu.inject({ kind: 'malformedJson', times: 1 });
		emu.inject({ kind: 'emptyBody', times: 1 });
		const truncated = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(truncated.status).toBe(200);
		expect(truncated.headers['content-type']).toBe('application/json');
		expect(truncated.text.startsWith('{"avatar"')).toBe(true);
		expect(() => JSON.parse(truncated.text)).toThrow(SyntaxError);
		const empty = await contactInfo(emu, SEED_CHAT_ID, agent);
		expect(empty).toMatchObject({ status: 200, text: '' });
	});

	it("'oversized' answers a valid contact of the requested size", async () => {
		emu.inject({ kind: 'oversized', times: 1, bytes: 3_000_000 });
		const res = await contactInfo(emu, OTHER, agent);
		expect(res.status).toBe(200);
		expect(Buffer.byteLength(res.text)).toBe(3_000_000);
		expect(res.headers['content-length']).toBe('3000000');
		expect((JSON.parse(res.text) as { chatId: string }).chatId).toBe(OTHER);
	});

	it("'wrongTypes' answers 200 with a contact whose fields have the wrong JSON types", async () => {
		emu.inject({ kind: 'wrongTypes' });
		const body = JSON.parse((await contactInfo(emu, SEED_CHAT_ID, agent)).text) as Record<string, unknown>;
		expect(body).toMatchObject({ isBusiness: 'yes', messageExpiration: 'soon', products: 'none' });
		expect(typeof body.chatId).toBe('number');
		// No `times`: it keeps applying until cleared.
		expect(JSON.parse((await contactInfo(emu, OTHER, agent)).text)).toMatchObject({ products: 'none' });
		emu.clearFaults();
		expect(Array.isArray((JSON.parse((await contactInfo(emu, OTHER, agent)).text) as { products: unknown }).products)).toBe(true);
	});

	it('refuses a status fault without a status', () => {
		expect(() => emu.inject({ kind: 'status' })).toThrow(TypeError);
	});
});
