// The event picker: what a new trigger listens to, what each event says it is, and that
// statuses and echoes of our own sends come through only when chosen. Through n8n-core's
// contexts (engineN8n.ts), so "a new trigger" is a node saved without the field, as n8n stores one.
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { MESSAGE_STATUSES } from '../../nodes/GreenApi/trigger/notification/normalize';
import { filterFromParameters } from '../../nodes/GreenApi/trigger/parameters';
import type { GreenApiEmulator } from '../emulator';
import { incoming, outgoingStatus } from '../emulator/notification-bodies';
import { shutdownServices } from '../engine/services';
import { EngineN8n } from './engineN8n';
import { credentialsFor, useActivatedTriggers, waitFor } from './harness';

const node = new GreenApiTrigger();
const WEBHOOK_TOKEN = 'webhook-secret-of-the-events-test';
const BEARER = { authorization: `Bearer ${WEBHOOK_TOKEN}` };
const events = node.description.properties.find((p) => p.name === 'events')!;

/** An echo of our own send: GREEN-API sends it in the shape of an incoming message. */
function apiEcho(seq: number): Record<string, unknown> {
	return { ...incoming(seq), typeWebhook: 'outgoingAPIMessageReceived', idMessage: `BAE5ECHO${seq}` };
}

let emulator: GreenApiEmulator;
const open = useActivatedTriggers((started) => (emulator = started));
afterAll(shutdownServices);

async function polling(parameters: IDataObject): Promise<EngineN8n> {
	const n8n = new EngineN8n(node, { mode: 'poll', receiveTimeout: 5, ...parameters }, credentialsFor(emulator));
	open.push(await n8n.activate());
	return n8n;
}

describe('Event Types: the picker', () => {
	it('a new trigger listens to incoming messages only: statuses and echoes of our own sends are not selected', () => {
		expect(events.default).toEqual(['incomingMessageReceived']);
		expect(events.default).not.toContain('outgoingMessageStatus');
		expect(events.default).not.toContain('outgoingAPIMessageReceived');
	});

	it('every option says what the event is', () => {
		const options = events.options as INodePropertyOptions[];
		expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['incomingMessageReceived', 'outgoingMessageStatus', 'outgoingAPIMessageReceived']));
		for (const option of options) expect(String(option.description ?? '').length).toBeGreaterThan(30);
		const status = options.find((o) => o.value === 'outgoingMessageStatus')!;
		for (const word of [...MESSAGE_STATUSES, 'idMessage']) expect(status.description).toContain(word);
		expect(options.find((o) => o.value === 'outgoingAPIMessageReceived')!.description).toMatch(/own reply/);
	});

	it('a context without the field reads the same default as n8n fills in (not "every type")', () => {
		const context = { getNodeParameter: (_name: string, fallback: unknown) => fallback, getNode: () => ({ name: 'GREEN-API Trigger' }) };
		const keep = filterFromParameters(context as never);
		expect(keep({ type: 'incomingMessageReceived', chatId: '', isGroup: false } as never)).toBe(true);
		expect(keep({ type: 'outgoingMessageStatus', chatId: '', isGroup: false } as never)).toBe(false);
	});
});

describe('Event Types in poll mode, through n8n-core\'s TriggerContext', () => {
	it('a trigger saved with the default: a status and an API echo start nothing and are deleted; the incoming message starts one run', async () => {
		const [status, echo, message] = emulator.notifications.enqueue(outgoingStatus(1), apiEcho(2), incoming(3, { text: 'hello' }));
		const n8n = await polling({});
		expect(n8n.nodeParameters().events).toEqual(['incomingMessageReceived']);
		await waitFor(() => emulator.notifications.queue.length === 0, 10_000, 'the queue drained');
		expect(emulator.notifications.deleted).toEqual([status, echo, message]);
		expect(n8n.emitted.map((e) => e.json.type)).toEqual(['incomingMessageReceived']);
	});

	it('choosing Outgoing Message Status lets statuses through, with their fields', async () => {
		emulator.notifications.enqueue(outgoingStatus(1, '79001112233@c.us', { status: 'read', idMessage: 'BAE5000000000042' }), incoming(2));
		const n8n = await polling({ events: ['outgoingMessageStatus'] });
		await waitFor(() => emulator.notifications.queue.length === 0, 10_000, 'the queue drained');
		expect(n8n.emitted.map((e) => e.json)).toEqual([
			expect.objectContaining({ type: 'outgoingMessageStatus', chatId: '79001112233@c.us', idMessage: 'BAE5000000000042', status: 'read', description: '', sendByApi: true }),
		]);
	});
});

describe('Event Types in webhook mode, through n8n-core\'s WebhookContext', () => {
	it('a trigger saved with the default: a status and an API echo are answered 200 and start nothing', async () => {
		const n8n = new EngineN8n(node, { mode: 'webhook', webhookToken: WEBHOOK_TOKEN }, credentialsFor(emulator));
		expect(n8n.nodeParameters().events).toEqual(['incomingMessageReceived']);
		expect(await n8n.deliver(outgoingStatus(1), BEARER)).toEqual({ status: 200, started: false });
		expect(await n8n.deliver(apiEcho(2), BEARER)).toEqual({ status: 200, started: false });
		expect(await n8n.deliver(incoming(3), BEARER)).toEqual({ status: 200, started: true });
		await n8n.idle();
		expect(n8n.executions.map((items) => items[0].type)).toEqual(['incomingMessageReceived']);
	});

	it('choosing Outgoing Message Status lets statuses through, with their fields', async () => {
		const n8n = new EngineN8n(node, { mode: 'webhook', webhookToken: WEBHOOK_TOKEN, events: ['outgoingMessageStatus'] }, credentialsFor(emulator));
		const failed = outgoingStatus(1, '79001112233@c.us', { status: 'failed', description: 'Could not send', idMessage: 'BAE5000000000043' });
		expect(await n8n.deliver(failed, BEARER)).toEqual({ status: 200, started: true });
		await n8n.idle();
		expect(n8n.executions[0][0]).toMatchObject({ type: 'outgoingMessageStatus', idMessage: 'BAE5000000000043', status: 'failed', description: 'Could not send', sendByApi: true });
	});
});
