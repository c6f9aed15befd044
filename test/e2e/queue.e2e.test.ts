// Each Queue operation from the packed tarball in a real n8n, against the emulator: what the
// node outputs and what GREEN-API got. The queue is filled straight at the emulator before a
// run, as another workflow's sends would fill it.

import type { GreenApiEmulator } from '../emulator';
import { call } from '../emulator/http-client';
import type { Execution, Item, N8n } from './n8n';
import { executeWithoutToken, firstOutput, startOperationRun, stopOperationRun } from './operationRun';
import type { OperationRun } from './operationRun';
import { GREEN_API_NODE } from './workflows';
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

let run: OperationRun | undefined;
let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	run = await startOperationRun('queue', CREDENTIAL, () => WORKFLOWS);
	({ emulator, n8n } = run);
}, 300_000);

afterAll(() => stopOperationRun(run, 'queue'));

/** Two messages waiting in the queue: a text and a forward. */
async function fillQueue(): Promise<string> {
	const sent = JSON.parse((await call(emulator!, 'sendMessage', { body: { chatId: A, message: 'Hello' } })).text) as { idMessage: string };
	await call(emulator!, 'forwardMessages', { body: { chatId: A, chatIdFrom: '79001000002@c.us', messages: [sent.idMessage] } });
	return sent.idMessage;
}

async function execute(workflowId: string): Promise<Execution> {
	return executeWithoutToken(n8n!, workflowId);
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function output(workflowId: string): Promise<Array<Item['json']>> {
	return firstOutput(await execute(workflowId));
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
