// The GREEN-API Trigger from the packed tarball in a real `n8n start`: an active workflow
// Trigger → Get Contact Info → HTTP Request to a loopback sink, activated headlessly.
// Run through `npm run test:e2e -- trigger` (test/e2e/run.sh builds and packs first).
import { existsSync } from 'node:fs';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { N8n } from './n8n';
import { killAll } from './process';
import { pollWorkflow, TRIGGER_NODE, webhookWorkflow } from './trigger-workflows';
import { N8nServer } from './server';
import { Sink, useLoopbackWebhookUrl, waitUntil } from './trigger-n8n';
import { publishWithBlankWebhookToken } from './trigger-publish';
import { greenApiCredential } from './workflows';

const CREDENTIAL = { id: 'e2eTriggerCred01', name: 'GREEN-API emulator (trigger)' };
// Webhook and queue exclude each other on one instance: the webhook workflow has its own.
const HOOK_CREDENTIAL = { id: 'e2eTriggerCred02', name: 'GREEN-API emulator (webhook instance)' };
const POLL_WORKFLOW = 'e2eTriggerPoll01';
const WEBHOOK_WORKFLOW = 'e2eTriggerHook01';
const WEBHOOK_ID = 'b6f3c9e2-4d1a-4e8b-9c7f-1a2b3c4d5e6f';
const WEBHOOK_TOKEN = 'e2e-webhook-token-kept-secret';

let emulator: GreenApiEmulator;
let hookInstance: GreenApiEmulator;
let sink: Sink;
let n8n: N8n | undefined;
let server: N8nServer | undefined;
let cookie = '';

/** A contact's phone per notification, so each one looks a different customer up. */
function enqueue(from: number, count: number): number[] {
	return emulator.notifications.enqueue(...Array.from({ length: count }, (_, i) => incoming(from + i, { chatId: `7912${String(from + i).padStart(7, '0')}@c.us`, text: `order ${from + i}` })));
}

function receiptsAtSink(): number[] {
	return sink.of('poll').map((body) => Number(body.receiptId));
}

/** Unpublishes a workflow as the editor's toggle does. */
async function deactivate(workflowId: string): Promise<void> {
	await server!.rest(cookie, `/rest/workflows/${workflowId}/deactivate`);
}

/** "Listen for test event" / "Execute workflow" from the trigger, as the editor asks for it. */
async function runFromTrigger(workflowId: string, triggerName: string): Promise<void> {
	await server!.rest(cookie, `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: triggerName } });
}

async function waitForPolling(): Promise<void> {
	await waitUntil(() => emulator.notifications.polling > 0, 90_000, 'the trigger long-polling the emulator');
}

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	emulator = await GreenApiEmulator.start({ rateLimits: { getContactInfo: 0 } });
	emulator.notifications.maxLongPollMs = 2_000;
	hookInstance = await GreenApiEmulator.start();
	sink = await Sink.start();
	n8n = await N8n.create();
	useLoopbackWebhookUrl(n8n);
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([
		greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN }),
		greenApiCredential(HOOK_CREDENTIAL, { apiUrl: hookInstance.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN }),
	]);
	await n8n.importWorkflows([pollWorkflow(POLL_WORKFLOW, CREDENTIAL, sink.url), webhookWorkflow(WEBHOOK_WORKFLOW, WEBHOOK_ID, WEBHOOK_TOKEN, HOOK_CREDENTIAL, sink.url)]);
	for (const id of [POLL_WORKFLOW, WEBHOOK_WORKFLOW]) {
		const published = await n8n.cli(['publish:workflow', `--id=${id}`]);
		if (published.code !== 0) throw new Error(`publish:workflow ${id}: ${published.stdout}\n${published.stderr}`);
	}
	server = await N8nServer.start(n8n);
	// Deactivation and test runs go through REST, which needs a session (publishing did not).
	cookie = await server.setupOwner();
	await waitForPolling();
}, 240_000);

afterAll(async () => {
	await server?.dispose();
	killAll();
	await sink?.close();
	await emulator?.close();
	await hookInstance?.close();
	await n8n?.dispose();
});

describe('GREEN-API Trigger in a real n8n', () => {
	it('50 notifications each reach the sink through Get Contact Info, in order, and the queue ends empty', async () => {
		const ids = enqueue(1, 50);
		await waitUntil(() => receiptsAtSink().length >= 50, 90_000, '50 notifications at the sink');
		expect(receiptsAtSink()).toEqual(ids);
		expect(sink.of('poll').map((b) => b.text)).toEqual(ids.map((_, i) => `order ${i + 1}`));
		// Get Contact Info ran between the trigger and the sink for each of them.
		expect(sink.of('poll').map((b) => b.contact)).toEqual(ids.map((_, i) => `7912${String(i + 1).padStart(7, '0')}@c.us`));
		await waitUntil(() => emulator.notifications.queue.length === 0, 10_000, 'the queue empty');
		expect(emulator.notifications.deleted).toEqual(ids);
	});

	it('SIGKILL mid-stream and a restart lose no notification (at most the one in flight comes twice)', async () => {
		sink.entries.length = 0;
		const ids = enqueue(100, 40);
		await waitUntil(() => receiptsAtSink().length >= 10, 60_000, '10 notifications at the sink before the kill');
		await server!.kill();
		const beforeRestart = receiptsAtSink();
		expect(beforeRestart.length).toBeLessThan(40);
		await server!.restart();
		await waitUntil(() => new Set(receiptsAtSink()).size >= 40, 120_000, 'all 40 at the sink after the restart');
		const seen = receiptsAtSink();
		// Every notification arrived; order of first arrival is the queue's.
		expect([...new Set(seen)]).toEqual(ids);
		process.stderr.write(`[e2e] trigger: ${beforeRestart.length} of 40 at the sink before SIGKILL; ${seen.length - new Set(seen).size} duplicate(s) after the restart\n`);
		expect(seen.length - new Set(seen).size).toBeLessThanOrEqual(1);
		await waitUntil(() => emulator.notifications.queue.length === 0, 10_000, 'the queue empty');
	}, 240_000);

	it('webhook mode: activation set the instance\'s webhook URL and token; a forged request gets 401 and starts nothing', async () => {
		const url = `${server!.url}/webhook/${WEBHOOK_ID}/notifications`;
		expect(hookInstance.notifications.settings).toMatchObject({ webhookUrl: url, webhookUrlToken: WEBHOOK_TOKEN });
		const post = async (authorization?: string) =>
			await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(incoming(900, { text: 'forged' })) });
		expect((await post()).status).toBe(401);
		expect((await post('Bearer wrong-token')).status).toBe(401);
		// GREEN-API's own delivery, with the token it was given.
		expect((await hookInstance.notifications.deliverWebhook(incoming(901, { text: 'genuine' }))).status).toBe(200);
		await waitUntil(() => sink.of('webhook').length >= 1, 20_000, 'the genuine webhook at the sink');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(sink.of('webhook').map((b) => b.text)).toEqual(['genuine']);
	});

	it('webhook mode: a re-delivered notification starts nothing, also after n8n restarts (issue 18 item 3)', async () => {
		const genuine = () => sink.of('webhook').filter((b) => b.text === 'delivered twice');
		hookInstance.notifications.webhookCopies = 2;
		expect((await hookInstance.notifications.deliverWebhook(incoming(910, { text: 'delivered twice' }))).status).toBe(200);
		hookInstance.notifications.webhookCopies = 1;
		await waitUntil(() => genuine().length >= 1, 20_000, 'the first copy at the sink');
		// The trigger's memory is saved with the execution the first copy started: let it end.
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		await server!.restart();
		await waitUntil(async () => (await fetch(`${server!.url}/webhook/${WEBHOOK_ID}/notifications`, { method: 'POST' })).status === 401, 60_000, 'the webhook registered again');
		expect((await hookInstance.notifications.redeliverWebhook()).status).toBe(200);
		expect((await hookInstance.notifications.deliverWebhook(incoming(911, { text: 'new after restart' }))).status).toBe(200);
		await waitUntil(() => sink.of('webhook').some((b) => b.text === 'new after restart'), 20_000, 'a new notification after the restart at the sink');
		expect(hookInstance.notifications.webhookLog.filter((post) => post.body.idMessage === incoming(910).idMessage).map((post) => post.status)).toEqual([200, 200, 200]);
		expect(genuine()).toHaveLength(1);
	});

	it('deactivation stops polling within a second', async () => {
		await waitForPolling();
		const started = Date.now();
		await deactivate(POLL_WORKFLOW);
		await waitUntil(() => emulator.notifications.polling === 0, 1_000, 'no long poll left after deactivation');
		const stoppedAfter = Date.now() - started;
		process.stderr.write(`[e2e] trigger: no long poll ${stoppedAfter} ms after the deactivation answered\n`);
		const polls = emulator.count({ method: 'receiveNotification' });
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		expect(emulator.count({ method: 'receiveNotification' })).toBe(polls);
		expect(stoppedAfter).toBeLessThan(1_000);
		const [id] = enqueue(500, 1);
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(emulator.notifications.queue.map((n) => n.receiptId)).toEqual([id]);
	});

	it('deactivating the webhook workflow clears the webhook URL it set', async () => {
		await deactivate(WEBHOOK_WORKFLOW);
		expect(hookInstance.notifications.settings).toMatchObject({ webhookUrl: '', webhookUrlToken: '' });
	});

	it('a blank Webhook Token with "Set Webhook URL on Publish" refuses the publish, naming the field, and writes nothing', async () => {
		const writes = hookInstance.count({ method: 'setSettings' });
		expect(await publishWithBlankWebhookToken(server!, cookie, HOOK_CREDENTIAL)).toMatch(/Webhook Token is empty/);
		expect(hookInstance.count({ method: 'setSettings' })).toBe(writes);
		expect(hookInstance.notifications.settings).toMatchObject({ webhookUrl: '', webhookUrlToken: '' });
	});

	it('"Listen for test event" on the deactivated workflow runs it with the next notification and takes it off the queue', async () => {
		sink.entries.length = 0;
		const [id] = emulator.notifications.queue.map((n) => n.receiptId);
		await runFromTrigger(POLL_WORKFLOW, TRIGGER_NODE);
		await waitUntil(() => receiptsAtSink().includes(id), 60_000, 'the test run at the sink');
		await waitUntil(() => emulator.notifications.queue.length === 0, 10_000, 'the queue empty after the test run');
		// The listener closes after its first notification: nothing polls any more.
		await waitUntil(() => emulator.notifications.polling === 0, 5_000, 'no poll left after the test run');
		expect(receiptsAtSink()).toEqual([id]);
	});

	it("no token in n8n's output", async () => {
		await server!.kill();
		// Both starts' output is there to search (the kill and the restart included).
		expect(server!.output.match(/n8n start exited SIGKILL/g)).toHaveLength(2);
		for (const secret of [EMULATOR_TOKEN, WEBHOOK_TOKEN]) {
			expect(server!.output).not.toContain(secret);
			expect(n8n!.transcript).not.toContain(secret);
		}
	});
});
