// The packed package in a real n8n 2.39.3, installed the way n8n's community-package
// installer does it, calling the GREEN-API emulator. Run through `npm run test:e2e`
// (test/e2e/run.sh), which installs n8n, builds and packs the package first.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator, SEED_CHAT_ID } from '../emulator';
import demoCredentials from '../demo/green-api-emulator.credentials.json';
import demoWorkflow from '../demo/green-api-demo.workflow.json';
import { N8n } from './n8n';
import type { Execution, Item, PairedItem } from './n8n';
import { killAll } from './process';
import { contactInfoWorkflow, GREEN_API_NODE, greenApiCredential } from './workflows';

const WRONG_TOKEN = `e2e-wrong-token-${randomBytes(6).toString('hex')}`;
const GOOD = { id: 'e2eGreenApiGood1', name: 'GREEN-API emulator' };
const WRONG = { id: 'e2eGreenApiWrong', name: 'GREEN-API wrong token' };
const CONTACTS_WORKFLOW = 'e2eContactInfo01';
const WRONG_TOKEN_WORKFLOW = 'e2eWrongToken001';
const ECHO_WORKFLOW = 'e2eEchoedToken01';
// The seed contact written as a phone number: the node must fetch it only once.
const SEED_AS_PHONE = '+7 123 456-78-90';
// The emulator gives a 79990… number as many products as its last six digits say.
const OTHER_CHAT_ID = '79990000003@c.us';
const SEED_PRODUCT_IDS = ['42079728159', '3545870328871389'];

let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;
let packageDir = '';

beforeAll(async () => {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) throw new Error(`n8n 2.39 needs Node 24, this is ${process.version}: run through npm run test:e2e`);
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);

	emulator = await GreenApiEmulator.start({ rateLimits: { getContactInfo: 1 } });
	n8n = await N8n.create();
	packageDir = await n8n.installCommunityPackage(tarball);
	const connection = { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE };
	await n8n.importCredentials([
		greenApiCredential(GOOD, { ...connection, token: EMULATOR_TOKEN }),
		greenApiCredential(WRONG, { ...connection, token: WRONG_TOKEN }),
	]);
	// The files the README tells users to import, only pointed at this run's emulator port.
	await n8n.importCredentials(demoCredentials.map((credential) => ({ ...credential, data: { ...credential.data, apiUrl: emulator!.url } })));
	await n8n.importWorkflows([
		demoWorkflow,
		contactInfoWorkflow(CONTACTS_WORKFLOW, 'e2e: contact info', GOOD, [SEED_CHAT_ID, SEED_AS_PHONE, OTHER_CHAT_ID]),
		contactInfoWorkflow(WRONG_TOKEN_WORKFLOW, 'e2e: wrong token', WRONG, [SEED_CHAT_ID]),
		contactInfoWorkflow(ECHO_WORKFLOW, 'e2e: token echoed by the server', GOOD, [SEED_CHAT_ID]),
	]);
}, 300_000);

afterAll(async () => {
	killAll();
	await emulator?.close();
	await n8n?.dispose();
});

function greenApiRun(execution: Execution) {
	const runs = execution.data.resultData.runData[GREEN_API_NODE];
	expect(runs).toHaveLength(1);
	return runs[0];
}

function pairedIndex(item: Item): number {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) {
		expect(paired).toHaveLength(1);
		return (paired[0] as PairedItem).item;
	}
	if (paired === undefined) throw new Error(`item without pairedItem: ${JSON.stringify(item.json).slice(0, 200)}`);
	return paired.item;
}

/** Fails naming where a token shows, without dumping the whole output. */
function expectNoToken(text: string, where: string): void {
	for (const [name, token] of [['API token', EMULATOR_TOKEN], ['wrong token', WRONG_TOKEN]]) {
		const at = text.indexOf(token);
		if (at !== -1) throw new Error(`the ${name} appears in ${where}: …${text.slice(Math.max(0, at - 200), at + 50)}…`);
	}
}

test('the package installs like a community package, with undici beside it', () => {
	expect(existsSync(join(packageDir, 'dist/nodes/GreenApi/GreenApi.node.js'))).toBe(true);
	expect(existsSync(join(packageDir, 'node_modules/undici/package.json'))).toBe(true);
});

test('turns chatIds into paired Contact and Products items', async () => {
	emulator!.reset();
	const { result, execution } = await n8n!.execute(CONTACTS_WORKFLOW);
	expectNoToken(result.stdout + result.stderr, "n8n's output");
	expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
	expect(result.code).toBe(0);

	const [contacts, products] = greenApiRun(execution).data!.main as Item[][];
	expect(contacts.map(pairedIndex)).toEqual([0, 1, 2]);
	for (const contact of contacts.slice(0, 2)) {
		expect(contact.json).toMatchObject({ name: 'Dealer', isBusiness: true, chatId: SEED_CHAT_ID, phoneNumber: '71234567890' });
		expect((contact.json.products as Array<{ id: string }>).map((p) => p.id)).toEqual(SEED_PRODUCT_IDS);
	}
	expect(contacts[2].json).toMatchObject({ chatId: OTHER_CHAT_ID, phoneNumber: '79990000003' });

	const productsOf = (index: number) => products.filter((p) => pairedIndex(p) === index).map((p) => p.json);
	for (const index of [0, 1]) {
		expect(productsOf(index).map((p) => p.id)).toEqual(SEED_PRODUCT_IDS);
		expect(productsOf(index).map((p) => p.chatId)).toEqual([SEED_CHAT_ID, SEED_CHAT_ID]);
	}
	expect(productsOf(2)).toHaveLength(3);
	expect(productsOf(2).every((p) => p.chatId === OTHER_CHAT_ID)).toBe(true);
	expect(products).toHaveLength(7);

	// One answer per distinct chatId. The node's 1/s limit spaces them; a rare 429 from
	// timing jitter on a loaded machine would be retried, so it is tolerated, once.
	expect(emulator!.requests.filter((r) => r.status !== 429).map((r) => [r.method, r.chatId, r.status])).toEqual([
		['getContactInfo', SEED_CHAT_ID, 200],
		['getContactInfo', OTHER_CHAT_ID, 200],
	]);
	expect(emulator!.count({ status: 429 })).toBeLessThanOrEqual(1);
}, 120_000);

test('the demo workflow and credential shipped in test/demo import and run as the README says', async () => {
	emulator!.reset();
	const { result, execution } = await n8n!.execute(demoWorkflow.id);
	expectNoToken(result.stdout + result.stderr, "n8n's output");
	expect(execution.status).toBe('success');
	const [contacts, products] = greenApiRun(execution).data!.main as Item[][];
	expect(contacts.map(pairedIndex)).toEqual([0, 1, 2, 3, 4]);
	expect(contacts.slice(0, 2).map((c) => c.json.name)).toEqual(['Dealer', 'Dealer']);
	expect(contacts[3].json.error).toMatch(/group chat/);
	expect(contacts[4].json.error).toMatch(/Chat ID is empty/);
	expect(products.filter((p) => pairedIndex(p) === 0).map((p) => p.json.id)).toEqual(SEED_PRODUCT_IDS);
}, 120_000);

test('a wrong token fails the node with a message about the token, and no token shows', async () => {
	emulator!.reset();
	const { result, execution } = await n8n!.execute(WRONG_TOKEN_WORKFLOW);
	expectNoToken(result.stdout + result.stderr, "n8n's output");
	expect(execution.status).toBe('error');
	expect(result.code).not.toBe(0);
	expect(execution.data.resultData.lastNodeExecuted).toBe(GREEN_API_NODE);

	const run = greenApiRun(execution);
	expect(run.executionStatus).toBe('error');
	expect(run.error?.message).toMatch(/API token/i);
	expect(execution.data.resultData.error?.message).toMatch(/API token/i);
	// A 401 is not retried, and nothing else was asked.
	expect(emulator!.requests.map((r) => [r.method, r.chatId, r.status])).toEqual([['getContactInfo', SEED_CHAT_ID, 401]]);
}, 120_000);

test('a server error that echoes the request path reaches n8n with the token redacted', async () => {
	emulator!.reset();
	// The token sits in the URL path, so this answer carries it into the node.
	emulator!.inject({ kind: 'status', status: 500, echoPath: true, times: 1 });
	const { result, execution } = await n8n!.execute(ECHO_WORKFLOW);
	expectNoToken(result.stdout + result.stderr, "n8n's output");
	expect(execution.status).toBe('error');
	expect(execution.data.resultData.error?.message).toContain('[redacted]');
	// A 500 is not retried.
	expect(emulator!.requests.map((r) => [r.method, r.chatId, r.status])).toEqual([['getContactInfo', SEED_CHAT_ID, 500]]);
}, 120_000);

test("no token in anything n8n printed, nor in plain text in anything it stored", async () => {
	expectNoToken(n8n!.transcript, "n8n's output (all commands)");
	// The database (its -wal file included) and whatever else n8n keeps; nodes/ is our package.
	const n8nDir = join(n8n!.userFolder, '.n8n');
	const files = (await readdir(n8nDir, { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name))
		.filter((file) => !file.startsWith(join(n8nDir, 'nodes')));
	let sawExecutionData = false;
	for (const file of files) {
		const content = (await readFile(file)).toString('latin1');
		expectNoToken(content, file);
		sawExecutionData ||= content.includes('[redacted]');
	}
	// Else the scan proves nothing: the stored executions were not where it looked.
	expect(sawExecutionData).toBe(true);
});
