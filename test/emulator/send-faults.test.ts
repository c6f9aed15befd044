import { FormData, request } from 'undici';
import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, newAgent, useEmulator } from './http-client';

const A = '79001234567@c.us';
const B = '79001234568@c.us';
const C = '79001234569@c.us';

describe('GREEN-API emulator: faults around sending, jitter, the correspondents quota', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const send = (chatId: string, message = 'hi', timeoutMs?: number) => call(emu, 'sendMessage', { body: { chatId, message }, dispatcher: agent, timeoutMs });

	it("'apply' with a status: the message is queued, then the answer is a 502", async () => {
		emu.inject({ kind: 'status', status: 502, method: 'sendMessage', apply: true, times: 1 });
		const failed = await send(A, 'first');
		expect([failed.status, failed.text]).toEqual([502, 'Bad Gateway']);
		expect(emu.messages.all().map((m) => [m.chatId, m.fields.message])).toEqual([[A, 'first']]);
		expect((await send(A, 'second')).status).toBe(200);
		expect(emu.messages.count({ chatId: A })).toBe(2);
		expect(emu.count({ method: 'sendMessage', status: 502 })).toBe(1);
	});

	it("'apply' with 'hang': queued, and the answer never comes", async () => {
		emu.inject({ kind: 'hang', method: 'sendMessage', apply: true, times: 1 });
		await expect(send(A, 'lost answer', 300)).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
		expect(emu.messages.count({ chatId: A })).toBe(1);
		expect(emu.count({ status: 'hang' })).toBe(1);
	});

	it("'apply' with 'cutBody': queued, then 200 headers and half the real answer before the socket closes", async () => {
		emu.inject({ kind: 'cutBody', method: 'sendMessage', apply: true, times: 1 });
		const res = await request(`${emu.url}/waInstance${emu.idInstance}/sendMessage/${emu.token}`, {
			method: 'POST',
			body: JSON.stringify({ chatId: A, message: 'cut' }),
			headers: { 'content-type': 'application/json' },
			dispatcher: agent,
		});
		expect(res.statusCode).toBe(200);
		await expect(res.body.text()).rejects.toThrow();
		expect(emu.messages.all()).toEqual([expect.objectContaining({ chatId: A, idMessage: expect.stringMatching(/^BAE5/) })]);
	});

	it("'apply' with 'reset': queued, then the connection is reset", async () => {
		emu.inject({ kind: 'reset', method: 'sendPoll', apply: true, times: 1 });
		const body = { chatId: A, message: 'Q', options: [{ optionName: 'a' }, { optionName: 'b' }] };
		await expect(call(emu, 'sendPoll', { body, dispatcher: agent })).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(emu.messages.count({ method: 'sendPoll' })).toBe(1);
	});

	it("an 'apply' fault is consumed only by a request that would succeed (not a 400, not a 429)", async () => {
		emu.setRateLimit('sendMessage', 2); // admission comes before validation, so a 400 takes a place in the window
		emu.inject({ kind: 'status', status: 502, method: 'sendMessage', apply: true, times: 1 });
		expect((await send(A, '')).status).toBe(400);
		expect((await send(A, 'queued')).status).toBe(502);
		expect((await send(A, 'limited')).status).toBe(429);
		expect(emu.messages.all().map((m) => m.fields.message)).toEqual(['queued']);
	});

	it('a fault without apply fails before anything is queued: a 429, then success, is one message', async () => {
		emu.inject({ kind: 'status', status: 429, method: 'sendMessage', times: 1 });
		expect((await send(A, 'once')).status).toBe(429);
		expect(emu.messages.count()).toBe(0);
		expect((await send(A, 'once')).status).toBe(200);
		expect(emu.messages.count()).toBe(1);
	});

	it("'apply' works on the media host too: the upload is logged, the answer is a 502", async () => {
		emu.inject({ kind: 'status', status: 502, method: 'sendFileByUpload', apply: true, times: 1 });
		const form = new FormData();
		form.append('chatId', A);
		form.append('file', new Blob([Buffer.from('bytes')]), 'a.txt');
		const res = await request(`${emu.mediaUrl}/waInstance${emu.idInstance}/sendFileByUpload/${emu.token}`, { method: 'POST', body: form, dispatcher: agent });
		expect(res.statusCode).toBe(502);
		await res.body.dump();
		expect(emu.messages.all()).toEqual([expect.objectContaining({ method: 'sendFileByUpload', chatId: A, file: expect.objectContaining({ size: 5 }) })]);
	});

	it('jitter reorders concurrent sends to one chat; sends that wait for their answer stay in order', async () => {
		emu.setRateLimit('sendMessage', 0);
		emu.setLatency(0, 40, 17);
		const order = Array.from({ length: 30 }, (_, i) => `m${i}`);
		await Promise.all(order.map((message) => send(SEED_CHAT_ID, message)));
		const concurrent = emu.messages.forChat(SEED_CHAT_ID).map((m) => m.fields.message);
		expect([...concurrent].sort()).toEqual([...order].sort());
		expect(concurrent).not.toEqual(order);
		emu.messages.clear();
		for (const message of order) expect((await send(SEED_CHAT_ID, message)).status).toBe(200);
		expect(emu.messages.forChat(SEED_CHAT_ID).map((m) => m.fields.message)).toEqual(order);
		expect(() => emu.setLatency(0, -1)).toThrow(RangeError);
	});

	it.each(['CORRESPONDENTS_QUOTE_EXCEEDED', 'CORRESPONDENTS_QUOTA_EXCEEDED'] as const)(
		'the correspondents quota: after 2 chats, a send to a third answers 466 with %s',
		async (spelling) => {
			emu.setCorrespondentsQuota(2, spelling);
			expect((await send(A)).status).toBe(200);
			expect((await call(emu, 'sendLocation', { body: { chatId: B, latitude: 1, longitude: 2 }, dispatcher: agent })).status).toBe(200);
			const over = await send(C);
			expect(over.status).toBe(466);
			const body = JSON.parse(over.text) as { correspondentsStatus: Record<string, unknown>; invokeStatus?: unknown };
			expect(body.correspondentsStatus).toMatchObject({ used: 2, total: 2, status: spelling });
			expect(body.correspondentsStatus.description).toContain(`${A},${B}`);
			expect((await send(A, 'again')).status).toBe(200); // the chats already used keep working
			expect((await call(emu, 'readChat', { body: { chatId: C }, dispatcher: agent })).status).toBe(200); // not a send
			expect(emu.messages.forChat(C).map((m) => m.method)).toEqual(['readChat']);
		},
	);
});
