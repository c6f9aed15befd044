// Message → Send and Wait for Response from the packed tarball in a real `n8n start`: a published
// Webhook → GREEN-API (send and wait) → HTTP Request to a loopback sink. The emulator's message
// log holds the question and its links; the links are then used as a person (or a robot) would.
// Run alone: bash test/e2e/run.sh test/e2e/sendAndWait.e2e.test.ts
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { Editor, publishScreenshot } from './editor';
import { N8n } from './n8n';
import { killAll } from './process';
import { N8nServer } from './server';
import { Sink, useLoopbackWebhookUrl, waitUntil } from './trigger-n8n';
import { GREEN_API_NODE, GREEN_API_NODE_TYPE, greenApiCredential } from './workflows';
import type { CredentialRef } from './workflows';

const CREDENTIAL: CredentialRef = { id: 'e2eWaitCred00001', name: 'GREEN-API emulator (send and wait)' };
const CHAT = '79001234567@c.us';

let emulator: GreenApiEmulator;
let sink: Sink;
let n8n: N8n | undefined;
let server: N8nServer | undefined;
let cookie = '';

/** Webhook (POST /webhook/<path>) → GREEN-API send and wait → the sink gets the answer, tagged by path. */
function askWorkflow(id: string, path: string, sinkUrl: string, extra: Record<string, unknown>): unknown {
	const body = `={{ JSON.stringify({ via: '${path}', data: $json.data, order: $('Webhook').item.json.body.order }) }}`;
	return {
		id,
		name: `e2e: ${path} → send and wait → sink`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: path, position: [0, 0], parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
			{
				id: `${id}-2`,
				name: GREEN_API_NODE,
				type: GREEN_API_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'message', operation: 'sendAndWait', chatId: '={{ $json.body.chatId }}', message: '={{ "Refund order " + $json.body.order + "?" }}', ...extra },
				credentials: { greenApi: CREDENTIAL },
			},
			{ id: `${id}-3`, name: 'Sink', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [440, 0], parameters: { method: 'POST', url: sinkUrl, sendBody: true, specifyBody: 'json', jsonBody: body, options: {} } },
		],
		connections: {
			Webhook: { main: [[{ node: GREEN_API_NODE, type: 'main', index: 0 }]] },
			[GREEN_API_NODE]: { main: [[{ node: 'Sink', type: 'main', index: 0 }]] },
		},
	};
}

/** Starts an execution, waits for its question in the emulator's log, and returns its links by label. */
async function ask(path: string, order: number): Promise<{ links: Record<string, string>; executionId: string; text: string }> {
	const before = emulator.messages.all().length;
	const response = await fetch(`${server!.url}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chatId: CHAT, order }) });
	expect(response.status).toBe(200);
	await waitUntil(() => emulator.messages.all().length > before, 30_000, `the question of ${path}`);
	const text = String(emulator.messages.all().at(-1)?.fields.message);
	const links = Object.fromEntries([...text.matchAll(/^(.+?): (http\S+)$/gm)].map(([, label, url]) => [label, url]));
	const executionId = new URL(Object.values(links)[0]).pathname.split('/').at(-2) as string;
	return { links, executionId, text };
}

async function statusOf(executionId: string): Promise<string> {
	const answer = (await server!.get(cookie, `/rest/executions/${executionId}`)) as { data: { status: string } };
	return answer.data.status;
}

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	emulator = await GreenApiEmulator.start();
	sink = await Sink.start();
	n8n = await N8n.create();
	useLoopbackWebhookUrl(n8n);
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	const limited = { options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 5, resumeUnit: 'seconds' } } } };
	await n8n.importWorkflows([askWorkflow('e2eWaitApprove01', 'approve', sink.url, { approvalOptions: { values: { approvalType: 'double' } } }), askWorkflow('e2eWaitLimited01', 'limited', sink.url, limited)]);
	for (const id of ['e2eWaitApprove01', 'e2eWaitLimited01']) {
		const published = await n8n.cli(['publish:workflow', `--id=${id}`]);
		if (published.code !== 0) throw new Error(`publish:workflow ${id}: ${published.stdout}\n${published.stderr}`);
	}
	server = await N8nServer.start(n8n);
	cookie = await server.setupOwner();
}, 240_000);

afterAll(async () => {
	await server?.dispose();
	killAll();
	await sink?.close();
	await emulator?.close();
	await n8n?.dispose();
});

describe('Send and Wait for Response in a real n8n', () => {
	it('waits; a GET only shows a page; tampered links get 401; after a restart the POST resumes it with approved: true, once', async () => {
		const { links, executionId, text } = await ask('approve', 7);
		expect(text).toMatch(/^Refund order 7\?\n\nApprove: http.+\nDecline: http.+\n\nTap your answer/);
		expect(new URL(links.Approve).pathname).toMatch(new RegExp(`^/webhook-waiting/${executionId}/e2eWaitApprove01-2$`));
		await waitUntil(async () => (await statusOf(executionId)) === 'waiting', 20_000, 'the execution waiting');

		const page = await fetch(links.Approve);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await page.text();
		expect(html).toContain('<form method="post"');
		expect(html).toContain('<button type="submit">Approve</button>');
		expect(await statusOf(executionId)).toBe('waiting');

		const flipped = new URL(links.Decline);
		flipped.searchParams.set('approved', 'true');
		const forged = new URL(links.Approve);
		forged.searchParams.set('signature', 'f'.repeat(64));
		for (const url of [flipped, forged]) expect([401, 403]).toContain((await fetch(url, { method: 'POST' })).status);
		expect(await statusOf(executionId)).toBe('waiting');

		await server!.restart();
		expect(await statusOf(executionId)).toBe('waiting');
		expect(sink.of('approve')).toHaveLength(0);

		const answer = await fetch(links.Approve, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		expect(answer.status).toBe(200);
		expect(await answer.text()).toContain('Got it, thanks');
		await waitUntil(() => sink.of('approve').length > 0, 30_000, 'the answer at the sink');
		expect(sink.of('approve')).toEqual([{ via: 'approve', order: 7, data: { approved: true, respondedAt: expect.any(String) } }]);
		await waitUntil(async () => (await statusOf(executionId)) === 'success', 20_000, 'the execution finished');

		const again = await fetch(links.Decline, { method: 'POST' });
		expect(await again.text()).toContain('No action required');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(sink.of('approve')).toHaveLength(1);
		expect(emulator.messages.all().filter((message) => message.chatId === CHAT)).toHaveLength(1);
	}, 180_000);

	it('a 5-second limit resumes the execution with { timedOut: true } (n8n looks for due waits every minute)', async () => {
		const { executionId } = await ask('limited', 8);
		await waitUntil(() => sink.of('limited').length > 0, 100_000, 'the time-out at the sink');
		expect(sink.of('limited')).toEqual([{ via: 'limited', order: 8, data: { timedOut: true } }]);
		expect(await statusOf(executionId)).toBe('success');
	}, 150_000);

	it('a person answers in Chromium: the link shows the choice, the button records it (under the sandbox CSP)', async () => {
		const { links } = await ask('approve', 9);
		const root = join(__dirname, '../..');
		const editor = await Editor.open(server!.url, cookie, join(root, '.e2e/screenshots'));
		try {
			await editor.page.setViewportSize({ width: 420, height: 560 });
			await editor.page.goto(links.Approve, { waitUntil: 'domcontentloaded' });
			await editor.page.getByRole('button', { name: 'Approve' }).waitFor();
			await publishScreenshot(await editor.screenshot('send-and-wait-approval'), join(root, 'docs/screenshots'), 'send-and-wait-approval');
			expect(sink.of('approve').filter((body) => body.order === 9)).toHaveLength(0);
			await editor.page.getByRole('button', { name: 'Approve' }).click();
			await editor.page.getByText('Got it, thanks').waitFor();
			await publishScreenshot(await editor.screenshot('send-and-wait-recorded'), join(root, 'docs/screenshots'), 'send-and-wait-recorded');
		} finally {
			await editor.close();
		}
		await waitUntil(() => sink.of('approve').some((body) => body.order === 9), 30_000, 'the answer from Chromium at the sink');
		expect(sink.of('approve').find((body) => body.order === 9)?.data).toMatchObject({ approved: true });
	}, 120_000);

	it("n8n makes the node a Human review tool for its AI Agent (PR #22315's greenApiHitlTool)", async () => {
		const response = await fetch(`${server!.url}/types/nodes.json`, { headers: { cookie } });
		expect(response.status).toBe(200);
		const types = (await response.json()) as Array<{ name: string; outputs?: Array<{ displayName?: string }>; properties: Array<{ name: string; type: string; default: unknown }> }>;
		const hitl = types.find((type) => type.name === `${GREEN_API_NODE_TYPE}HitlTool`);
		expect(hitl?.outputs?.[0]?.displayName).toBe('Human review');
		const hidden = Object.fromEntries((hitl?.properties ?? []).filter((property) => property.type === 'hidden').map((property) => [property.name, property.default]));
		expect(hidden).toEqual({ resource: 'message', operation: 'sendAndWait', responseType: 'approval' });
	});
});
