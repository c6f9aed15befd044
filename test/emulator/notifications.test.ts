import { request } from 'undici';

import { GreenApiEmulator } from './index';
import { incoming } from './notification-bodies';
import { call, newAgent, useEmulator } from './http-client';

describe('GREEN-API emulator: notification queue and settings', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));

	const receive = async (timeout = 5) => {
		const res = await request(`${emu.url}/waInstance${emu.idInstance}/receiveNotification/${emu.token}?receiveTimeout=${timeout}`, { dispatcher: agent });
		const text = await res.body.text();
		return { status: res.statusCode, json: (res.statusCode === 200 ? JSON.parse(text) : text) as { receiptId: number; body: Record<string, unknown> } | null };
	};
	const remove = async (receiptId: number | string) =>
		await request(`${emu.url}/waInstance${emu.idInstance}/deleteNotification/${emu.token}/${receiptId}`, { method: 'DELETE', dispatcher: agent }).then(async (r) => ({ status: r.statusCode, json: (await r.body.json()) as unknown }));

	it('FIFO, the same head until it is deleted', async () => {
		const [a, b] = emu.notifications.enqueue(incoming(1), incoming(2));
		expect((await receive()).json?.receiptId).toBe(a);
		expect((await receive()).json).toEqual({ receiptId: a, body: incoming(1) });
		expect((await remove(a)).json).toEqual({ result: true, reason: '' });
		expect((await remove(a)).json).toMatchObject({ result: false });
		expect((await receive()).json?.receiptId).toBe(b);
		expect(emu.notifications.queue[0].deliveries).toBe(1);
	});

	it('the long poll answers null after receiveTimeout (capped for tests), or at once when something arrives', async () => {
		emu.notifications.maxLongPollMs = 200;
		const started = performance.now();
		expect(await receive(5)).toEqual({ status: 200, json: null });
		expect(performance.now() - started).toBeGreaterThanOrEqual(190);
		emu.notifications.maxLongPollMs = 10_000;
		const waiting = receive(5);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const [id] = emu.notifications.enqueue(incoming(3));
		expect((await waiting).json?.receiptId).toBe(id);
	});

	it('validates receiveTimeout and the token, and the control endpoint enqueues', async () => {
		expect((await receive(4)).status).toBe(400);
		expect((await call(emu, 'receiveNotification', { verb: 'GET', token: 'nope', dispatcher: agent })).status).toBe(401);
		const res = await request(`${emu.url}/control/notifications`, { method: 'POST', body: JSON.stringify([incoming(1), incoming(2)]), dispatcher: agent });
		expect(((await res.body.json()) as { receiptIds: number[] }).receiptIds).toHaveLength(2);
		expect(emu.notifications.queue).toHaveLength(2);
	});

	it('getSettings / setSettings keep the webhook fields', async () => {
		expect((await call(emu, 'setSettings', { body: { webhookUrl: 'http://127.0.0.1:1/x', webhookUrlToken: 't', unknown: 1 }, dispatcher: agent })).text).toBe('{"saveSettings":true}');
		const settings = JSON.parse((await call(emu, 'getSettings', { verb: 'GET', dispatcher: agent })).text) as Record<string, unknown>;
		expect(settings).toMatchObject({ webhookUrl: 'http://127.0.0.1:1/x', webhookUrlToken: 't' });
		expect(settings).not.toHaveProperty('unknown');
	});
});
