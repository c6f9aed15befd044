// What a person sees in the n8n editor, in a real browser: Debian's Chromium driven by
// playwright-core against `n8n start` with the packed package installed as the Community
// Nodes installer does it, and the GREEN-API emulator. Run through `npm run test:e2e`.
// Assertions are on what stays as the node grows (names, labels, counts), found by roles,
// text and n8n's data-test-ids, never by pixel positions.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import demoCredentials from '../demo/green-api-emulator.credentials.json';
import demoWorkflow from '../demo/green-api-demo.workflow.json';
import { crmWorkflow } from './crm';
import { Editor, publishScreenshot } from './editor';
import { runCrmWorkflowInEditor } from './editor-crm';
import { listenForWebhookTestEvent, settledExecutionStatuses, webhookEventWorkflow } from './editor-webhook';
import { N8n, repoRoot } from './n8n';
import { killAll } from './process';
import { N8nServer } from './server';
import { GREEN_API_NODE, operationWorkflow } from './workflows';

const WRONG_TOKEN = `e2e-wrong-token-${randomBytes(6).toString('hex')}`;
const WEBHOOK_TOKEN = `e2e-webhook-token-${randomBytes(6).toString('hex')}`;
// What the demo's five chat IDs give (npm start prints the same): one Contact item per input
// item, the two refused ones included; products for each item that found a catalogue: the
// seed contact, asked for twice, has 2, the other number 3 (2 + 2 + 3).
const DEMO_CONTACT_ITEMS = 5;
const DEMO_PRODUCT_ITEMS = 7;
const SEED_PRODUCT_ID = '42079728159';

const root = repoRoot();
const screenshots = join(root, '.e2e/screenshots');
const docs = join(root, 'docs/screenshots');

let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;
let server: N8nServer | undefined;
let editor: Editor;
let cookie = '';
let lastPageText = '';
const GET_STATE_WORKFLOW = 'e2eGetStateDocs1';

beforeAll(async () => {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) throw new Error(`n8n 2.39 needs Node 24, this is ${process.version}: run through npm run test:e2e`);
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);

	emulator = await GreenApiEmulator.start({});
	n8n = await N8n.create();
	await n8n.installCommunityPackage(tarball);
	// The two files the README tells users to import, the credential pointed at this run's emulator.
	await n8n.importCredentials(demoCredentials.map((credential) => ({ ...credential, data: { ...credential.data, apiUrl: emulator!.url } })));
	const demoCredential = { id: demoCredentials[0].id, name: demoCredentials[0].name };
	// Get State has no field of its own: its docs link must still be on screen (a callout).
	const getState = operationWorkflow(GET_STATE_WORKFLOW, 'e2e: Get State', demoCredential, [{}], { resource: 'instance', operation: 'getStateInstance', parameters: { options: {} } });
	await n8n.importWorkflows([demoWorkflow, webhookEventWorkflow(demoCredential), crmWorkflow(demoCredential), getState]);
	server = await N8nServer.start(n8n);
	cookie = await server.setupOwner();
	editor = await Editor.open(server.url, cookie, screenshots);
}, 240_000);

afterAll(async () => {
	await editor?.close().catch(() => undefined);
	await server?.dispose();
	killAll();
	await emulator?.close();
	// Its own log: the next e2e file's n8n writes n8n-output.log.
	await n8n?.dispose('n8n-editor-output.log');
	if (editor) process.stderr.write(`[e2e] screenshots: ${screenshots}; requests refused (not 127.0.0.1): ${[...new Set(editor.refused)].join(', ') || 'none'}\n`);
}, 60_000);

describe('the GREEN-API nodes in the n8n editor', () => {
	// An empty workflow opens the nodes panel on its triggers: "whatsapp" finds the app, whose
	// trigger starts the workflow. The regular node is then added from the trigger's output, in
	// the "What happens next?" view, as a person builds "on a message, look up the contact".
	const creator = () => editor.testId('node-creator');
	const search = () => editor.testId('node-creator-search-bar');
	/** An entry of the nodes panel by its exact name (the app, a trigger, an action). */
	const entry = (name: string | RegExp) => {
		const exact = editor.testId('node-creator-item-name').filter({ hasText: typeof name === 'string' ? new RegExp(`^${name}$`) : name });
		return creator().getByTestId('item-iterator-item').filter({ has: exact });
	};

	it('offers its trigger for "whatsapp" when a new workflow asks what starts it, and adds it', async () => {
		await editor.step('open a new workflow', () => editor.goto('/workflow/new'));
		await editor.step('open the nodes panel with the canvas "+" button', () => editor.testId('canvas-plus-button').click());
		await editor.step('see the trigger view ("What triggers this workflow?")', () =>
			creator().getByTestId('nodes-list-header').filter({ hasText: /what triggers this workflow/i }).waitFor(),
		);
		await editor.step('type "whatsapp" in the nodes panel search box', () => search().fill('whatsapp'));
		await editor.step('find GREEN-API among the triggers for "whatsapp"', () => entry('GREEN-API').waitFor());
		expect(await entry('GREEN-API').getByTestId('node-creator-item-description').innerText()).toMatch(/starts the workflow on whatsapp messages/i);
		await editor.screenshot('nodes-panel-whatsapp');

		await editor.step('open GREEN-API from the search results', () => entry('GREEN-API').click());
		const categories = creator().getByTestId('node-creator-category-item');
		await editor.step('see its Triggers and Actions', () => categories.filter({ hasText: /^Actions \(\d+\)/ }).waitFor());
		expect((await categories.allInnerTexts()).map((text) => text.trim())).toEqual(expect.arrayContaining(['Triggers (1)']));
		await editor.step('pick the "On new GREEN-API event" trigger', () => entry('On new GREEN-API event').click());

		const panel = editor.testId('ndv');
		await editor.step('open the trigger\'s panel', () => panel.waitFor());
		expect(await panel.getByTestId('parameter-input-mode').locator('input').inputValue()).toBe('Poll the Notification Queue');
		expect(await panel.getByTestId('parameter-input-events').innerText()).toContain('Incoming Message');
		const labels = await editor.step('read the trigger\'s field labels', () => panel.getByTestId('node-parameters').innerText());
		expect(labels).toContain('Event Types');
		expect(labels).toContain('Only These Chat IDs');
		await editor.screenshot('trigger-panel-new');
		await editor.step('close the trigger\'s panel', () => editor.testId('ndv-close-button').click());
		await editor.step('see the trigger on the canvas', () => editor.testId('canvas-trigger-node').filter({ hasText: 'GREEN-API Trigger' }).waitFor());
	});

	it('finds the GREEN-API node by "whatsapp" and "contact info" after the trigger, and adds Get contact info', async () => {
		const trigger = editor.testId('canvas-node').filter({ has: editor.testId('canvas-trigger-node') });
		await editor.step('press the "+" on the trigger\'s output', () => trigger.getByTestId('canvas-handle-plus').click());
		await editor.step('see the "What happens next?" view', () =>
			creator().getByTestId('nodes-list-header').filter({ hasText: /what happens next/i }).waitFor(),
		);
		for (const typed of ['whatsapp', 'contact info']) {
			await editor.step(`type "${typed}" in the nodes panel search box`, () => search().fill(typed));
			await editor.step(`find GREEN-API among the nodes for "${typed}"`, () => entry('GREEN-API').waitFor());
		}
		await editor.step('open GREEN-API from the search results', () => entry('GREEN-API').click());
		await editor.step('pick the "Get contact info" action', () => entry(/^get contact info$/i).click());

		const panel = editor.testId('ndv');
		await editor.step('open the node panel', () => panel.waitFor());
		const operation = panel.getByTestId('parameter-input-operation').locator('input');
		expect(await editor.step('read the Operation field', () => operation.inputValue())).toBe('Get Contact Info');
		await editor.step('find the "Chat ID" field', () => panel.getByTestId('parameter-input-chatId').waitFor());
		const labels = await editor.step('read the field labels', () => panel.getByTestId('node-parameters').innerText());
		expect(labels).toContain('Chat ID');
		const link = panel.getByRole('link', { name: 'GREEN-API docs: getContactInfo' });
		await editor.step('see the docs link under Chat ID', () => link.waitFor());
		expect(await link.getAttribute('href')).toBe('https://green-api.com/en/docs/api/service/GetContactInfo/');
		await editor.screenshot('node-panel-new');
	});

	it('labels its two outputs Contact and Products on the canvas, behind the trigger', async () => {
		await editor.step('close the node panel', () => editor.testId('ndv-close-button').click());
		const node = editor.testId('canvas-node').filter({ has: editor.testId('canvas-default-node') });
		const handles = node.getByTestId('canvas-node-output-handle');
		await editor.step('see the output labels on the canvas', () => handles.filter({ hasText: 'Products' }).waitFor());
		const texts = (await handles.allInnerTexts()).map((text) => text.trim());
		expect(texts).toEqual(['Contact', 'Products']);
		// The subtitle says what it does in words a person reads (issue 10, point 2).
		expect(await node.innerText()).toContain('Contact: Get Contact Info');
		expect(await editor.testId('canvas-node').count()).toBe(2);
		expect(await editor.testId('edge').count()).toBe(1);
		await editor.screenshot('canvas-new-node');
	});

	it('shows the credential form without a prefilled host, a wrong token\'s message without the token, then success', async () => {
		await editor.step('open "Add new credential"', () => editor.goto('/home/credentials/create'));
		const chooser = editor.testId('selectCredential-modal');
		await editor.step('type GREEN-API in the credential type chooser', async () => {
			await chooser.getByTestId('new-credential-type-select').click();
			await editor.page.keyboard.type('GREEN-API');
		});
		await editor.step('pick the GREEN-API credential type', () => editor.testId('new-credential-type-select-option').filter({ hasText: 'GREEN-API' }).first().click());
		await editor.step('press Continue', () => chooser.getByTestId('new-credential-type-button').click());

		const dialog = editor.testId('editCredential-modal');
		const field = (name: string) => dialog.getByTestId(`parameter-input-${name}`).locator('input');
		await editor.step('find the API URL field', () => field('apiUrl').waitFor());
		expect(await field('apiUrl').inputValue()).toBe('');
		expect(await field('apiUrl').getAttribute('placeholder')).toMatch(/^https:\/\/\d+\.api\.greenapi\.com$/);
		expect(await field('idInstance').getAttribute('placeholder')).not.toBe(EMULATOR_ID_INSTANCE);
		await publishScreenshot(await editor.screenshot('credential-form'), docs, 'credential-form');

		await editor.step('fill in the credential', async () => {
			await field('apiUrl').fill(emulator!.url);
			await field('idInstance').fill(EMULATOR_ID_INSTANCE);
			await field('token').fill(WRONG_TOKEN);
		});
		// Saving tests the credential: n8n shows "Couldn't connect" and our message under "More details".
		await editor.step('save the credential', () => dialog.getByTestId('credential-save-button').click());
		await editor.step('see the failed connection test', () => dialog.getByText(/couldn.t connect/i).waitFor({ timeout: 30_000 }));
		await editor.step('open "More details"', () => dialog.getByText('More details').click());
		await editor.step('read our message', () => dialog.getByText(/wrong api token/i).first().waitFor());
		const shown = await dialog.innerText();
		expect(shown).toMatch(/Wrong API token/);
		// The token stays in its password field (that is where the person typed it) and nowhere else on screen.
		expect(shown).not.toContain(WRONG_TOKEN);
		expect(await editor.page.locator('body').innerText()).not.toContain(WRONG_TOKEN);
		expect(await field('token').getAttribute('type')).toBe('password');
		await editor.screenshot('credential-wrong-token');

		// The right token: n8n 2.39 shows its own success text, not the message our test returns.
		await editor.step('correct the token', () => field('token').fill(EMULATOR_TOKEN));
		await editor.step('save the credential again', () => dialog.getByTestId('credential-save-button').click());
		const success = dialog.getByTestId('credentials-config-container-test-success');
		await editor.step('see the successful connection test', () => success.waitFor({ timeout: 30_000 }));
		expect(await success.innerText()).toMatch(/Connection tested successfully|instance is authorized/);
		await editor.screenshot('credential-ok');
		expect(emulator!.count({ method: 'getStateInstance' })).toBeGreaterThanOrEqual(2);
	});

	it('runs the imported demo: Contact and Products outputs with their counts', async () => {
		await editor.step('open the imported demo workflow', () => editor.goto(`/workflow/${demoWorkflow.id}`));
		const node = editor.testId('canvas-node').filter({ hasText: 'GREEN-API' });
		await editor.step('find the GREEN-API node on the canvas', () => node.waitFor());
		await editor.step('press "Execute workflow"', () => editor.testId('execute-workflow-button').click());
		await editor.step('see the item counts on the outputs', () =>
			node.filter({ hasText: `${DEMO_PRODUCT_ITEMS} items` }).waitFor({ timeout: 60_000 }),
		);
		await editor.step('see "Workflow executed successfully"', () =>
			editor.page.getByRole('alert').filter({ hasText: /workflow executed successfully/i }).waitFor({ timeout: 30_000 }),
		);
		const onCanvas = (await node.innerText()).split('\n').map((line) => line.trim());
		expect(onCanvas).toEqual(expect.arrayContaining(['Contact: Get Contact Info', 'Contact', `${DEMO_CONTACT_ITEMS} items`, 'Products', `${DEMO_PRODUCT_ITEMS} items`]));
		await editor.dismissToasts();
		await publishScreenshot(await editor.screenshot('demo-canvas'), docs, 'demo-canvas');

		await editor.step('open the node by double-clicking it', () => node.dblclick());
		const output = editor.testId('output-panel');
		const branches = output.getByTestId('branches');
		await editor.step('see the output tabs', () => branches.waitFor());
		const tabs = await branches.innerText();
		expect(tabs).toMatch(new RegExp(`Contact Branch \\(${DEMO_CONTACT_ITEMS} items\\)`));
		expect(tabs).toMatch(new RegExp(`Products Branch \\(${DEMO_PRODUCT_ITEMS} items\\)`));
		expect(await editor.step('read the Operation field', () => editor.testId('parameter-input-operation').locator('input').inputValue())).toBe('Get Contact Info');
		await publishScreenshot(await editor.screenshot('demo-node-panel'), docs, 'node-panel');

		await editor.step('open the Products tab', () => branches.getByText(/^Products/).click());
		await editor.step('see a product of the seed catalogue', () => output.getByText(SEED_PRODUCT_ID).first().waitFor());
		await editor.dismissToasts();
		await publishScreenshot(await editor.screenshot('demo-products'), docs, 'products-output');
		expect(emulator!.count({ method: 'getContactInfo' })).toBeGreaterThan(0);
	});

	it('shows the docs link of an operation without fields (Instance: Get State) in a callout on its panel', async () => {
		await editor.step('open the Get State workflow', () => editor.goto(`/workflow/${GET_STATE_WORKFLOW}`));
		const node = editor.testId('canvas-node').filter({ hasText: GREEN_API_NODE });
		await editor.step('open the node by double-clicking it', () => node.dblclick());
		const panel = editor.testId('ndv');
		const link = panel.getByRole('link', { name: 'GREEN-API docs: getStateInstance' });
		await editor.step('see the docs link on the panel', () => link.waitFor());
		expect(await link.isVisible()).toBe(true);
		expect(await link.getAttribute('href')).toBe('https://green-api.com/en/docs/api/account/GetStateInstance/');
		await editor.screenshot('get-state-panel');
		await editor.step('close the node panel', () => editor.testId('ndv-close-button').click());
	});

	it('"Listen for test event" in webhook mode ends with the delivered notification in the output panel', async () => {
		expect(await listenForWebhookTestEvent(editor, server!.url, emulator!, WEBHOOK_TOKEN)).toBe(200);
		await editor.dismissToasts();
		await publishScreenshot(await editor.screenshot('trigger-webhook-test-event'), docs, 'trigger-webhook-test-event');
		expect(await settledExecutionStatuses(server!.url, cookie)).toEqual(['success']);
		// Webhook mode's hidden resource/operation must not rename the node.
		await editor.step('close the trigger\'s panel', () => editor.testId('ndv-close-button').click());
		expect((await editor.testId('canvas-node').allInnerTexts()).join('\n')).toMatch(/^GREEN-API Trigger$/m);
	});

	it('runs the shipped CRM workflow from the editor: a message in, the contact in the Data Table, the reply quoting it', async () => {
		const { incoming: message, reply } = await runCrmWorkflowInEditor(editor, emulator!, server!, cookie, { id: demoCredentials[0].id, name: demoCredentials[0].name });
		expect(reply?.chatId).toBe(message.chatId);
		await editor.dismissToasts();
		await publishScreenshot(await editor.screenshot('crm-workflow'), docs, 'crm-workflow');
	});

	it('keeps the credential, the workflow and the session across a restart of n8n', async () => {
		await server!.restart();
		const get = (path: string) => fetch(`${server!.url}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
		expect((await get('/rest/login')).status).toBe(200);
		const workflow = (await (await get(`/rest/workflows/${demoWorkflow.id}`)).json()) as { data: { name: string } };
		expect(workflow.data.name).toBe(demoWorkflow.name);
		await editor.step('open the demo after the restart', () => editor.goto(`/workflow/${demoWorkflow.id}`));
		await editor.step('find the GREEN-API node after the restart', () => editor.testId('canvas-node').filter({ hasText: 'GREEN-API' }).waitFor());
		lastPageText = await editor.page.locator('body').innerText();
		// A crash, not a shutdown: the harness must still end it and say so.
		await server!.kill();
		expect(server!.running).toBe(false);
		expect(server!.output).toMatch(/n8n start exited SIGKILL/);
	});

	it('leaves no token in anything n8n printed or the page showed', async () => {
		for (const token of [WRONG_TOKEN, EMULATOR_TOKEN, WEBHOOK_TOKEN]) {
			expect(server!.output).not.toContain(token);
			expect(n8n!.transcript).not.toContain(token);
		}
		expect(lastPageText).toContain('GREEN-API');
		expect(lastPageText).not.toContain(WRONG_TOKEN);
	});
});
