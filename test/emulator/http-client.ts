// Test-side HTTP helper: real requests over loopback, nothing mocked.
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';
import { GreenApiEmulator } from './server';
import type { EmulatorOptions } from './types';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

export interface CallOptions {
	body?: string | Record<string, unknown>;
	verb?: Dispatcher.HttpMethod;
	idInstance?: string;
	token?: string;
	dispatcher?: Dispatcher;
	timeoutMs?: number;
}

/** A fresh agent per test file, so keep-alive sockets die with the file (closed in afterAll). */
export function newAgent(): Agent {
	return new Agent({ keepAliveTimeout: 1000, connections: 64 });
}

/**
 * One emulator for a test file (started before its tests, reset after each, closed after
 * the file, with `agent`); `use` receives it.
 */
export function useEmulator(options: EmulatorOptions, agent: Agent, use: (emulator: GreenApiEmulator) => void): void {
	let emulator: GreenApiEmulator | undefined;
	beforeAll(async () => {
		emulator = await GreenApiEmulator.start(options);
		use(emulator);
	});
	afterEach(() => emulator?.reset());
	afterAll(async () => {
		await emulator?.close();
		await agent.close();
	});
}

export function pathFor(emulator: GreenApiEmulator, method: string, idInstance?: string, token?: string): string {
	return `/waInstance${idInstance ?? emulator.idInstance}/${method}/${token ?? emulator.token}`;
}

export async function call(emulator: GreenApiEmulator, method: string, options: CallOptions = {}): Promise<Reply> {
	const verb = options.verb ?? (method.toLowerCase() === 'getstateinstance' ? 'GET' : 'POST');
	const body = typeof options.body === 'object' ? JSON.stringify(options.body) : options.body;
	const timeout = options.timeoutMs ?? 5000;
	const res = await request(emulator.url + pathFor(emulator, method, options.idInstance, options.token), {
		method: verb,
		body,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		dispatcher: options.dispatcher,
		headersTimeout: timeout,
		bodyTimeout: timeout,
	});
	return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

/** getContactInfo for one chatId, the call the node makes. */
export function contactInfo(emulator: GreenApiEmulator, chatId: unknown, dispatcher?: Dispatcher): Promise<Reply> {
	return call(emulator, 'getContactInfo', { body: { chatId }, dispatcher });
}

/** Polls until `condition` holds; bounded so a broken emulator fails the test instead of hanging it. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}
