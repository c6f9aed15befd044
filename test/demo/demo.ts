// The offline demo behind `npm start`: the importable demo workflow's GREEN-API node, run by
// n8n-core's WorkflowExecute against the local emulator. No account, no internet.
// Exit code 1 when the seed contact or its products are missing, so CI can use it as a smoke test.
import { runInNewContext } from 'node:vm';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import seed from '../emulator/fixtures/seed-contact.json';
import { EMULATOR_TOKEN, GreenApiEmulator, SEED_CHAT_ID } from '../emulator';
import type { RequestRecord } from '../emulator';
import { shutdown } from '../engine';
import type { EngineNode } from '../engine';
import { greenApiEngine, NODE_TYPE, runAfterStart } from '../support/greenApiStage';
import credentialsFile from './green-api-emulator.credentials.json';
import workflowFile from './green-api-demo.workflow.json';
import { fit, table } from '../support/table';
import { ENRICHMENT_FILE, phoneItems, runEnrichment } from './enrichment';
import type { EnrichmentRun, FileNode as WorkflowNode } from './enrichment';

export const WORKFLOW_FILE = 'test/demo/green-api-demo.workflow.json';
const workflow = workflowFile as { nodes: WorkflowNode[] };

function nodeOfType(type: string): WorkflowNode {
	const node = workflow.nodes.find((n) => n.type === type);
	if (!node) throw new Error(`${WORKFLOW_FILE} has no ${type} node`);
	return node;
}

/**
 * The items the workflow's Code node returns. The chat list lives only there, so the demo and
 * the workflow users import cannot drift apart; the code is our own file, run without globals.
 */
export function demoItems(): IDataObject[] {
	const code = String(nodeOfType('n8n-nodes-base.code').parameters.jsCode);
	const result: unknown = runInNewContext(`(() => {\n${code}\n})()`, {}, { timeout: 1000 });
	const items = JSON.parse(JSON.stringify(result ?? null)) as unknown;
	if (!Array.isArray(items)) throw new Error(`the Code node of ${WORKFLOW_FILE} must return a list of items`);
	// n8n accepts both { json: {...} } and bare objects from a Code node.
	return items.map((item: IDataObject) => (item.json ?? item) as IDataObject);
}

/** The GREEN-API node exactly as configured in the workflow file (parameters, onError, credential). */
export function demoNode(): EngineNode {
	const { name, type, typeVersion, parameters, credentials, onError } = nodeOfType(NODE_TYPE);
	return { name, type, typeVersion, parameters: parameters as EngineNode['parameters'], credentials, onError: onError as EngineNode['onError'] };
}

/** The port the credentials file expects the emulator on when a real n8n uses it. */
export const IMPORT_PORT = new URL(credentialsFile[0].data.apiUrl).port;

export interface DemoResult {
	ok: boolean;
	problems: string[];
	items: IDataObject[];
	contacts: INodeExecutionData[];
	products: INodeExecutionData[];
	requests: RequestRecord[];
	seconds: number;
	enrichment: EnrichmentRun;
}

const SEED_PRODUCT_IDS = seed.products.map((p) => p.id);

/** What a newcomer must see for the demo to count as working; empty when all is well. */
export function problemsWith(contacts: INodeExecutionData[], products: INodeExecutionData[], runError?: Error): string[] {
	const problems: string[] = [];
	if (runError) problems.push(`the GREEN-API node failed: ${runError.message}`);
	if (!contacts.some((c) => c.json.chatId === SEED_CHAT_ID && c.json.name === seed.name && !c.json.error)) {
		problems.push(`no contact "${seed.name}" (${SEED_CHAT_ID}) on the Contact output`);
	}
	const seedProducts = new Set(products.filter((p) => p.json.chatId === SEED_CHAT_ID).map((p) => p.json.id));
	const missing = SEED_PRODUCT_IDS.filter((id) => !seedProducts.has(id));
	if (missing.length > 0) problems.push(`products ${missing.join(', ')} of ${SEED_CHAT_ID} missing from the Products output`);
	return problems;
}

const ON_ERROR: Record<string, string> = {
	stopWorkflow: 'stop the workflow',
	continueRegularOutput: 'continue (failed items on the Contact output)',
	continueErrorOutput: 'continue (using the error output)',
};
const paired = (item: INodeExecutionData): number => (item.pairedItem as { item: number }).item;
const text = (value: unknown): string => (value === null || value === undefined ? '-' : String(value));
// The first sentence says what is wrong; the full text follows under the table.
const headline = (error: string): string => error.split(/(?<=\.) /)[0];

function contactTable(items: IDataObject[], contacts: INodeExecutionData[]): string {
	const rows = contacts.map((c, i) => {
		const start = [String(i + 1), `#${paired(c) + 1} ${JSON.stringify(items[paired(c)]?.chatId)}`];
		// Input errors have no chat ID: their message then gets that column's room too.
		if (c.json.error && !c.json.chatId) return [...start, `ERROR: ${headline(String(c.json.error))}`];
		start.push(text(c.json.chatId));
		if (c.json.error) return [...start, `ERROR: ${headline(String(c.json.error))}`];
		const products = Array.isArray(c.json.products) ? c.json.products.length : 0;
		return [...start, text(c.json.name), c.json.isBusiness ? 'yes' : 'no', String(products)];
	});
	return table(
		[
			{ title: '#', width: 2, align: 'right' },
			{ title: 'input (as written)', width: 28 },
			{ title: 'chat ID', width: 16 },
			{ title: 'name', width: 12 },
			{ title: 'business', width: 8 },
			{ title: 'products', width: 8, align: 'right' },
		],
		rows,
	);
}

function productTable(products: INodeExecutionData[]): string {
	const rows = products.map((p, i) => [
		String(i + 1),
		`#${paired(p) + 1}`,
		text(p.json.chatId),
		text(p.json.id),
		text(p.json.name),
		text(p.json.availability),
		text(p.json.price),
	]);
	return table(
		[
			{ title: '#', width: 2, align: 'right' },
			{ title: 'input', width: 5 },
			{ title: 'contact chat ID', width: 16 },
			{ title: 'product id', width: 16 },
			{ title: 'name', width: 24 },
			{ title: 'availability', width: 12 },
			{ title: 'price', width: 6, align: 'right' },
		],
		rows,
	);
}

function requestLines(requests: RequestRecord[]): string[] {
	const byChat = new Map<string, string[]>();
	for (const r of requests) byChat.set(text(r.chatId), [...(byChat.get(text(r.chatId)) ?? []), String(r.status)]);
	return [...byChat].map(([chatId, statuses]) => `    ${chatId.padEnd(18)} ${statuses.length} (HTTP ${statuses.join(', ')})`);
}

/** Part two: a phone list filtered by Check WhatsApp, the numbers on WhatsApp looked up. */
function enrichmentReport({ onWhatsapp, notOnWhatsapp, contacts, products }: EnrichmentRun): string[] {
	const phones = phoneItems();
	const checks = [...onWhatsapp.map((c) => [c, 'yes'] as const), ...notOnWhatsapp.map((c) => [c, 'no'] as const)]
		.sort(([a], [b]) => paired(a) - paired(b))
		.map(([c, on]) => [`#${paired(c) + 1} ${JSON.stringify(phones[paired(c)]?.phone)}`, text(c.json.chatId), c.json.error ? `ERROR: ${headline(String(c.json.error))}` : on]);
	const rows = contacts.map((c) => [text(c.json.chatId), text(c.json.name), c.json.isBusiness ? 'yes' : 'no', String(products.filter((p) => p.json.chatId === c.json.chatId).length)]);
	return [
		`Part 2: ${ENRICHMENT_FILE}: phone list → Check WhatsApp → Get Contact Info`,
		table([{ title: 'phone (as written)', width: 24 }, { title: 'chat ID', width: 16 }, { title: 'on WhatsApp', width: 11 }], checks),
		'',
		`  Get Contact Info, only for the ${onWhatsapp.length} numbers on WhatsApp: ${contacts.length} contacts, ${products.length} products`,
		table([{ title: 'chat ID', width: 16 }, { title: 'name', width: 12 }, { title: 'business', width: 8 }, { title: 'products', width: 8, align: 'right' }], rows),
	];
}

export interface DemoOptions {
	/** Where the report goes; stdout by default. */
	write?: (text: string) => void;
}

export async function main({ write = (s) => process.stdout.write(s) }: DemoOptions = {}): Promise<DemoResult> {
	// Defence in depth: whatever is printed, the instance token never is.
	const say = (s = ''): void => write(`${s.split(EMULATOR_TOKEN).join('[token hidden]')}\n`);
	const items = demoItems();
	const node = demoNode();
	const credential = node.credentials?.greenApi;
	if (!credential) throw new Error(`the GREEN-API node of ${WORKFLOW_FILE} has no greenApi credential`);

	// Default rate limits: 1 getContactInfo request per second, like GREEN-API itself.
	const emulator = await GreenApiEmulator.start();
	try {
		const engine = greenApiEngine({
			[credential.id]: {
				type: 'greenApi',
				name: credential.name,
				data: { apiUrl: emulator.url, idInstance: emulator.idInstance, token: emulator.token },
			},
		});
		const coreVersion = (require('n8n-core/package.json') as { version: string }).version;
		say('GREEN-API offline demo: Get Contact Info, no account and no internet needed');
		say(`  emulator  ${emulator.url}  instance ${emulator.idInstance}, 1 request/s as on GREEN-API`);
		say(`  engine    n8n-core ${coreVersion} WorkflowExecute, the same engine n8n runs workflows with`);
		say(`  workflow  ${WORKFLOW_FILE}: its "${node.name}" node, on error: ${ON_ERROR[node.onError ?? 'stopWorkflow']}`);
		say(`  input     ${items.length} items from its Code node: ${items.map((i) => JSON.stringify(i.chatId)).join(', ')}`);
		say();

		const started = performance.now();
		const { contacts, products, error } = await runAfterStart(engine, items, node, 'Chat IDs');
		const seconds = (performance.now() - started) / 1000;

		say(`Contact output (${contacts.length} items, one per input)`);
		say(contactTable(items, contacts));
		const failed = contacts.filter((c) => c.json.error);
		if (failed.length > 0) {
			say('  errors in full:');
			for (const c of failed) say(`    #${paired(c) + 1} ${String(c.json.error)}`);
		}
		say();
		say(`Products output (${products.length} items, one per catalogue product)`);
		say(products.length > 0 ? productTable(products) : '  (none)');
		say();

		const requests = [...emulator.requests];
		say('Summary');
		say(`  items in        ${items.length}`);
		say(`  contacts out    ${contacts.length - failed.length} contacts, ${failed.length} errors`);
		say(`  products out    ${products.length}`);
		say(`  requests        ${requests.length} to the emulator (repeated contacts are fetched once):`);
		for (const l of requestLines(requests)) say(l);
		say(`  time            ${seconds.toFixed(1)} s`);
		say();

		const enrichment = await runEnrichment(engine);
		for (const line of enrichmentReport(enrichment)) say(line);
		say();

		const problems = [...problemsWith(contacts, products, error), ...problemsWith(enrichment.contacts, enrichment.products, enrichment.error).map((p) => `enrichment: ${p}`)];
		if (problems.length === 0) {
			say(`OK: contact "${seed.name}" and its products ${SEED_PRODUCT_IDS.join(', ')} came out.`);
			say(`Next: import ${WORKFLOW_FILE} into your n8n; docs/development.md has the steps`);
			say(`(the emulator for it: node .build/test/emulator/cli.js --port ${IMPORT_PORT}).`);
		} else {
			say('DEMO FAILED:');
			for (const p of problems) say(`  - ${fit(p, 200)}`);
		}
		return { ok: problems.length === 0, problems, items, contacts, products, requests, seconds, enrichment };
	} finally {
		await emulator.close();
		await shutdown();
	}
}

if (require.main === module) {
	main().then(
		(result) => {
			process.exitCode = result.ok ? 0 : 1;
		},
		(error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			process.stderr.write(`demo failed: ${message.split(EMULATOR_TOKEN).join('[token hidden]')}\n`);
			process.exitCode = 1;
		},
	);
}
