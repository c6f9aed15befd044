// The offline demo as a smoke test, and the importable files kept consistent with it.
import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, SEED_CHAT_ID } from '../emulator';
import { captureOutput, NODE_TYPE } from '../support/greenApiRun';
import { demoItems, demoNode, IMPORT_PORT, main, problemsWith } from './demo';
import type { DemoResult } from './demo';
import credentialsFile from './green-api-emulator.credentials.json';
import workflowFile from './green-api-demo.workflow.json';

const SEED_PRODUCT_IDS = ['42079728159', '3545870328871389'];

describe('npm start (the offline demo)', () => {
	let printed = '';
	let result: DemoResult;
	let stray = '';

	beforeAll(async () => {
		const captured = await captureOutput(() => main({ write: (s) => (printed += s) }));
		result = captured.result;
		stray = captured.output;
	});

	it('succeeds with the seed contact "Dealer" and both of its products', () => {
		expect(result.problems).toEqual([]);
		expect(result.ok).toBe(true);
		expect(printed).toMatch(/71234567890@c\.us\s+Dealer\s+yes\s+2/);
		for (const id of SEED_PRODUCT_IDS) expect(printed).toContain(id);
		expect(printed).toContain('OK: contact "Dealer"');
	});

	it('shows one row per input item on the Contact output, failures included', () => {
		expect(result.contacts).toHaveLength(result.items.length);
		expect(printed).toContain('"120363043968066561@g.us" is a group chat. This operation works with personal chats only');
		expect(printed).toMatch(/#4 "120363043968066561@g\.us" is a group chat/);
		expect(printed).toContain('Chat ID is empty.');
		expect(printed).toContain('3 contacts, 2 errors');
	});

	it('fetches the seed contact once although two items ask for it', () => {
		// Answered once; a rare 429 from timing jitter in a loaded process would be retried.
		expect(result.requests.filter((r) => r.chatId === SEED_CHAT_ID && r.status === 200)).toHaveLength(1);
		const contactRequests = result.requests.filter((r) => r.method === 'getContactInfo' && r.status !== 429);
		expect(contactRequests.slice(0, 2).map((r) => r.status)).toEqual([200, 200]);
		expect(printed).toMatch(/71234567890@c\.us\s+\d \(HTTP (429, )?200\)/);
	});

	it('lists every product with its contact, including the 79990… number\'s three', () => {
		const ids = result.products.map((p) => [p.json.chatId, p.json.id]);
		expect(ids.filter(([chatId]) => chatId === SEED_CHAT_ID).map(([, id]) => id)).toEqual([...SEED_PRODUCT_IDS, ...SEED_PRODUCT_IDS]);
		expect(ids.filter(([chatId]) => chatId === '79990000003@c.us')).toHaveLength(3);
		expect(printed).toContain(`Products output (${result.products.length} items`);
	});

	it('prints the emulator URL and instance, never the token, and nothing beside its report', () => {
		expect(printed).toMatch(/emulator {2}http:\/\/127\.0\.0\.1:\d+ {2}instance 1101000001/);
		expect(printed).not.toContain(EMULATOR_TOKEN);
		expect(stray).toBe('');
	});
});

describe('npm start, part 2: a phone list → Check WhatsApp → Get Contact Info', () => {
	let result: DemoResult;
	let printed = '';

	beforeAll(async () => {
		result = (await captureOutput(() => main({ write: (s) => (printed += s) }))).result;
	});

	it('checks every phone, routes the one without WhatsApp aside and looks up only the others', () => {
		const { onWhatsapp, notOnWhatsapp, contacts, products } = result.enrichment;
		expect(onWhatsapp.map((item) => item.json.chatId)).toEqual([SEED_CHAT_ID, '79990000003@c.us']);
		expect(notOnWhatsapp.map((item) => item.json)).toEqual([{ phoneNumber: '70001234567', chatId: '70001234567@c.us', existsWhatsapp: false }]);
		expect(contacts.map((item) => item.json.name)).toEqual(['Dealer', expect.any(String)]);
		expect(contacts[0].json).not.toHaveProperty('products');
		expect(products.filter((item) => item.json.chatId === SEED_CHAT_ID).map((item) => item.json.id)).toEqual(SEED_PRODUCT_IDS);
		expect(result.requests.filter((r) => r.method === 'getContactInfo').map((r) => r.chatId)).not.toContain('70001234567@c.us');
		expect(printed).toContain('Part 2: test/demo/green-api-enrichment.workflow.json');
	});
});

describe('the demo\'s success check', () => {
	it('names what is missing when the seed contact or its products do not come out', () => {
		expect(problemsWith([], [])).toEqual([
			`no contact "Dealer" (${SEED_CHAT_ID}) on the Contact output`,
			`products ${SEED_PRODUCT_IDS.join(', ')} of ${SEED_CHAT_ID} missing from the Products output`,
		]);
		const dealer = { json: { chatId: SEED_CHAT_ID, name: 'Dealer' } };
		const first = { json: { chatId: SEED_CHAT_ID, id: SEED_PRODUCT_IDS[0] } };
		expect(problemsWith([dealer], [first])).toEqual([`products ${SEED_PRODUCT_IDS[1]} of ${SEED_CHAT_ID} missing from the Products output`]);
		expect(problemsWith([dealer], [first], new Error('boom'))[0]).toBe('the GREEN-API node failed: boom');
	});
});

describe('the importable workflow and credential', () => {
	const byName = Object.fromEntries(workflowFile.nodes.map((n) => [n.name, n]));

	it('feeds the demo\'s items: both forms of the seed, a catalogue, a group and an empty value', () => {
		expect(demoItems()).toEqual([
			{ chatId: '+7 (123) 456-78-90' },
			{ chatId: SEED_CHAT_ID },
			{ chatId: '79990000003' },
			{ chatId: '120363043968066561@g.us' },
			{ chatId: '' },
		]);
	});

	it('is Manual Trigger → Code → GREEN-API, continuing on errors, with a fixed id', () => {
		expect(workflowFile.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(workflowFile.nodes.map((n) => n.type)).toEqual(['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.code', NODE_TYPE]);
		const [trigger, code, greenApi] = workflowFile.nodes.map((n) => n.name);
		expect(workflowFile.connections).toEqual({
			[trigger]: { main: [[{ node: code, type: 'main', index: 0 }]] },
			[code]: { main: [[{ node: greenApi, type: 'main', index: 0 }]] },
		});
		expect(demoNode()).toEqual({
			name: 'GREEN-API',
			type: NODE_TYPE,
			typeVersion: 1,
			parameters: { resource: 'contact', operation: 'getContactInfo', chatId: '={{ $json.chatId }}', options: {} },
			credentials: { greenApi: { id: 'greenApiDemo', name: 'GREEN-API emulator' } },
			onError: 'continueRegularOutput',
		});
		expect(new Set(workflowFile.nodes.map((n) => n.id)).size).toBe(3);
		expect(byName[greenApi].position[0]).toBeGreaterThan(byName[code].position[0]);
	});

	it('has a credential file matching the node\'s reference and the emulator on the documented port', () => {
		expect(credentialsFile).toEqual([
			{
				id: 'greenApiDemo',
				name: 'GREEN-API emulator',
				type: 'greenApi',
				data: { apiUrl: `http://127.0.0.1:${IMPORT_PORT}`, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN },
			},
		]);
		expect(Number(IMPORT_PORT)).toBeGreaterThan(1024);
	});
});
