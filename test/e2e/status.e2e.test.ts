// Each Status operation, and Message → Send Interactive Buttons (Reply), from the packed tarball
// in a real n8n, against the emulator: what the node outputs and what GREEN-API got. The buttons
// share this n8n rather than start another (one n8n start is most of an e2e file's time).
// Send Media Status from binary takes its file from n8n's own Read/Write Files from Disk.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import type { GreenApiEmulator, LoggedMessage } from '../emulator';
import type { Execution, Item, N8n } from './n8n';
import { executeWithoutToken, firstOutput, startOperationRun, stopOperationRun } from './operationRun';
import type { OperationRun } from './operationRun';
import { GREEN_API_NODE } from './workflows';
import type { OperationSetup } from './workflows';

const CREDENTIAL = { id: 'e2eGreenApiStat1', name: 'GREEN-API emulator (statuses)' };
const A = '79001000001@c.us';
const B = '79001000002@c.us';
const STATUS_ID = 'BAE5F4886F6F2D05';
const PICTURE = { name: 'offer.jpg', bytes: randomBytes(50_000) };
const status = (operation: string, parameters: Record<string, unknown>, extra: Partial<OperationSetup> = {}): OperationSetup => ({ resource: 'status', operation, parameters: { options: {}, ...parameters }, ...extra });
const message = (operation: string, parameters: Record<string, unknown>): OperationSetup => ({ resource: 'message', operation, parameters: { chatId: '={{ $json.chatId }}', options: {}, ...parameters } });

function workflows(): Record<string, { items: object[]; setup: OperationSetup }> {
	return {
		e2eTextStatus001: {
			items: [{ text: 'Sale today', to: '+7 900 100-00-01, 79001000002@c.us' }, { text: 'Open till 9', to: '' }],
			setup: status('sendTextStatus', { message: '={{ $json.text }}', backgroundColor: '#228B22', font: 'SERIF', participants: '={{ $json.to }}' }),
		},
		e2eVoiceStatus01: { items: [{ url: 'https://example.com/audio/hello.mp3' }], setup: status('sendVoiceStatus', { fileSource: 'url', urlFile: '={{ $json.url }}' }) },
		e2eMediaStatBin1: {
			items: [{ path: '' }],
			setup: status(
				'sendMediaStatus',
				{ fileSource: 'binary', binaryPropertyName: 'data', caption: 'Offer' },
				{ before: { name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { operation: 'read', fileSelector: '={{ $json.path }}', options: {} } } },
			),
		},
		e2eDeleteStatus1: { items: [{ idMessage: STATUS_ID }], setup: status('deleteStatus', {}) },
		e2eStatusStats01: { items: [{ idMessage: STATUS_ID }], setup: status('getStatusStatistic', { returnAll: true }) },
		e2eInStatuses001: { items: [{}], setup: status('getIncomingStatuses', { minutes: 60, returnAll: true }) },
		e2eOutStatuses01: { items: [{}], setup: status('getOutgoingStatuses', { limit: 1 }) },
		e2eButtons000001: {
			items: [{ chatId: A }],
			setup: message('sendInteractiveButtons', {
				body: 'Your order is ready',
				footer: 'ACME',
				buttons: { button: [{ type: 'copy', buttonText: 'Copy code', copyCode: 'SALE-42' }, { type: 'call', buttonText: 'Call us', phoneNumber: '+7 900 100-00-09' }, { type: 'url', buttonText: 'Open', url: 'https://example.com/o/42' }] },
			}),
		},
		e2eReplyButtons1: { items: [{ chatId: B }], setup: message('sendInteractiveButtonsReply', { body: 'Deliver tomorrow?', buttons: { button: [{ buttonText: 'Yes', buttonId: 'yes' }, { buttonText: 'No' }] } }) },
		// Bad input among good items: nothing may be sent.
		e2eBadButtons001: {
			items: [{ chatId: A, text: 'Open' }, { chatId: B, text: 'x'.repeat(26) }],
			setup: message('sendInteractiveButtons', { body: 'Hi', buttons: { button: [{ type: 'url', buttonText: '={{ $json.text }}', url: 'https://example.com' }] } }),
		},
	};
}

let run: OperationRun | undefined;
let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	run = await startOperationRun('status', CREDENTIAL, (dir) => {
		const all = workflows();
		all.e2eMediaStatBin1.items = [{ path: join(dir, PICTURE.name) }];
		return all;
	}, [PICTURE]);
	({ emulator, n8n } = run);
}, 300_000);

afterAll(() => stopOperationRun(run, 'status'));

async function execute(workflowId: string): Promise<Execution> {
	emulator!.reset();
	return executeWithoutToken(n8n!, workflowId);
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function output(workflowId: string): Promise<Array<Item['json']>> {
	return firstOutput(await execute(workflowId));
}

const log = (): LoggedMessage[] => emulator!.messages.all();

test('Send Text Status: one status per item, participants as chat IDs, none when left empty', async () => {
	const items = await output('e2eTextStatus001');
	expect(items).toEqual([
		{ idMessage: expect.stringMatching(/^BAE5/), participants: [A, B], sendState: 'queued' },
		{ idMessage: expect.stringMatching(/^BAE5/), sendState: 'queued' },
	]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([
		['sendTextStatus', { message: 'Sale today', backgroundColor: '#228B22', font: 'SERIF', participants: [A, B] }],
		['sendTextStatus', { message: 'Open till 9', backgroundColor: '#228B22', font: 'SERIF' }],
	]);
});

test('Send Voice Status by URL and Send Media Status from binary (uploaded first, then its link)', async () => {
	const voice = await output('e2eVoiceStatus01');
	expect(voice).toEqual([{ idMessage: expect.any(String), urlFile: 'https://example.com/audio/hello.mp3', fileName: 'hello.mp3', sendState: 'queued' }]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['sendVoiceStatus', { urlFile: 'https://example.com/audio/hello.mp3', fileName: 'hello.mp3' }]]);

	const media = await output('e2eMediaStatBin1');
	const sha = createHash('sha256').update(PICTURE.bytes).digest('hex');
	expect(media).toEqual([{ idMessage: expect.any(String), urlFile: `${emulator!.mediaUrl}/uploads/${sha}.jpg`, fileName: PICTURE.name, fileSize: PICTURE.bytes.length, sendState: 'queued' }]);
	expect(emulator!.count({ method: 'uploadFile' })).toBe(1);
	expect(log().map((m) => m.method)).toEqual(['sendMediaStatus']);
});

test('Delete Status, Get Status Statistic and the status journals', async () => {
	expect(await output('e2eDeleteStatus1')).toEqual([{ idMessage: STATUS_ID, deleted: true }]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['deleteStatus', { idMessage: STATUS_ID }]]);

	const viewers = await output('e2eStatusStats01');
	expect(viewers.map((viewer) => [viewer.chatId, viewer.status, viewer.timestampIso])).toEqual([
		['79001234569@c.us', 'read', '2020-04-17T13:15:19.000Z'],
		['71234567890@c.us', 'delivered', '2020-04-17T13:15:20.000Z'],
	]);

	expect((await output('e2eInStatuses001')).map((item) => item.idMessage)).toEqual(['BAE5INSTATUS0001']);
	expect((await output('e2eOutStatuses01')).map((item) => item.idMessage)).toEqual(['BAE5OUTSTATUS001']);
});

test('Send Interactive Buttons and its Reply variant send the documented buttons; a bad button sends nothing', async () => {
	expect(await output('e2eButtons000001')).toEqual([{ idMessage: expect.any(String), chatId: A, sendState: 'queued' }]);
	expect(log()[0].fields.buttons).toEqual([
		{ type: 'copy', buttonId: '1', buttonText: 'Copy code', copyCode: 'SALE-42' },
		{ type: 'call', buttonId: '2', buttonText: 'Call us', phoneNumber: '79001000009' },
		{ type: 'url', buttonId: '3', buttonText: 'Open', url: 'https://example.com/o/42' },
	]);

	expect(await output('e2eReplyButtons1')).toEqual([{ idMessage: expect.any(String), chatId: B, sendState: 'queued' }]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['sendInteractiveButtonsReply', { chatId: B, body: 'Deliver tomorrow?', buttons: [{ buttonId: 'yes', buttonText: 'Yes' }, { buttonId: '2', buttonText: 'No' }] }]]);

	const bad = await execute('e2eBadButtons001');
	expect(bad.status).toBe('error');
	const failed = bad.data.resultData.runData[GREEN_API_NODE][0];
	expect(failed.error?.message).toMatch(/^Button 1's text has 26 characters; GREEN-API takes at most 25/);
	expect((failed.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	expect(emulator!.messages.count()).toBe(0);
	expect(emulator!.requests.filter((r) => r.method !== 'getStateInstance')).toEqual([]);
});
