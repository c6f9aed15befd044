// The loop the package exists for, in a real `n8n start` from the packed tarball: a customer
// writes on WhatsApp → GREEN-API Trigger → Get Contact Info → n8n's Data Table (upsert by
// chatId) → Send Text replying with their name, quoting their message. The workflow is the
// shipped test/demo/green-api-crm.workflow.json, imported as a user would. Twenty customers write,
// three of them twice, and n8n is SIGKILLed midway. GREEN-API's own limits apply (Get Contact
// Info 1/s), on the emulator and in the node. Run through `npm run test:e2e -- crm`.
import { existsSync } from 'node:fs';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { randomBytes } from 'node:crypto';

import { incoming, incomingFile } from '../emulator/notification-bodies';
import { createCrmTable, crmRows, crmWorkflow, medianAndP95, triggerItems } from './crm';
import type { CrmTable } from './crm';
import { N8n, repoRoot } from './n8n';
import { killAll } from './process';
import { N8nServer } from './server';
import { waitUntil } from './trigger-n8n';
import { greenApiCredential } from './workflows';

const CREDENTIAL = { id: 'greenApiDemo', name: 'GREEN-API emulator' };
const CUSTOMERS = 20;
const TWICE = [3, 7, 15];
/** This customer's one message is a voice note (Download Media is on in the shipped workflow). */
const VOICE = 5;
const VOICE_NOTE = randomBytes(150_000);

let emulator: GreenApiEmulator;
let n8n: N8n | undefined;
let server: N8nServer | undefined;
let cookie = '';
let table: CrmTable;

const chatOf = (customer: number) => `7913${String(customer).padStart(7, '0')}@c.us`;
/** Each incoming message, in the order written: who, and the idMessage a reply must quote. */
const written: Array<{ chatId: string; idMessage: string; text: string; receiptId: number }> = [];

function write(customer: number, seq: number, text: string): void {
	const body =
		customer === VOICE && text.startsWith('Hello')
			? incomingFile(seq, { kind: 'audio', files: emulator.files, chatId: chatOf(customer), bytes: VOICE_NOTE })
			: incoming(seq, { chatId: chatOf(customer), text });
	const [receiptId] = emulator.notifications.enqueue(body);
	written.push({ chatId: chatOf(customer), idMessage: String(body.idMessage), text, receiptId });
}

const replies = () => emulator.messages.all().filter((message) => message.method === 'sendMessage');
const repliesTo = (idMessage: string) => replies().filter((reply) => reply.fields.quotedMessageId === idMessage);

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	emulator = await GreenApiEmulator.start();
	emulator.notifications.maxLongPollMs = 2_000;
	n8n = await N8n.create();
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	const workflow = crmWorkflow(CREDENTIAL);
	await n8n.importWorkflows([workflow]);
	const published = await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
	if (published.code !== 0) throw new Error(`publish:workflow: ${published.stdout}\n${published.stderr}`);
	server = await N8nServer.start(n8n);
	cookie = await server.setupOwner();
	// The table the user creates once (README); nothing is written before it exists.
	table = await createCrmTable(server, cookie);
	await waitUntil(() => emulator.notifications.polling > 0, 90_000, 'the trigger long-polling the emulator');
}, 240_000);

afterAll(async () => {
	await server?.dispose();
	killAll();
	await emulator?.close();
	await n8n?.dispose();
});

describe('the CRM workflow in a real n8n', () => {
	it('20 customers write, 3 twice, n8n is killed midway: 20 rows, one reply per message, each quoting it in its chat', async () => {
		let seq = 1;
		for (let customer = 1; customer <= CUSTOMERS; customer++) write(customer, seq++, `Hello, this is customer ${customer}`);
		for (const customer of TWICE) write(customer, seq++, `Customer ${customer} again: where is my order?`);
		await waitUntil(() => replies().length >= 8, 120_000, '8 replies before the kill');
		await server!.kill();
		const beforeKill = replies().length;
		await server!.restart();
		await waitUntil(() => written.every((message) => repliesTo(message.idMessage).length > 0), 180_000, 'a reply to every message after the restart');
		await waitUntil(() => emulator.notifications.queue.length === 0, 20_000, 'the queue empty');

		const duplicates = written.reduce((sum, message) => sum + repliesTo(message.idMessage).length - 1, 0);
		const times = written.map((message) => repliesTo(message.idMessage)[0].at - emulator.notifications.firstHandedOut.get(message.receiptId)!);
		const { median, p95 } = medianAndP95(times);
		process.stderr.write(
			`[e2e] crm: ${written.length} messages, ${beforeKill} replies before SIGKILL, ${duplicates} duplicate repl${duplicates === 1 ? 'y' : 'ies'} after the restart; ` +
				`handed out → reply: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms\n`,
		);
		// At least once: only the execution in flight at the kill may run again.
		expect(duplicates).toBeLessThanOrEqual(1);
		expect(replies()).toHaveLength(written.length + duplicates);
		for (const message of written) {
			for (const reply of repliesTo(message.idMessage)) expect(reply.chatId).toBe(message.chatId);
		}
		expect(replies().every((reply) => typeof reply.fields.message === 'string' && /^Hello .+, thank you for your message/.test(reply.fields.message))).toBe(true);

		const rows = await crmRows(server!, cookie, table);
		expect(rows).toHaveLength(CUSTOMERS);
		expect(new Set(rows.map((row) => row.chatId)).size).toBe(CUSTOMERS);
		for (const customer of TWICE) {
			expect(rows.find((row) => row.chatId === chatOf(customer))?.lastMessage).toBe(`Customer ${customer} again: where is my order?`);
		}
		expect(rows.every((row) => row.phone === String(row.chatId).replace('@c.us', ''))).toBe(true);
		expect(rows.find((row) => row.chatId === chatOf(VOICE))?.lastMessage).toBe('[audioMessage]');

		// The voice note reached the workflow as a file: n8n's binary data, of its size, as audio/ogg.
		const voice = (await triggerItems(server!, cookie, crmWorkflow(CREDENTIAL).id, repoRoot())).find((item) => (item.json as { chatId?: string }).chatId === chatOf(VOICE));
		const binary = (voice?.binary as Record<string, { mimeType: string; bytes?: number; fileSize?: string }> | undefined)?.data;
		process.stderr.write(`[e2e] crm: the voice note as binary data: ${JSON.stringify(binary && { mimeType: binary.mimeType, bytes: binary.bytes, fileSize: binary.fileSize })}\n`);
		expect(binary?.mimeType).toBe('audio/ogg');
		expect(binary?.bytes ?? Number.NaN).toBe(VOICE_NOTE.length);
	}, 420_000);

	it("no token in n8n's output", async () => {
		await server!.stop();
		expect(server!.output).not.toContain(EMULATOR_TOKEN);
		expect(n8n!.transcript).not.toContain(EMULATOR_TOKEN);
	});
});
