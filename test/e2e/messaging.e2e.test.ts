// Each Message operation from the packed tarball in a real n8n 2.39.3, against the emulator:
// what the node outputs, and what GREEN-API got (the emulator's message log: fields, per chat,
// in order). Send File from binary takes its file from n8n's own Read/Write Files from Disk.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import type { LoggedMessage } from '../emulator';
import { N8n } from './n8n';
import type { Execution, Item } from './n8n';
import { killAll } from './process';
import { GREEN_API_NODE, greenApiCredential, operationWorkflow } from './workflows';
import type { OperationSetup } from './workflows';

const CREDENTIAL = { id: 'e2eGreenApiSend1', name: 'GREEN-API emulator (media)' };
const A = '79001000001@c.us';
const B = '79001000002@c.us';
const GROUP = '120363043968066561@g.us';
const OLD_1 = '3EB0C767D097B7C7C030';
const OLD_2 = '3EB0C767D097B7C7C031';
const message = (operation: string, parameters: Record<string, unknown>, extra: Partial<OperationSetup> = {}): OperationSetup => ({ resource: 'message', operation, parameters: { chatId: '={{ $json.chatId }}', options: {}, ...parameters }, ...extra });

/** Two files of the temp dir, read by n8n's Read/Write Files from Disk into binary field "data". */
const FILES = [
	{ chatId: A, name: 'report.pdf', bytes: randomBytes(300_000), caption: 'the report' },
	{ chatId: B, name: 'photo.jpg', bytes: randomBytes(20_000), caption: '' },
];
let fileDir = '';

function workflows(): Record<string, { items: object[]; setup: OperationSetup }> {
	return {
		e2eSendText00001: {
			items: [{ chatId: A, text: 'first' }, { chatId: '+7 900 100-00-02', text: 'to B' }, { chatId: A, text: 'second' }, { chatId: GROUP, text: 'to the group' }],
			setup: message('sendMessage', { message: '={{ $json.text }}', options: { linkPreview: false } }),
		},
		e2eSendFileBin01: {
			items: FILES.map(({ chatId, name, caption }) => ({ chatId, path: join(fileDir, name), caption })),
			setup: message(
				'sendFile',
				{ chatId: "={{ $('Chats').item.json.chatId }}", fileSource: 'binary', binaryPropertyName: 'data', caption: "={{ $('Chats').item.json.caption }}" },
				{ before: { name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { operation: 'read', fileSelector: '={{ $json.path }}', options: {} } } },
			),
		},
		e2eSendFileUrl01: { items: [{ chatId: A, url: 'https://example.com/files/price%20list.pdf' }], setup: message('sendFile', { fileSource: 'url', urlFile: '={{ $json.url }}', caption: 'prices' }) },
		e2eSendLocation1: {
			items: [{ chatId: A, lat: 55.7558, lon: 37.6173, place: 'Office', address: '1 Main Street' }, { chatId: B, lat: '-33.8688', lon: '151.2093', place: '', address: '' }],
			setup: message('sendLocation', { latitude: '={{ $json.lat }}', longitude: '={{ $json.lon }}', nameLocation: '={{ $json.place }}', address: '={{ $json.address }}' }),
		},
		e2eSendContact01: { items: [{ chatId: A }], setup: message('sendContact', { phoneContact: '+7 912 345-67-89', firstName: 'Ivan', company: 'ACME' }) },
		e2eSendPoll00001: {
			items: [{ chatId: A }, { chatId: GROUP }],
			setup: message('sendPoll', { message: 'Lunch?', pollOptions: { option: [{ name: 'Pizza' }, { name: 'Sushi' }, { name: 'Soup' }] }, multipleAnswers: true }),
		},
		e2eForward000001: { items: [{ chatId: B }], setup: message('forwardMessages', { chatIdFrom: A, messages: `${OLD_1}, ${OLD_2}` }) },
		e2eEditMessage01: { items: [{ chatId: A, idMessage: OLD_1 }], setup: message('editMessage', { message: 'corrected text' }) },
		e2eDeleteMsg0001: {
			items: [{ chatId: A, idMessage: OLD_1, for: 'everyone' }, { chatId: A, idMessage: OLD_2, for: 'me' }],
			setup: message('deleteMessage', { deleteFor: '={{ $json.for }}' }),
		},
		e2eReadChat00001: { items: [{ chatId: A, idMessage: OLD_1 }, { chatId: B, idMessage: '' }], setup: message('readChat', { idMessage: '={{ $json.idMessage }}' }) },
		e2eSendTyping001: { items: [{ chatId: A }], setup: message('sendTyping', { seconds: 3, typingType: 'recording' }) },
		// Bad input among good items: nothing may be sent. (A fixedCollection is not an expression as a whole, so the bad poll repeats an option.)
		e2eBadPoll000001: {
			items: [{ chatId: A, second: 'No' }, { chatId: B, second: 'yes' }, { chatId: GROUP, second: 'Maybe' }],
			setup: message('sendPoll', { message: 'Coming?', pollOptions: { option: [{ name: 'Yes' }, { name: '={{ $json.second }}' }] } }),
		},
		e2eBadLatitude01: { items: [{ chatId: A, lat: 10 }, { chatId: B, lat: 91 }], setup: message('sendLocation', { latitude: '={{ $json.lat }}', longitude: 0 }) },
	};
}

let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	fileDir = await mkdtemp(join(tmpdir(), 'n8n-e2e-files-'));
	for (const file of FILES) await writeFile(join(fileDir, file.name), file.bytes);
	emulator = await GreenApiEmulator.start();
	// n8n 2 reads files only below N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
	n8n = await N8n.create({ N8N_RESTRICT_FILE_ACCESS_TO: fileDir });
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, mediaUrl: emulator.mediaUrl, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	await n8n.importWorkflows(Object.entries(workflows()).map(([id, { items, setup }]) => operationWorkflow(id, `e2e: ${id}`, CREDENTIAL, items, setup)));
}, 300_000);

afterAll(async () => {
	killAll();
	await emulator?.close();
	await n8n?.dispose('n8n-messaging-output.log');
	if (fileDir) await rm(fileDir, { recursive: true, force: true });
});

async function execute(workflowId: string): Promise<Execution> {
	emulator!.reset();
	const { result, execution } = await n8n!.execute(workflowId);
	expect(result.stdout + result.stderr).not.toContain(EMULATOR_TOKEN);
	return execution;
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function sent(workflowId: string): Promise<Array<Item['json']>> {
	const execution = await execute(workflowId);
	expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
	const runs = execution.data.resultData.runData[GREEN_API_NODE];
	expect(runs).toHaveLength(1);
	const [output] = runs[0].data!.main;
	expect((output ?? []).map((item) => item.pairedItem)).toEqual((output ?? []).map((_, index) => ({ item: index })));
	return (output ?? []).map((item) => item.json);
}

const log = (): LoggedMessage[] => emulator!.messages.all();
const fieldsFor = (chatId: string): Array<Record<string, unknown>> => emulator!.messages.forChat(chatId).map((m) => m.fields);
/** Each output item's idMessage is the one GREEN-API logged for it. */
function expectIdsLogged(output: Array<Item['json']>): void {
	const logged = log().map((m) => m.idMessage);
	for (const item of output) expect(logged).toContain(item.idMessage);
	expect(new Set(output.map((item) => item.idMessage)).size).toBe(output.length);
}

test('Send Text: one message per item, the chat ID as sent, queued; per chat in input order', async () => {
	const output = await sent('e2eSendText00001');
	expect(output).toEqual([A, B, A, GROUP].map((chatId) => ({ idMessage: expect.stringMatching(/^BAE5[0-9A-F]{12}$/), chatId, sendState: 'queued' })));
	expectIdsLogged(output);
	expect(fieldsFor(A)).toEqual([{ chatId: A, message: 'first', linkPreview: false }, { chatId: A, message: 'second', linkPreview: false }]);
	expect(fieldsFor(B)).toEqual([{ chatId: B, message: 'to B', linkPreview: false }]);
	expect(fieldsFor(GROUP)).toEqual([{ chatId: GROUP, message: 'to the group', linkPreview: false }]);
	expect(emulator!.messages.count({ method: 'sendMessage' })).toBe(4);
}, 120_000);

test('Send File from binary: the files n8n read from disk reach the media host byte for byte, with name and caption', async () => {
	const output = await sent('e2eSendFileBin01');
	expect(output).toEqual(FILES.map(({ chatId, name, bytes }) => ({ idMessage: expect.any(String), urlFile: expect.any(String), chatId, fileName: name, fileSize: bytes.length, sendState: 'queued' })));
	expectIdsLogged(output);
	expect(log().map((m) => m.method)).toEqual(['sendFileByUpload', 'sendFileByUpload']);
	for (const { chatId, name, bytes, caption } of FILES) {
		const [logged] = emulator!.messages.forChat(chatId);
		expect(logged.file).toMatchObject({ fileName: name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
		expect(logged.fields).toEqual({ chatId, fileName: name, ...(caption ? { caption } : {}) });
	}
}, 120_000);

test('Send File from a URL: sendFileByUrl with the file name taken from the link', async () => {
	const output = await sent('e2eSendFileUrl01');
	expect(output).toEqual([{ idMessage: expect.any(String), chatId: A, fileName: 'price list.pdf', sendState: 'queued' }]);
	expectIdsLogged(output);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['sendFileByUrl', { chatId: A, urlFile: 'https://example.com/files/price%20list.pdf', fileName: 'price list.pdf', caption: 'prices' }]]);
}, 120_000);

test('Send Location and Send Contact: numbers as numbers, empty names left out, the phone as digits', async () => {
	const locations = await sent('e2eSendLocation1');
	expect(locations).toEqual([A, B].map((chatId) => ({ idMessage: expect.any(String), chatId, sendState: 'queued' })));
	expectIdsLogged(locations);
	expect(fieldsFor(A)).toEqual([{ chatId: A, latitude: 55.7558, longitude: 37.6173, nameLocation: 'Office', address: '1 Main Street' }]);
	expect(fieldsFor(B)).toEqual([{ chatId: B, latitude: -33.8688, longitude: 151.2093 }]);

	const contacts = await sent('e2eSendContact01');
	expect(contacts).toEqual([{ idMessage: expect.any(String), chatId: A, sendState: 'queued' }]);
	expectIdsLogged(contacts);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['sendContact', { chatId: A, contact: { phoneContact: 79123456789, firstName: 'Ivan', company: 'ACME' } }]]);
}, 120_000);

test('Send Poll: the options in their order, to a personal chat and a group', async () => {
	const output = await sent('e2eSendPoll00001');
	expect(output).toEqual([A, GROUP].map((chatId) => ({ idMessage: expect.any(String), chatId, sendState: 'queued' })));
	expectIdsLogged(output);
	const poll = { message: 'Lunch?', options: [{ optionName: 'Pizza' }, { optionName: 'Sushi' }, { optionName: 'Soup' }], multipleAnswers: true };
	expect(fieldsFor(A)).toEqual([{ chatId: A, ...poll }]);
	expect(fieldsFor(GROUP)).toEqual([{ chatId: GROUP, ...poll }]);
}, 120_000);

test('Forward Messages: one call per message, in order, and the output lists every new ID', async () => {
	const [output, ...rest] = await sent('e2eForward000001');
	expect(rest).toEqual([]);
	const calls = emulator!.messages.forChat(B);
	expect(calls.map((m) => [m.method, m.fields])).toEqual([
		['forwardMessages', { chatId: B, chatIdFrom: A, messages: [OLD_1] }],
		['forwardMessages', { chatId: B, chatIdFrom: A, messages: [OLD_2] }],
	]);
	const ids = calls.map((m) => m.idMessage);
	expect(output).toEqual({ chatId: B, chatIdFrom: A, idMessages: ids, forwarded: [{ from: OLD_1, idMessage: ids[0] }, { from: OLD_2, idMessage: ids[1] }], sendState: 'queued' });
}, 120_000);

test('Edit Message and Delete Message: the message ID and the text or the scope reach GREEN-API', async () => {
	const edited = await sent('e2eEditMessage01');
	expect(edited).toEqual([{ idMessage: OLD_1, chatId: A, edited: true }]);
	expect(log().map((m) => [m.method, m.idMessage, m.fields])).toEqual([['editMessage', OLD_1, { chatId: A, idMessage: OLD_1, message: 'corrected text' }]]);

	const deleted = await sent('e2eDeleteMsg0001');
	expect(deleted).toEqual([{ chatId: A, idMessage: OLD_1, deleted: true }, { chatId: A, idMessage: OLD_2, deleted: true }]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([
		['deleteMessage', { chatId: A, idMessage: OLD_1, onlySenderDelete: false }],
		['deleteMessage', { chatId: A, idMessage: OLD_2, onlySenderDelete: true }],
	]);
}, 120_000);

test('Mark as Read and Show Typing: a chat or one message marked; "recording" for three seconds', async () => {
	const read = await sent('e2eReadChat00001');
	expect(read).toEqual([{ setRead: true, chatId: A }, { setRead: true, chatId: B }]);
	expect(fieldsFor(A)).toEqual([{ chatId: A, idMessage: OLD_1 }]);
	expect(fieldsFor(B)).toEqual([{ chatId: B }]);

	const typing = await sent('e2eSendTyping001');
	expect(typing).toEqual([{ chatId: A, typingTime: 3000 }]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['sendTyping', { chatId: A, typingTime: 3000, typingType: 'recording' }]]);
}, 120_000);

test.each([
	['a poll whose two options are the same', 'e2eBadPoll000001', /^Poll options 1 and 2 are the same \("yes"\): every option must be different/],
	['a latitude of 91', 'e2eBadLatitude01', /^Latitude must be a number from -90 to 90, not 91/],
])('bad input among good items (%s): nothing is sent, and the error names the field', async (_, workflowId, expected) => {
	const execution = await execute(workflowId);
	expect(execution.status).toBe('error');
	const failed = execution.data.resultData.runData[GREEN_API_NODE][0];
	expect(failed.error?.message).toMatch(expected);
	// The bad item is the second of each batch: n8n shows it as [item 1].
	expect((failed.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	expect(emulator!.messages.count()).toBe(0);
	expect(emulator!.requests.filter((r) => r.method !== 'getStateInstance')).toEqual([]);
}, 120_000);
