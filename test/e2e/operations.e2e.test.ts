// Each operation from the packed tarball in a real n8n 2.39.3, against the emulator. The
// outputs are chosen by the operation (an expression n8n evaluates): n8n puts "continue
// (using error output)" items on the output after the last one the operation has, so where
// the error items land proves how many outputs n8n sees for each setting.
import { existsSync } from 'node:fs';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator, SEED_CHAT_ID } from '../emulator';
import demoCredentials from '../demo/green-api-emulator.credentials.json';
import enrichmentWorkflow from '../demo/green-api-enrichment.workflow.json';
import { N8n } from './n8n';
import type { Execution, Item } from './n8n';
import { killAll } from './process';
import { GREEN_API_NODE, greenApiCredential, operationWorkflow } from './workflows';
import type { OperationSetup } from './workflows';

const GOOD = { id: 'e2eGreenApiGood1', name: 'GREEN-API emulator' };
const GROUP = '120363043968066561@g.us';
const toErrors = 'continueErrorOutput' as const;

const WORKFLOWS: Record<string, { items: object[]; setup: OperationSetup }> = {
	e2eCheckWhatsapp1: { items: [{ chatId: SEED_CHAT_ID }, { chatId: '70001234567' }, { chatId: '' }], setup: { operation: 'checkWhatsapp', parameters: { chatId: '={{ $json.chatId }}', options: {} }, onError: toErrors } },
	e2eCheckWhatsapp2: {
		items: [{ chatId: SEED_CHAT_ID }, { chatId: '70001234567' }, { chatId: '' }],
		setup: { operation: 'checkWhatsapp', parameters: { chatId: '={{ $json.chatId }}', options: { splitByResult: true } }, onError: toErrors },
	},
	e2eContactInfo02: { items: [{ chatId: SEED_CHAT_ID }, { chatId: '' }], setup: { operation: 'getContactInfo', parameters: { chatId: '={{ $json.chatId }}', options: {} }, onError: toErrors } },
	e2eGetAvatar0001: { items: [{ chatId: SEED_CHAT_ID }, { chatId: GROUP }], setup: { operation: 'getAvatar', parameters: { chatId: '={{ $json.chatId }}', options: { download: true } } } },
	e2eGetContacts01: { items: [{}], setup: { operation: 'getContacts', parameters: { contactType: 'group', returnAll: true, options: {} } } },
	e2eGroupData0001: { items: [{ groupId: GROUP }, { groupId: SEED_CHAT_ID }], setup: { resource: 'group', operation: 'getGroupData', parameters: { groupId: '={{ $json.groupId }}', options: {} }, onError: toErrors } },
};

let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	emulator = await GreenApiEmulator.start();
	n8n = await N8n.create();
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([greenApiCredential(GOOD, { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	await n8n.importCredentials(demoCredentials.map((credential) => ({ ...credential, data: { ...credential.data, apiUrl: emulator!.url } })));
	await n8n.importWorkflows([
		enrichmentWorkflow,
		...Object.entries(WORKFLOWS).map(([id, { items, setup }]) => operationWorkflow(id, `e2e: ${id}`, GOOD, items, setup)),
	]);
}, 300_000);

afterAll(async () => {
	killAll();
	await emulator?.close();
	await n8n?.dispose();
});

/** The node's outputs as n8n stored them: one list per output, the error output last. */
async function outputsOf(workflowId: string, node = GREEN_API_NODE): Promise<Array<Array<Item['json']>>> {
	emulator!.reset();
	const { result, execution } = await n8n!.execute(workflowId);
	expect(result.stdout + result.stderr).not.toContain(EMULATOR_TOKEN);
	expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
	return runOf(execution, node).map((items) => (items ?? []).map((item) => item.json));
}

function runOf(execution: Execution, node: string): (Item[] | null)[] {
	const runs = execution.data.resultData.runData[node];
	expect(runs).toHaveLength(1);
	return runs[0].data!.main;
}

test('Check WhatsApp has one output; "Route by Result" makes it two: switching the option changes the outputs', async () => {
	const one = await outputsOf('e2eCheckWhatsapp1');
	expect(one).toHaveLength(2); // its output, then n8n's error output
	expect(one[0].map((json) => json.existsWhatsapp)).toEqual([true, false]);
	expect(one[1].map((json) => json.error)).toEqual([expect.stringMatching(/Chat ID is empty/)]);

	const split = await outputsOf('e2eCheckWhatsapp2');
	expect(split).toHaveLength(3);
	expect(split[0]).toEqual([{ phoneNumber: '71234567890', chatId: SEED_CHAT_ID, existsWhatsapp: true }]);
	expect(split[1]).toEqual([{ phoneNumber: '70001234567', chatId: '70001234567@c.us', existsWhatsapp: false }]);
	expect(split[2].map((json) => json.error)).toEqual([expect.stringMatching(/^Chat ID is empty/)]);
}, 180_000);

test('Get Contact Info keeps Contact and Products; Get Group Data has Group and Participants', async () => {
	const contact = await outputsOf('e2eContactInfo02');
	expect(contact).toHaveLength(3);
	expect(contact[0].map((json) => json.name)).toEqual(['Dealer']);
	expect(contact[1]).toHaveLength(2);
	expect(contact[2].map((json) => json.error)).toEqual([expect.stringMatching(/^Chat ID is empty/)]);

	const group = await outputsOf('e2eGroupData0001');
	expect(group).toHaveLength(3);
	expect(group[0].map((json) => json.groupId)).toEqual([GROUP]);
	expect(group[1].map((json) => json.chatId)).toEqual([SEED_CHAT_ID, '79001234569@c.us', '79990000003@c.us']);
	expect(group[2].map((json) => json.error)).toEqual([expect.stringMatching(/is not a group ID/)]);
}, 180_000);

test('Get Avatar downloads the picture into binary data; Get Contacts lists the groups', async () => {
	emulator!.reset();
	const { execution } = await n8n!.execute('e2eGetAvatar0001');
	expect(execution.status).toBe('success');
	const [avatars] = runOf(execution, GREEN_API_NODE) as Array<Array<Item & { binary?: Record<string, { mimeType: string }> }>>;
	expect(avatars.map((item) => [item.json.chatId, item.json.available, item.binary?.data?.mimeType])).toEqual([
		[SEED_CHAT_ID, true, 'image/jpeg'],
		[GROUP, true, 'image/jpeg'],
	]);

	const [contacts] = await outputsOf('e2eGetContacts01');
	expect(contacts.map((json) => json.type)).toEqual(['group', 'group']);
}, 180_000);

test('the enrichment demo: phone list → Check WhatsApp → Get Contact Info', async () => {
	const contacts = await outputsOf(enrichmentWorkflow.id, 'Get Contact Info');
	expect(contacts[0].map((json) => json.name)).toContain('Dealer');
	expect(emulator!.requests.filter((r) => r.method === 'getContactInfo').map((r) => r.chatId)).toEqual([SEED_CHAT_ID, '79990000003@c.us']);
}, 180_000);
