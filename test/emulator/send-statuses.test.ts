// The emulator's statuses after each queued send, and its webhook re-delivery.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, newAgent, useEmulator } from './http-client';

const OTHER = '79001234567@c.us';

describe('GREEN-API emulator: statuses that follow each queued send', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const send = async (method: string, body: Record<string, unknown>): Promise<string> => {
		const reply = await call(emu, method, { body, dispatcher: agent });
		expect(reply.status).toBe(200);
		return String((JSON.parse(reply.text || '{}') as { idMessage?: string }).idMessage);
	};
	const settled = async (): Promise<void> => {
		while (emu.statuses.pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
	};

	let hook: Server;
	const received: Record<string, unknown>[] = [];
	beforeAll(async () => {
		hook = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
				res.end('');
			});
		});
		await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
	});
	beforeEach(() => void (received.length = 0));
	afterAll(async () => {
		hook.closeAllConnections();
		await new Promise((resolve) => hook.close(resolve));
	});
	const hookUrl = () => `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;

	it('off by default: a send puts nothing into the notification queue', async () => {
		await send('sendMessage', { chatId: SEED_CHAT_ID, message: 'hi' });
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(emu.notifications.queue).toHaveLength(0);
		expect(emu.statuses.produced).toHaveLength(0);
	});

	it('follow(): sent, delivered, read for the idMessage the send answered, into the queue, in order', async () => {
		emu.statuses.follow({ intervalMs: 5 });
		const id = await send('sendMessage', { chatId: SEED_CHAT_ID, message: 'hi' });
		const file = await send('sendFileByUrl', { chatId: OTHER, urlFile: 'https://example.com/a.jpg', fileName: 'a.jpg' });
		await settled();
		const bodies = emu.notifications.queue.map((n) => n.body);
		expect(bodies.filter((b) => b.idMessage === id).map((b) => b.status)).toEqual(['sent', 'delivered', 'read']);
		expect(bodies.filter((b) => b.idMessage === file).map((b) => b.status)).toEqual(['sent', 'delivered', 'read']);
		expect(bodies[0]).toMatchObject({ typeWebhook: 'outgoingMessageStatus', chatId: SEED_CHAT_ID, idMessage: id, sendByApi: true, instanceData: { idInstance: Number(emu.idInstance) } });
		expect(bodies[0]).not.toHaveProperty('description');
		expect(typeof bodies[0].timestamp).toBe('number');
	});

	it('only sends get statuses: reading, typing and editing do not', async () => {
		emu.statuses.follow({ intervalMs: 1 });
		await send('readChat', { chatId: SEED_CHAT_ID });
		await send('sendTyping', { chatId: SEED_CHAT_ID });
		await send('editMessage', { chatId: SEED_CHAT_ID, idMessage: 'BAE5000000000001', message: 'fixed' });
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(emu.statuses.produced).toHaveLength(0);
	});

	it('failure statuses carry a description; with outgoingWebhook off only failed and noAccount are sent, as GREEN-API does', async () => {
		emu.statuses.follow({ statuses: ['sent', 'noAccount'], intervalMs: 1, description: 'No WhatsApp account', chatId: OTHER });
		await send('sendMessage', { chatId: SEED_CHAT_ID, message: 'not followed: another chat' });
		const id = await send('sendMessage', { chatId: OTHER, message: 'hi' });
		await settled();
		expect(emu.notifications.queue.map((n) => [n.body.idMessage, n.body.status, n.body.description])).toEqual([
			[id, 'sent', undefined],
			[id, 'noAccount', 'No WhatsApp account'],
		]);
		emu.notifications.queue.length = 0;
		emu.notifications.settings.outgoingWebhook = 'no';
		await send('sendMessage', { chatId: OTHER, message: 'again' });
		await settled();
		expect(emu.notifications.queue.map((n) => n.body.status)).toEqual(['noAccount']);
	});

	it('with a webhookUrl the statuses are POSTed there instead of queued', async () => {
		emu.notifications.settings.webhookUrl = hookUrl();
		emu.statuses.follow({ intervalMs: 1 });
		const id = await send('sendMessage', { chatId: SEED_CHAT_ID, message: 'hi' });
		await settled();
		// Each status is its own POST: over a network they may overtake each other, as GREEN-API's may.
		expect(received.map((b) => [b.idMessage, b.status]).sort()).toEqual([
			[id, 'delivered'],
			[id, 'read'],
			[id, 'sent'],
		]);
		expect(emu.notifications.queue).toHaveLength(0);
	});

	it('follow(false) and reset() drop what was planned', async () => {
		emu.statuses.follow({ intervalMs: 50 });
		await send('sendMessage', { chatId: SEED_CHAT_ID, message: 'hi' });
		expect(emu.statuses.pending).toBe(3);
		emu.statuses.follow(false);
		expect(emu.statuses.pending).toBe(0);
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(emu.notifications.queue).toHaveLength(0);
		expect(() => emu.statuses.follow({ intervalMs: -1 })).toThrow(/intervalMs must be a finite number >= 0/);
	});

	it('re-delivery: "deliver twice" POSTs each notification twice (one after the other, or at once), redeliverWebhook sends an earlier one again', async () => {
		emu.notifications.settings.webhookUrl = hookUrl();
		const body = { typeWebhook: 'incomingMessageReceived', idMessage: 'MSG1' };
		emu.notifications.webhookCopies = 2;
		expect((await emu.notifications.deliverWebhook(body)).status).toBe(200);
		emu.notifications.webhookCopiesAtOnce = true;
		expect((await emu.notifications.deliverWebhook({ ...body, idMessage: 'MSG2' })).status).toBe(200);
		emu.notifications.webhookCopies = 1;
		await emu.notifications.redeliverWebhook(0);
		expect(received.map((b) => b.idMessage)).toEqual(['MSG1', 'MSG1', 'MSG2', 'MSG2', 'MSG1']);
		expect(emu.notifications.webhookLog.map((d) => [d.body.idMessage, d.status])).toEqual([
			['MSG1', 200],
			['MSG1', 200],
			['MSG2', 200],
			['MSG2', 200],
			['MSG1', 200],
		]);
		emu.reset();
		expect([emu.notifications.webhookCopies, emu.notifications.webhookLog.length]).toEqual([1, 0]);
		await expect(emu.notifications.redeliverWebhook()).rejects.toThrow(/no webhook was delivered yet/);
	});
});
