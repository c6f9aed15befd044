// Each Queue operation from the packed tarball in a real n8n, against the emulator: what the
// node outputs and what GREEN-API got. The queue is filled straight at the emulator before a
// run, as another workflow's sends would fill it.
import { existsSync } from 'node:fs';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { call } from '../emulator/http-client';
import { N8n } from './n8n';
import type { Execution, Item } from './n8n';
import { killAll } from './process';
import { GREEN_API_NODE, greenApiCredential, operationWorkflow } from './workflows';
import type { OperationSetup } from './workflows';

const CREDENTIAL = { id: 'e2eGreenApiQueu1', name: 'GREEN-API emulator (queue)' };
const A = '79001000001@c.us';
const queue = (operation: string, parameters: Record<string, unknown> = {}): OperationSetup => ({ resource: 'queue', operation, parameters: { options: {}, ...parameters } });

const WORKFLOWS: Record<string, { items: object[]; setup: OperationSetup }> = {
	e2eShowQueue0001: { items: [{}], setup: queue('showMessagesQueue', { returnAll: true }) },
	e2eShowQueueLim1: { items: [{}], setup: queue('showMessagesQueue', { limit: 1 }) },
	e2eQueueCount001: { items: [{}, {}], setup: queue('getMessagesCount') },
	e2eClearQueue001: { items: [{}], setup: queue('clearMessagesQueue') },
	// Two input items without Run for Each Item: refused before any request.
	e2eClearQueueTwo: { items: [{}, {}], setup: queue('clearMessagesQueue') },
};

let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	emulator = await GreenApiEmulator.start();
	n8n = await N8n.create();
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, mediaUrl: emulator.mediaUrl, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	await n8n.importWorkflows(Object.entries(WORKFLOWS).map(([id, { items, setup }]) => operationWorkflow(id, `e2e: ${id}`, CREDENTIAL, items, setup)));
}, 300_000);

afterAll(async () => {
	killAll();
	await emulator?.close();
	await n8n?.dispose('n8n-queue-output.log');
});

/** Two messages waiting in the queue: a text and a forward. */
async function fillQueue(): Promise<string> {
	const sent = JSON.parse((await call(emulator!, 'sendMessage', { body: { chatId: A, message: 'Hello' } })).text) as { idMessage: string };
	await call(emulator!, 'forwardMessages', { body: { chatId: A, chatIdFrom: '79001000002@c.us', messages: [sent.idMessage] } });
	return sent.idMessage;
}

async function execute(workflowId: string): Promise<Execution> {
	const { result, execution } = await n8n!.execute(workflowId);
	expect(result.stdout + result.stderr).not.toContain(EMULATOR_TOKEN);
	return execution;
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function output(workflowId: string): Promise<Array<Item['json']>> {
	const execution = await execute(workflowId);
	expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
	const [items] = execution.data.resultData.runData[GREEN_API_NODE][0].data!.main;
	return (items ?? []).map((item) => item.json);
}

// Counted as answered (200): a run close after the one before may first meet a 429, which is retried.
beforeEach(() => emulator!.reset());

test('Show Messages Queue: one typed item per queued message; Limit 1 gives the first', async () => {
	const idMessage = await fillQueue();
	const items = await output('e2eShowQueue0001');
	expect(items).toEqual([
		{ chatId: A, idMessage, messageID: idMessage, type: 'sendMessage', body: { chatId: A, message: 'Hello' } },
		{ chatId: A, messagesIDs: [expect.stringMatching(/^BAE5/)], type: 'ForwardMessages', body: { chatId: A, chatIdFrom: '79001000002@c.us', messages: [idMessage] } },
	]);
	expect((await output('e2eShowQueueLim1')).map((item) => item.type)).toEqual(['sendMessage']);
	expect(emulator!.count({ method: 'showMessagesQueue', status: 200 })).toBe(2);
});

test('Get Messages Count: { count } for each input item, from one request', async () => {
	await fillQueue();
	expect(await output('e2eQueueCount001')).toEqual([{ count: 2 }, { count: 2 }]);
	expect(emulator!.count({ method: 'getMessagesCount', status: 200 })).toBe(1);
});

test('Clear Messages Queue empties the queue once; for two items it refuses and sends nothing', async () => {
	await fillQueue();
	expect(await output('e2eClearQueue001')).toEqual([{ isCleared: true, sendState: 'done' }]);
	expect(emulator!.sendQueue).toEqual([]);
	expect(emulator!.count({ method: 'clearMessagesQueue', status: 200 })).toBe(1);

	await fillQueue();
	const before = emulator!.requests.length;
	const refused = await execute('e2eClearQueueTwo');
	expect(refused.status).toBe('error');
	expect(refused.data.resultData.runData[GREEN_API_NODE][0].error?.message).toMatch(/^Clear Messages Queue got 2 input items .* it runs for one item only$/);
	expect(emulator!.requests.slice(before).filter((r) => r.method !== 'getStateInstance')).toEqual([]);
	expect(emulator!.sendQueue).toHaveLength(2);
});
