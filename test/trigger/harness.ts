// The trigger's loop against the emulator over real HTTP, with n8n's side (emit, error
// path) played by recording hooks, and a fake ITriggerFunctions for activation.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, IRun, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

import { toConnection } from '../../nodes/GreenApi/transport/connection';
import type { Connection } from '../../nodes/GreenApi/transport/connection';
import type { NormalizedNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import type { LoopHooks, RunOutcome } from '../../nodes/GreenApi/trigger/poll/types';
import { GreenApiEmulator } from '../emulator';

export const WRONG_TOKEN = 'wrong-trigger-token-that-must-stay-hidden';

export function credentialsFor(emulator: GreenApiEmulator, token = emulator.token): ICredentialDataDecryptedObject {
	return { apiUrl: emulator.url, idInstance: emulator.idInstance, token };
}

export function connectionFor(emulator: GreenApiEmulator, token = emulator.token): Connection {
	const result = toConnection(credentialsFor(emulator, token));
	if (!result.ok) throw new Error(result.reason);
	return result.connection;
}

/** Every message the hooks were given, for the token search. */
export interface Recorder extends LoopHooks {
	runs: NormalizedNotification[];
	started: NormalizedNotification[];
	poisoned: { item: NormalizedNotification; attempts: number; reason: string }[];
	authFailures: Error[];
	crashes: Error[];
	warnings: string[];
	text(): string;
}

/**
 * `outcome` decides how each execution ends (default: success) and may wait, to play a
 * long execution.
 */
export function recorder(outcome: (item: NormalizedNotification, attempt: number) => RunOutcome | Promise<RunOutcome> = () => ({ ok: true })): Recorder {
	const attempts = new Map<number | string, number>();
	const r: Recorder = {
		runs: [],
		started: [],
		poisoned: [],
		authFailures: [],
		crashes: [],
		warnings: [],
		run: async (item) => {
			r.runs.push(item);
			const attempt = (attempts.get(item.receiptId ?? 0) ?? 0) + 1;
			attempts.set(item.receiptId ?? 0, attempt);
			return await outcome(item, attempt);
		},
		start: (item) => void r.started.push(item),
		poison: (item, n, reason) => void r.poisoned.push({ item, attempts: n, reason }),
		authFailure: (error) => void r.authFailures.push(error),
		crashed: (error) => void r.crashes.push(error),
		warn: (message) => void r.warnings.push(message),
		text: () => JSON.stringify([r.poisoned, [...r.authFailures, ...r.crashes].map((e) => [e.message, (e as { description?: string }).description]), r.warnings]),
	};
	return r;
}

export async function waitFor(condition: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

type RunStatus = 'success' | 'error' | 'cancelled';

export interface FakeTrigger {
	context: ITriggerFunctions;
	emitted: IDataObject[];
	errors: Error[];
	failed: Error[];
	logs: string[];
	/** How each execution ends; the done-promise is settled with it (once a promise resolves: a long execution). */
	runStatus: (item: IDataObject) => RunStatus | Promise<RunStatus>;
}

let workflowCounter = 0;

function createDeferredPromise<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

/** The slice of ITriggerFunctions the trigger uses, backed by plain records. */
export function fakeTrigger(parameters: IDataObject, credentials: ICredentialDataDecryptedObject, mode: 'trigger' | 'manual' = 'trigger', workflowId = `wf${++workflowCounter}`): FakeTrigger {
	const node: INode = { id: 'trigger-1', name: 'GREEN-API Trigger', type: 'n8n-nodes-green-api.greenApiTrigger', typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'] };
	const fake: FakeTrigger = { emitted: [], errors: [], failed: [], logs: [], runStatus: () => 'success', context: undefined as unknown as ITriggerFunctions };
	const log = (message: string) => void fake.logs.push(message);
	fake.context = {
		getNode: () => node,
		getWorkflow: () => ({ id: workflowId, name: `workflow ${workflowId}`, active: true }),
		getMode: () => mode,
		getActivationMode: () => 'activate',
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => credentials,
		emit: (data: INodeExecutionData[][], _response: unknown, done?: { resolve(run: IRun): void; reject(error: Error): void }) => {
			fake.emitted.push(data[0][0].json);
			void Promise.resolve(fake.runStatus(data[0][0].json)).then((status) => {
				// As n8n does: a failed run resolves with status 'error', only a cancelled one rejects.
				if (status === 'cancelled') setImmediate(() => done?.reject(new Error('Execution was cancelled')));
				else setImmediate(() => done?.resolve({ status, data: { resultData: status === 'error' ? { error: { message: 'workflow failed' }, runData: {} } : { runData: {} } } } as unknown as IRun));
			});
		},
		emitError: (error: Error) => void fake.errors.push(error),
		saveFailedExecution: (error: Error) => void fake.failed.push(error),
		logger: { debug: log, info: log, warn: log, error: log },
		helpers: { createDeferredPromise },
	} as unknown as ITriggerFunctions;
	return fake;
}

export async function activate(trigger: { trigger(this: ITriggerFunctions): Promise<ITriggerResponse> }, fake: FakeTrigger): Promise<ITriggerResponse> {
	return await trigger.trigger.call(fake.context);
}

/**
 * One emulator for a test file whose triggers poll its queue: started before the tests, reset
 * after each with long polls cut short (an empty queue answers after 150 ms instead of
 * receiveTimeout's 5 s minimum), closed after the file. `use` receives it.
 */
export function useQueueEmulator(use: (emulator: GreenApiEmulator) => void): void {
	let emulator: GreenApiEmulator | undefined;
	beforeAll(async () => {
		emulator = await GreenApiEmulator.start();
		use(emulator);
	});
	beforeEach(async () => {
		// The last test's trigger may have written a request just before it stopped.
		await emulator?.quiet();
		emulator?.reset();
		if (emulator) emulator.notifications.maxLongPollMs = 150;
	});
	afterAll(async () => {
		await emulator?.close();
	});
}

/**
 * A webhook receiver on 127.0.0.1 (a free port) standing in for n8n's: reads each POST's
 * JSON body ({} when empty) and hands it to `handle`, which answers.
 */
export async function listenForJson(handle: (req: IncomingMessage, res: ServerResponse, body: unknown) => void): Promise<Server> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => handle(req, res, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return server;
}

/**
 * The queue emulator, plus the triggers a test activates (push each ITriggerResponse on the
 * list returned): closed after each test, which then waits until the server saw every poll go,
 * since closeFunction returns before its loop has ended.
 */
export function useActivatedTriggers(use: (emulator: GreenApiEmulator) => void): ITriggerResponse[] {
	const open: ITriggerResponse[] = [];
	let emulator: GreenApiEmulator | undefined;
	useQueueEmulator((started) => {
		emulator = started;
		use(started);
	});
	afterEach(async () => {
		await Promise.all(open.splice(0).map(async (response) => await response.closeFunction?.()));
		if (emulator) await waitFor(() => emulator!.notifications.polling === 0, 5_000, 'every long poll closed');
	});
	return open;
}
