// Webhook mode: the emulator POSTs notifications as GREEN-API does to a loopback server
// that hands each request to the node's webhook() the way n8n's live webhook does.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, IHookFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { GreenApiEmulator } from '../emulator';
import { incoming, outgoingStatus } from '../emulator/notification-bodies';
import { credentialsFor, listenForJson } from './harness';

const node = new GreenApiTrigger();
const WEBHOOK_TOKEN = 'webhook-secret-of-this-test';
const PARAMETERS: IDataObject = { mode: 'webhook', webhookToken: WEBHOOK_TOKEN, setWebhookUrl: true, events: ['incomingMessageReceived'], chats: 'all', chatIds: '' };

let emulator: GreenApiEmulator;
let server: Server;
let url = '';
const executions: INodeExecutionData[][] = [];
let parameters: IDataObject = PARAMETERS;
// A workflow of its own per test: what one test delivered must not read as a re-delivery in the next (dedupe.ts).
let workflowId = 0;
let staticData: IDataObject = {};

function webhookContext(req: IncomingMessage, res: ServerResponse, body: unknown): IWebhookFunctions {
	const response = {
		status: (code: number) => ((res.statusCode = code), response),
		send: (text: string) => (res.write(text), response),
		end: () => res.end(),
	};
	return {
		getNode: () => ({ name: 'GREEN-API Trigger' }),
		getMode: () => 'webhook',
		getWorkflow: () => ({ id: `webhook-test-${workflowId}` }),
		getWorkflowStaticData: () => staticData,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getHeaderData: () => req.headers,
		getBodyData: () => body,
		getResponseObject: () => response,
	} as unknown as IWebhookFunctions;
}

function hookContext(mode: 'trigger' | 'manual' = 'trigger'): IHookFunctions {
	return {
		getMode: () => mode,
		getNode: () => ({ name: 'GREEN-API Trigger' }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getNodeWebhookUrl: () => url,
		getCredentials: async () => credentialsFor(emulator),
	} as unknown as IHookFunctions;
}

beforeAll(async () => {
	emulator = await GreenApiEmulator.start();
	server = await listenForJson((req, res, body) => {
		void (async () => {
			const answer = await node.webhook.call(webhookContext(req, res, body));
			if (answer.noWebhookResponse) return;
			if (answer.workflowData) executions.push(answer.workflowData[0]);
			res.end('');
		})();
	});
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/notifications`;
});
beforeEach(() => {
	emulator.reset();
	executions.length = 0;
	parameters = PARAMETERS;
	workflowId++;
	staticData = {};
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await emulator.close();
});

describe('GREEN-API Trigger, webhook mode', () => {
	it('activation sets webhookUrl and webhookUrlToken when opted in; deactivation clears them only if still ours', async () => {
		const hooks = node.webhookMethods.default;
		expect(await hooks.checkExists.call(hookContext())).toBe(false);
		await hooks.create.call(hookContext());
		expect(emulator.notifications.settings).toMatchObject({ webhookUrl: url, webhookUrlToken: WEBHOOK_TOKEN });
		expect(await hooks.checkExists.call(hookContext())).toBe(true);
		await hooks.delete.call(hookContext());
		expect(emulator.notifications.settings).toMatchObject({ webhookUrl: '', webhookUrlToken: '' });

		emulator.notifications.settings.webhookUrl = 'https://someone-else.example/hook';
		await hooks.delete.call(hookContext());
		expect(emulator.notifications.settings.webhookUrl).toBe('https://someone-else.example/hook');
	});

	it('without the opt-in nothing touches the instance settings', async () => {
		parameters = { ...PARAMETERS, setWebhookUrl: false };
		expect(await node.webhookMethods.default.checkExists.call(hookContext())).toBe(true);
		await node.webhookMethods.default.delete.call(hookContext());
		expect(emulator.count()).toBe(0);
	});

	it('an unreadable chat ID in the filter refuses the activation, naming the entry', async () => {
		parameters = { ...PARAMETERS, chatIds: '71234567890, not a phone' };
		await expect(node.webhookMethods.default.checkExists.call(hookContext())).rejects.toThrow(/Chat IDs filter, entry 2: "not a phone" is neither a phone number nor a chat ID/);
	});

	it('"Listen for test event" does not point the instance at the test URL', async () => {
		expect(await node.webhookMethods.default.checkExists.call(hookContext('manual'))).toBe(true);
		await node.webhookMethods.default.create.call(hookContext('manual'));
		expect(emulator.notifications.settings.webhookUrl).toBe('');
		expect(emulator.count()).toBe(0);
	});

	it('a notification with the Bearer token starts one execution with the normalised item', async () => {
		await node.webhookMethods.default.create.call(hookContext());
		const answer = await emulator.notifications.deliverWebhook(incoming(1, { text: 'via webhook' }));
		expect(answer.status).toBe(200);
		expect(executions).toHaveLength(1);
		expect(executions[0][0].json).toMatchObject({ type: 'incomingMessageReceived', chatId: '71234567890@c.us', text: 'via webhook' });
	});

	it.each([
		['no Authorization header', null],
		['a wrong token', 'Bearer not-the-token'],
		['the token without Bearer of another length', `${WEBHOOK_TOKEN}x`],
	])('%s: 401 and nothing starts', async (_name, authorization) => {
		await node.webhookMethods.default.create.call(hookContext());
		const answer = await emulator.notifications.deliverWebhook(incoming(1), authorization);
		expect(answer).toEqual({ status: 401, text: 'Unauthorized' });
		expect(executions).toHaveLength(0);
	});

	it.each([
		['empty', '', /Webhook Token is empty: fill it in with a long random string/],
		['blank', ' \n ', /Webhook Token is empty/],
		['too short to be kept out of messages', 'abc', /Webhook Token has only 3 characters/],
	])('a Webhook Token that is %s refuses the activation, naming the field, and sets nothing', async (_name, webhookToken, message) => {
		for (const opted of [true, false]) {
			parameters = { ...PARAMETERS, webhookToken, setWebhookUrl: opted };
			await expect(node.webhookMethods.default.checkExists.call(hookContext())).rejects.toThrow(message);
			await expect(node.webhookMethods.default.checkExists.call(hookContext('manual'))).rejects.toThrow(message);
		}
		expect(emulator.count()).toBe(0);
	});

	it.each([
		['setSettings', 'create', 400],
		['getSettings', 'checkExists', 500],
	] as const)('%s answering with the Webhook Token in its body: the error never shows it', async (method, hook, status) => {
		const echoed = `{"message":"webhookUrlToken ${WEBHOOK_TOKEN} / ${encodeURIComponent(WEBHOOK_TOKEN).toUpperCase()} / ${WEBHOOK_TOKEN.toUpperCase()} rejected"}`;
		emulator.inject({ kind: 'status', method, status, body: echoed });
		const error: Error & { description?: string } = await node.webhookMethods.default[hook].call(hookContext()).then(
			() => new Error('no error'),
			(reason: Error) => reason,
		);
		const text = `${error.message} ${error.description ?? ''}`;
		expect(text).toContain('webhookUrlToken [redacted] / [redacted] / [redacted] rejected');
		expect(text.toLowerCase()).not.toContain(WEBHOOK_TOKEN.toLowerCase());
	});

	it('an empty Webhook Token refuses every request', async () => {
		parameters = { ...PARAMETERS, webhookToken: '' };
		emulator.notifications.settings.webhookUrl = url;
		expect((await emulator.notifications.deliverWebhook(incoming(1), 'Bearer ')).status).toBe(401);
		expect(executions).toHaveLength(0);
	});

	it('filter-rejected notifications are answered 200 (so GREEN-API does not retry them) and start nothing', async () => {
		await node.webhookMethods.default.create.call(hookContext());
		expect((await emulator.notifications.deliverWebhook(outgoingStatus(1))).status).toBe(200);
		expect(executions).toHaveLength(0);
	});
});
