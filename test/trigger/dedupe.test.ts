// Webhook mode's "no duplicate runs": the emulator POSTs as GREEN-API does, copies and
// re-deliveries included, to a loopback server that hands each request to n8n-core's
// WebhookContext and runs the execution it starts (engineN8n.ts). A restart is a new
// EngineN8n on the same static-data row with the node's module loaded afresh.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeType, ITriggerResponse } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { SEEN_FIELD } from '../../nodes/GreenApi/trigger/webhook/dedupe';
import { GreenApiEmulator } from '../emulator';
import { call } from '../emulator/http-client';
import { incoming, outgoingStatus, stateChanged } from '../emulator/notification-bodies';
import { shutdownServices } from '../engine/services';
import { EngineN8n } from './engineN8n';
import { credentialsFor, listenForJson, waitFor } from './harness';

const WEBHOOK_TOKEN = 'webhook-secret-of-the-dedupe-test';
const WEBHOOK = { mode: 'webhook', webhookToken: WEBHOOK_TOKEN };

let emulator: GreenApiEmulator;
let server: Server;
/** Where the loopback server hands GREEN-API's POSTs: the n8n "process" running now. */
let n8n: EngineN8n;
let workflowCounter = 0;

function publish(parameters: IDataObject = {}, nodeType: INodeType = new GreenApiTrigger()): EngineN8n {
	n8n = new EngineN8n(nodeType, { ...WEBHOOK, ...parameters }, credentialsFor(emulator), `dedupe-${++workflowCounter}`);
	return n8n;
}

/** The node's module as a new n8n process loads it: none of the old process's memory. */
function freshNodeType(): INodeType {
	let fresh: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const module = require('../../nodes/GreenApi/GreenApiTrigger.node') as { GreenApiTrigger: new () => INodeType };
		fresh = new module.GreenApiTrigger();
	});
	return fresh!;
}

function echo(seq: number, idMessage: string): Record<string, unknown> {
	return { ...incoming(seq), typeWebhook: 'outgoingAPIMessageReceived', idMessage };
}

beforeAll(async () => {
	emulator = await GreenApiEmulator.start();
	server = await listenForJson((req, res, body) => {
		void n8n.deliver(body, req.headers as Record<string, string>).then(
			(answer) => res.writeHead(answer.status).end(''),
			(error: Error) => res.writeHead(500).end(error.message),
		);
	});
});
beforeEach(() => {
	emulator.reset();
	emulator.notifications.settings.webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/notifications`;
	emulator.notifications.settings.webhookUrlToken = WEBHOOK_TOKEN;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await emulator.close();
	await shutdownServices();
});

const statusesOfLog = () => emulator.notifications.webhookLog.map((d) => d.status);

describe('webhook mode: a notification delivered again starts nothing', () => {
	it('the same idMessage and type delivered twice, then once more later: one execution, every copy answered 200', async () => {
		publish();
		emulator.notifications.webhookCopies = 2;
		await emulator.notifications.deliverWebhook(incoming(1, { text: 'once' }));
		await n8n.idle();
		emulator.notifications.webhookCopies = 1;
		await emulator.notifications.redeliverWebhook(0);
		await n8n.idle();
		expect(n8n.executions.map((items) => items[0].text)).toEqual(['once']);
		expect(statusesOfLog()).toEqual([200, 200, 200]);
	});

	it('copies arriving at once, while the first execution has not started yet: one execution', async () => {
		publish();
		emulator.notifications.webhookCopies = 3;
		emulator.notifications.webhookCopiesAtOnce = true;
		await emulator.notifications.deliverWebhook(incoming(1));
		await n8n.idle();
		expect(n8n.executions).toHaveLength(1);
		expect(statusesOfLog()).toEqual([200, 200, 200]);
	});

	it('a different type with the same idMessage starts one more, and each stays one when delivered again', async () => {
		publish({ events: ['outgoingAPIMessageReceived', 'outgoingMessageStatus'] });
		emulator.notifications.webhookCopies = 2;
		await emulator.notifications.deliverWebhook(echo(1, 'BAE5000000000777'));
		await emulator.notifications.deliverWebhook(outgoingStatus(2, undefined, { idMessage: 'BAE5000000000777', status: 'sent' }));
		await n8n.idle();
		expect(n8n.executions.map((items) => [items[0].type, items[0].messageId])).toEqual([
			['outgoingAPIMessageReceived', 'BAE5000000000777'],
			['outgoingMessageStatus', 'BAE5000000000777'],
		]);
	});

	it('sent, delivered and read of one send are three events, each run once though each is delivered twice', async () => {
		publish({ events: ['outgoingMessageStatus'] });
		emulator.notifications.webhookCopies = 2;
		emulator.statuses.follow({ intervalMs: 5 });
		const reply = await call(emulator, 'sendMessage', { body: { chatId: '71234567890@c.us', message: 'your order shipped' } });
		const { idMessage } = JSON.parse(reply.text) as { idMessage: string };
		await waitFor(() => emulator.statuses.pending === 0 && emulator.notifications.webhookLog.length === 6, 5_000, 'six POSTs');
		await n8n.idle();
		expect(n8n.executions.map((items) => [items[0].idMessage, items[0].status]).sort()).toEqual([
			[idMessage, 'delivered'],
			[idMessage, 'read'],
			[idMessage, 'sent'],
		]);
	});

	it('notifications without an idMessage (state changes) are never deduplicated', async () => {
		publish({ events: ['stateInstanceChanged'] });
		emulator.notifications.webhookCopies = 2;
		await emulator.notifications.deliverWebhook(stateChanged(1));
		await n8n.idle();
		expect(n8n.executions).toHaveLength(2);
	});
});

describe('webhook mode: what was seen survives an n8n restart', () => {
	it('a re-delivery after the restart starts nothing; a new notification still starts one run', async () => {
		const before = publish();
		await emulator.notifications.deliverWebhook(incoming(1));
		await before.idle();
		expect(before.executions).toHaveLength(1);
		expect(String((JSON.parse(before.staticDataRow) as Record<string, IDataObject>)['node:GREEN-API Trigger'][SEEN_FIELD])).toHaveLength(8);

		n8n = before.restarted(freshNodeType());
		expect((await emulator.notifications.redeliverWebhook(0)).status).toBe(200);
		await emulator.notifications.deliverWebhook(incoming(2));
		await n8n.idle();
		expect(n8n.executions.map((items) => items[0].messageId)).toEqual(['MSG000002']);
	});

	it('control: the same restart with the static data gone runs the re-delivery (the database, not the old process, remembered)', async () => {
		const before = publish();
		await emulator.notifications.deliverWebhook(incoming(1));
		await before.idle();
		n8n = before.restarted(freshNodeType());
		n8n.staticDataRow = '{}';
		await emulator.notifications.redeliverWebhook(0);
		await n8n.idle();
		expect(n8n.executions).toHaveLength(1);
	});
});

describe('poll mode keeps at-least-once: no deduplication there', () => {
	const open: ITriggerResponse[] = [];
	afterAll(async () => {
		await Promise.all(open.map(async (response) => await response.closeFunction?.()));
		await waitFor(() => emulator.notifications.polling === 0, 5_000, 'every long poll closed');
	});

	it('the same notification queued twice starts two runs', async () => {
		emulator.notifications.settings.webhookUrl = '';
		emulator.notifications.maxLongPollMs = 150;
		emulator.notifications.enqueue(incoming(1), incoming(1));
		const polling = new EngineN8n(new GreenApiTrigger(), { mode: 'poll', receiveTimeout: 5 }, credentialsFor(emulator), `dedupe-poll-${++workflowCounter}`);
		open.push(await polling.activate());
		await waitFor(() => emulator.notifications.queue.length === 0, 10_000, 'the queue drained');
		expect(polling.emitted.map((e) => e.json.messageId)).toEqual(['MSG000001', 'MSG000001']);
	});
});
