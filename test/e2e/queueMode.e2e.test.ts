// Queue mode in a real n8n 2.39.3: main + 2 workers + Redis, one SQLite file, the packed
// package loaded by every process from N8N_CUSTOM_EXTENSIONS. Two executions started together
// through an active workflow's production webhook land on the two workers; the GREEN-API limit
// must hold across both (through n8n's own Redis), with no 429 and no time lost. The limiter
// reaches that Redis through a proxy holding every chunk 50 ms each way, as a Redis on another
// host would be (issue 16, finding 12: one decision at a time once cost most of the rate).
// Run through `npm run test:e2e -- queueMode` (test/e2e/run.sh builds and packs first).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { SlowProxy } from '../limiter/fakeRedis';
import { RedisServer } from '../limiter/redisServer';
import { N8n } from './n8n';
import { expectSuccess } from './process';
import { Daemon, webhookContactsWorkflow } from './queueMode';
import { greenApiCredential } from './workflows';

const RATE = 5;
const CREDENTIAL = { id: 'e2eQueueGreenApi', name: 'GREEN-API emulator (queue mode)' };
const WORKFLOW = 'e2eQueueContacts';
const WEBHOOK_PATH = 'e2e-queue-contacts';

let emulator: GreenApiEmulator | undefined;
let redis: RedisServer | undefined;
let farRedis: SlowProxy | undefined;
let databaseDir = '';
const instances: N8n[] = [];
let main: N8n;
let mainProcess: Daemon;
let workers: Daemon[] = [];
const daemons: Daemon[] = [];

beforeAll(async () => {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) throw new Error(`n8n 2.39 needs Node 24, this is ${process.version}: run through npm run test:e2e`);
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);

	[emulator, redis] = await Promise.all([GreenApiEmulator.start({ rateLimits: { getContactInfo: RATE } }), RedisServer.start()]);
	farRedis = await SlowProxy.start(redis.port, 50);
	// The package unpacked with its runtime dependencies, outside every n8n's user folder.
	const packager = await N8n.create();
	instances.push(packager);
	const packageDir = await packager.installCommunityPackage(tarball);

	databaseDir = await mkdtemp(join(tmpdir(), 'n8n-queue-db-'));
	const shared: NodeJS.ProcessEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		N8N_CUSTOM_EXTENSIONS: packageDir,
		DB_TYPE: 'sqlite',
		DB_SQLITE_DATABASE: join(databaseDir, 'database.sqlite'),
		// The same Redis as n8n's queue, 100 ms further away for the limiter alone.
		GREEN_API_REDIS_URL: farRedis.url,
	};
	main = await N8n.create(shared);
	const workerInstances = [await N8n.create(shared), await N8n.create(shared)];
	instances.push(main, ...workerInstances);

	await main.importCredentials([greenApiCredential(CREDENTIAL, { apiUrl: emulator.url, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	await main.importWorkflows([webhookContactsWorkflow(WORKFLOW, WEBHOOK_PATH, CREDENTIAL, RATE)]);
	expectSuccess(await main.cli(['publish:workflow', `--id=${WORKFLOW}`]), 'n8n publish:workflow');

	const bin = join(main.root, 'test/e2e/n8n/node_modules/n8n/bin/n8n');
	mainProcess = new Daemon('n8n main', [bin, 'start'], { cwd: main.userFolder, env: main.env });
	workers = workerInstances.map((worker, i) => new Daemon(`n8n worker ${i + 1}`, [bin, 'worker', '--concurrency=5'], { cwd: worker.userFolder, env: worker.env }));
	daemons.push(mainProcess, ...workers);
	await Promise.all([mainProcess.waitFor(/Activated workflow/, 150_000), ...workers.map((worker) => worker.waitFor(/Registered runner/, 150_000))]);
	await ready(main.env.N8N_PORT!, 60_000);
}, 300_000);

afterAll(async () => {
	await Promise.all(daemons.map((daemon) => daemon.stop(5_000)));
	await Promise.all([emulator?.close(), farRedis?.close()]);
	await redis?.stop();
	// The last to write .e2e/n8n-output.log: main's, with every process's output appended.
	for (const instance of instances) if (instance !== main) await instance.dispose();
	if (main) {
		main.transcript += daemons.map((daemon) => `\n--- ${daemon.label}\n${daemon.output}`).join('');
		await main.dispose();
	}
	if (databaseDir) await rm(databaseDir, { recursive: true, force: true });
}, 60_000);

async function ready(port: string, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const status = await fetch(`http://127.0.0.1:${port}/healthz/readiness`).then((response) => response.status, () => 0);
		if (status === 200) return;
		if (Date.now() > deadline) throw new Error(`n8n main not ready after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

interface Outcome {
	items: Array<Record<string, unknown>>;
	ms: number;
}

/** One execution through the production webhook; resolves when it is done, with its items. */
async function execute(prefix: string, count: number): Promise<Outcome> {
	const started = performance.now();
	const response = await fetch(`http://127.0.0.1:${main.env.N8N_PORT}/webhook/${WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ prefix, count }),
	});
	const text = await response.text();
	if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${text.slice(0, 500)}`);
	const items = JSON.parse(text) as Array<Record<string, unknown>>;
	return { items, ms: performance.now() - started };
}

const failed = (outcome: Outcome) => outcome.items.filter((item) => item.error !== undefined);

describe('queue mode: main + 2 workers + Redis', () => {
	it('runs the package on both workers (warm-up: two one-item executions at once)', async () => {
		const pair = await Promise.all([execute('7950', 1), execute('7951', 1)]);
		expect(pair.map((outcome) => outcome.items.length)).toEqual([1, 1]);
		expect(pair.flatMap(failed)).toEqual([]);
	});

	let oneWorkerMs = 0;
	it('one execution of 60 items on one worker (the reference time)', async () => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		emulator!.reset();
		const single = await execute('7952', 60);
		oneWorkerMs = single.ms;
		expect(single.items).toHaveLength(60);
		expect(failed(single)).toEqual([]);
		expect(emulator!.count({ status: 429 })).toBe(0);
	});

	it('two executions of 30 started together share the limit: every item ok, no 429, within 1.1 x one worker', async () => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		emulator!.reset();
		const started = performance.now();
		const pair = await Promise.all([execute('7953', 30), execute('7954', 30)]);
		const pairMs = performance.now() - started;
		process.stderr.write(`[e2e] queue mode: one worker, 60 items ${(oneWorkerMs / 1000).toFixed(1)} s; two workers, 2 x 30 items ${(pairMs / 1000).toFixed(1)} s; 429s ${emulator!.count({ status: 429 })}\n`);
		const rejected = emulator!.requests.filter((request) => request.status === 429);
		for (const request of rejected) {
			const before = emulator!.requests.filter((other) => other.status === 200 && other.at <= request.at && other.at > request.at - 1100);
			process.stderr.write(`[e2e] 429 at ${request.at.toFixed(0)}; accepted arrivals in the 1.1 s before: ${before.map((other) => (request.at - other.at).toFixed(0)).join(', ')} ms earlier\n`);
		}
		expect(pair.map((outcome) => outcome.items.length)).toEqual([30, 30]);
		expect(pair.flatMap(failed)).toEqual([]);
		expect(emulator!.count({ status: 429 })).toBe(0);
		expect(pairMs).toBeLessThanOrEqual(1.1 * oneWorkerMs);
		// The two executions ran on the two workers, and the limit went through n8n's Redis.
		for (const worker of workers) expect(worker.output).toMatch(/Worker started execution/);
		const keys = await redis!.inspect((client) => client.keys('bull:green-api:*'));
		expect(keys).toContain(`bull:green-api:limit:{${EMULATOR_ID_INSTANCE}:getContactInfo}:starts`);
		expect(keys.join(' ')).not.toContain(EMULATOR_TOKEN);
	});

	it('a broken shared state (a 429 pause 10 days ahead in Redis) holds nothing: the items run, the keys are repaired, and it is said once', async () => {
		const state = `bull:green-api:limit:{${EMULATOR_ID_INSTANCE}:getContactInfo}:state`;
		const redisNow = async () => Number((await redis!.inspect((client) => client.time()))[0]) * 1000;
		// Stuck for good: without PERSIST the hash would keep the expiry the limiter last gave it.
		await redis!.inspect(async (client) => {
			await client.hset(state, 'pausedUntil', (await redisNow()) + 10 * 86_400_000 + 60_000, 'ease', 0, 'easeAt', await redisNow());
			await client.persist(state);
		});
		emulator!.reset();
		const outcome = await execute('7955', 5);
		expect(outcome.items).toHaveLength(5);
		expect(failed(outcome)).toEqual([]);
		expect(Number(await redis!.inspect((client) => client.hget(state, 'pausedUntil')))).toBeLessThan((await redisNow()) + 60_000);
		const warnings = workers.map((worker) => worker.output.match(/shared state of .* asked to wait 10 days/g)?.length ?? 0);
		expect(warnings.reduce((sum, count) => sum + count, 0)).toBe(1);
	});

	it('workers stop on SIGTERM in time: nothing of the limiter holds them open', async () => {
		const graceful = await Promise.all(workers.map((worker) => worker.stop(20_000)));
		expect(graceful).toEqual([true, true]);
	}, 60_000);
});
