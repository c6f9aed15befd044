// Download Media in webhook mode: the emulator POSTs each notification as GREEN-API does, the
// node's webhook() answers it, and the run it starts (through n8n-core's WorkflowExecute) fetches
// the file into n8n's binary store.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { shutdownServices } from '../engine/services';
import { GreenApiEmulator } from '../emulator';
import { incoming, incomingFile } from '../emulator/notification-bodies';
import { runWebhookItems, storedBytes } from './engineTrigger';
import { credentialsFor, listenForJson } from './harness';

const node = new GreenApiTrigger();
const WEBHOOK_TOKEN = 'webhook-secret-of-the-media-test';
const PARAMETERS: IDataObject = { mode: 'webhook', webhookToken: WEBHOOK_TOKEN, events: ['incomingMessageReceived'], downloadMedia: true };

let emulator: GreenApiEmulator;
let server: Server;
let received: INodeExecutionData[][] = [];
let deliveries = 0;

function webhookContext(req: IncomingMessage, res: ServerResponse, body: unknown): IWebhookFunctions {
	const response = { status: (code: number) => ((res.statusCode = code), response), send: (text: string) => (res.write(text), response), end: () => res.end() };
	// A workflow of its own per delivery: these tests are about files, not about re-deliveries (dedupe.ts).
	const workflowId = `media-webhook-${++deliveries}`;
	const staticData: IDataObject = {};
	return {
		getNode: () => ({ name: 'GREEN-API Trigger' }),
		getMode: () => 'webhook',
		getWorkflow: () => ({ id: workflowId }),
		getWorkflowStaticData: () => staticData,
		getNodeParameter: (name: string, fallback?: unknown) => (name in PARAMETERS ? PARAMETERS[name] : fallback),
		getHeaderData: () => req.headers,
		getBodyData: () => body,
		getResponseObject: () => response,
	} as unknown as IWebhookFunctions;
}

beforeAll(async () => {
	emulator = await GreenApiEmulator.start();
	server = await listenForJson((req, res, body) => {
		void (async () => {
			const answer = await node.webhook.call(webhookContext(req, res, body));
			if (answer.workflowData) received.push(answer.workflowData[0]);
			if (!answer.noWebhookResponse) res.end('');
		})();
	});
});
beforeEach(() => {
	emulator.reset();
	emulator.notifications.settings.webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/notifications`;
	emulator.notifications.settings.webhookUrlToken = WEBHOOK_TOKEN;
	received = [];
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await emulator.close();
	await shutdownServices();
});

/** GREEN-API's POST, timed, then the run n8n would start with webhook()'s items. */
async function deliver(body: Record<string, unknown>, parameters: IDataObject = PARAMETERS) {
	const started = performance.now();
	const answer = await emulator.notifications.deliverWebhook(body);
	const answeredMs = performance.now() - started;
	expect(answer.status).toBe(200);
	const items = received.shift() ?? [];
	const { run, output } = await runWebhookItems(parameters, credentialsFor(emulator), items);
	return { answeredMs, run, output, webhookItems: items };
}

describe('GREEN-API Trigger, Download Media (webhook mode)', () => {
	it('a voice note arrives as audio/ogg binary data, named .ogg, byte for byte', async () => {
		const bytes = randomBytes(120_000);
		const { run, output, webhookItems } = await deliver(incomingFile(1, { kind: 'audio', bytes, files: emulator.files }));
		expect(run.status).toBe('success');
		// webhook() itself fetches nothing: its answer to GREEN-API does not wait for the file.
		expect(webhookItems[0].binary).toBeUndefined();
		const file = output[0].binary?.data;
		expect([file?.mimeType, file?.fileName?.endsWith('.ogg'), file?.fileExtension]).toEqual(['audio/ogg', true, 'ogg']);
		expect((await storedBytes(file)).equals(bytes)).toBe(true);
		expect(output[0].json).toMatchObject({ type: 'incomingMessageReceived', messageType: 'audioMessage', messageId: 'MSG000001' });
	});

	it('GREEN-API gets its 200 at once while the file host hangs; the run ends within Timeout with downloadError', async () => {
		emulator.files.fault({ kind: 'hang' });
		const started = performance.now();
		const { answeredMs, run, output } = await deliver(incomingFile(1, { kind: 'image', files: emulator.files }), { ...PARAMETERS, downloadOptions: { timeoutSeconds: 1 } });
		expect(answeredMs).toBeLessThan(500);
		expect(performance.now() - started).toBeLessThan(4_000);
		expect(run.status).toBe('success');
		expect(output[0].binary).toBeUndefined();
		expect(output[0].json.downloadError).toMatch(/^The file from 127\.0\.0\.1:\d+ did not arrive within 1 s$/);
	});

	it('an expired link is renewed through downloadFile; the token reaches neither the file host nor the output', async () => {
		const bytes = randomBytes(40_000);
		const { output } = await deliver(incomingFile(1, { kind: 'document', bytes, files: emulator.files, expired: true }));
		expect((await storedBytes(output[0].binary?.data)).equals(bytes)).toBe(true);
		expect(output[0].binary?.data.fileName).toBe('Invoice 42.pdf');
		expect(emulator.count({ method: 'downloadFile', status: 200 })).toBe(1);
		expect(emulator.files.requests.map((r) => r.status)).toEqual([404, 200]);
		expect(JSON.stringify(emulator.files.requests.map((r) => [r.path, r.headers]))).not.toContain(emulator.token);
		expect(JSON.stringify(output)).not.toContain(emulator.token);
	});

	it('an option an expression made wrong: the run still goes, its item says which option to fix', async () => {
		const { run, output } = await deliver(incomingFile(1, { kind: 'sticker', files: emulator.files }), { ...PARAMETERS, downloadOptions: { timeoutSeconds: -5 } });
		expect(run.status).toBe('success');
		expect(output[0].json.downloadError).toBe('Download Options → Timeout (Seconds) must be a number from 1 to 3600; got -5');
		expect(emulator.files.requests).toHaveLength(0);
	});

	it('text messages, and media with Download Media off, pass on as they came', async () => {
		const text = await deliver(incoming(1, { text: 'hello' }));
		expect(text.output.map((item) => [item.json.text, item.binary, item.json.downloadError])).toEqual([['hello', undefined, undefined]]);
		const off = await deliver(incomingFile(2, { kind: 'image', files: emulator.files }), { ...PARAMETERS, downloadMedia: false });
		expect(off.output[0].binary).toBeUndefined();
		expect(emulator.files.requests).toHaveLength(0);
	});
});
