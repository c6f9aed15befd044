// Issue 16's trigger findings in a real `n8n start` from the packed tarball: what once stopped
// a published trigger silently, ran one notification twice, held up an unpublish, or let a bad
// setting or a secret through activation. Run through `npm run test:e2e -- triggerFindings`.
import { existsSync } from 'node:fs';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { N8n } from './n8n';
import { killAll } from './process';
import { N8nServer } from './server';
import { Sink, useLoopbackWebhookUrl, waitUntil } from './trigger-n8n';
import { publishTrigger } from './trigger-publish';
import { pollWorkflow } from './trigger-workflows';
import { greenApiCredential } from './workflows';

const CREDENTIAL = { id: 'e2eFindingsCred01', name: 'GREEN-API emulator (findings)' };
// Activation's refusals are tried on an instance of their own: nothing else polls it.
const SPARE_CREDENTIAL = { id: 'e2eFindingsCred02', name: 'GREEN-API emulator (spare instance)' };
const POLL_WORKFLOW = 'e2eFindingsPoll01';
const URL_SECRET = 'hook-secret-in-the-url';

let emulator: GreenApiEmulator;
let spare: GreenApiEmulator;
let sink: Sink;
let n8n: N8n | undefined;
let server: N8nServer | undefined;
let cookie = '';

const atSink = () => sink.of('poll').map((body) => Number(body.receiptId));
const publishOnSpare = (parameters: Record<string, unknown>, name: string) => publishTrigger(server!, cookie, SPARE_CREDENTIAL, { mode: 'poll', receiveTimeout: 5, ...parameters }, name);

beforeAll(async () => {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	emulator = await GreenApiEmulator.start({ rateLimits: { getContactInfo: 0 } });
	spare = await GreenApiEmulator.start();
	for (const instance of [emulator, spare]) instance.notifications.maxLongPollMs = 2_000;
	sink = await Sink.start();
	n8n = await N8n.create();
	useLoopbackWebhookUrl(n8n);
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([
		greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN }),
		greenApiCredential(SPARE_CREDENTIAL, { apiUrl: spare.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN }),
	]);
	await n8n.importWorkflows([pollWorkflow(POLL_WORKFLOW, CREDENTIAL, sink.url)]);
	const published = await n8n.cli(['publish:workflow', `--id=${POLL_WORKFLOW}`]);
	if (published.code !== 0) throw new Error(`publish:workflow: ${published.stdout}\n${published.stderr}`);
	server = await N8nServer.start(n8n);
	cookie = await server.setupOwner();
	await waitUntil(() => emulator.notifications.polling > 0, 90_000, 'the trigger long-polling the emulator');
}, 240_000);

afterAll(async () => {
	sink.hold = undefined;
	await server?.dispose();
	killAll();
	await sink?.close();
	await emulator?.close();
	await spare?.close();
	await n8n?.dispose();
});

describe("issue 16's trigger findings in a real n8n", () => {
	it('1, 3: a hostile notification and a receipt without a body do not stop the trigger; the queue moves on', async () => {
		// A receipt whose body is null, handed out once ahead of the queue.
		emulator.inject({ kind: 'status', status: 200, method: 'receiveNotification', body: '{"receiptId": 9001, "body": null}', times: 1 });
		const hostile = { ...incoming(1, { messageData: { typeMessage: 'constructor' } }), timestamp: 1e20 };
		const ids = emulator.notifications.enqueue(hostile, incoming(2, { text: 'after the hostile one' }));
		await waitUntil(() => emulator.notifications.deleted.includes(ids[1]), 60_000, 'the notification after the hostile one deleted');
		expect(emulator.notifications.deleteRequests).toContain('9001');
		expect(atSink()).toEqual(ids);
		// Still published and polling: nothing ended the loop.
		const [later] = emulator.notifications.enqueue(incoming(3));
		await waitUntil(() => atSink().includes(later), 30_000, 'a later notification at the sink');
	});

	it('2: a delete answered {"result": false} does not run its notification again', async () => {
		sink.entries.length = 0;
		emulator.inject({ kind: 'status', status: 200, method: 'deleteNotification', body: '{"result":false}', times: 2 });
		const [id] = emulator.notifications.enqueue(incoming(10));
		await waitUntil(() => emulator.notifications.deleted.includes(id), 60_000, 'the notification deleted at last');
		expect(emulator.notifications.deleteRequests.filter((request) => request === String(id)).length).toBeGreaterThanOrEqual(3);
		expect(atSink()).toEqual([id]);
	});

	it('4: unpublishing does not wait for the execution in flight, which is still acknowledged when it ends', async () => {
		sink.entries.length = 0;
		let release = () => {};
		sink.hold = new Promise<void>((resolve) => (release = resolve));
		const [id] = emulator.notifications.enqueue(incoming(20));
		await waitUntil(() => atSink().includes(id), 60_000, 'the execution at the (held) sink');
		const started = Date.now();
		await server!.rest(cookie, `/rest/workflows/${POLL_WORKFLOW}/deactivate`);
		const unpublishMs = Date.now() - started;
		process.stderr.write(`[e2e] findings: unpublished in ${unpublishMs} ms with an execution in flight\n`);
		// The sink holds the execution for as long as the test likes: waiting for it would show here.
		expect(unpublishMs).toBeLessThan(10_000);
		expect(emulator.notifications.queue.map((n) => n.receiptId)).toEqual([id]);
		release();
		sink.hold = undefined;
		await waitUntil(() => emulator.notifications.deleted.includes(id), 30_000, 'the notification deleted once its execution ended');
	});

	it('5: Attempts per Notification from an expression that is no number refuses the publish, naming it, before any request', async () => {
		const before = spare.requests.length;
		const attempts = await publishOnSpare({ acknowledge: 'afterFinished', maxAttempts: '={{ "abc" }}' }, 'e2e: attempts that are no number');
		expect(attempts.outcome).toMatch(/Attempts per Notification must be a whole number from 1 to 10; got "abc"/);
		const timeout = await publishOnSpare({ receiveTimeout: '={{ "soon" }}' }, 'e2e: a timeout that is no number');
		expect(timeout.outcome).toMatch(/Receive Timeout \(Seconds\) must be a number/);
		expect(spare.requests.length).toBe(before);
	});

	it('7: an instance webhook URL is quoted without its secrets and cut', async () => {
		spare.notifications.settings.webhookUrl = `https://crm-user:${URL_SECRET}@hooks.example.com/in?token=${URL_SECRET}&pad=${'x'.repeat(5000)}`;
		const refused = await publishOnSpare({}, 'e2e: an instance with a webhook URL');
		expect(refused.outcome).toMatch(/sends its notifications to the webhook URL/);
		expect(refused.outcome).not.toContain(URL_SECRET);
		expect(refused.outcome).not.toContain('x'.repeat(200));
		spare.notifications.settings.webhookUrl = '';
	});

	it('6: a getSettings that never answers holds the publish a few seconds, not 48; the trigger polls anyway', async () => {
		spare.inject({ kind: 'hang', method: 'getSettings' });
		const published = await publishOnSpare({}, 'e2e: getSettings never answers');
		process.stderr.write(`[e2e] findings: published in ${published.ms} ms with getSettings hanging\n`);
		expect(published.outcome).toBe('published');
		expect(published.ms).toBeLessThan(15_000);
		await waitUntil(() => spare.notifications.polling > 0, 30_000, 'the spare instance polled');
		await server!.rest(cookie, `/rest/workflows/${published.workflowId}/deactivate`);
		expect(server!.output).toMatch(/getSettings did not answer within 5 s/);
	});

	it("no token or URL secret in n8n's output", async () => {
		await server!.stop();
		for (const secret of [EMULATOR_TOKEN, URL_SECRET]) {
			expect(server!.output).not.toContain(secret);
			expect(n8n!.transcript).not.toContain(secret);
		}
	});
});
