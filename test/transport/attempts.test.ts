import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { GreenApiEmulator, SEED_CHAT_ID } from '../emulator';
import { toConnection } from '../../nodes/GreenApi/transport/connection';
import type { Connection } from '../../nodes/GreenApi/transport/connection';
import { GreenApiError } from '../../nodes/GreenApi/transport/failures';
import { callGreenApi } from '../../nodes/GreenApi/transport/request';
import type { CallOptions } from '../../nodes/GreenApi/transport/request';

let emulator: GreenApiEmulator;
let connection: Connection;

beforeAll(async () => {
	emulator = await GreenApiEmulator.start({ rateLimits: { getContactInfo: 0, getStateInstance: 0 } });
	const result = toConnection({ apiUrl: emulator.url, idInstance: emulator.idInstance, token: emulator.token });
	if (!result.ok) throw new Error(result.reason);
	connection = result.connection;
});
afterEach(() => emulator.reset());
afterAll(async () => await emulator.close());

const fast: CallOptions = { perSecond: 0, maxRetries: 0, timeoutMs: 1000 };

async function failure(options: Partial<CallOptions> = {}, method = 'getContactInfo'): Promise<{ error: GreenApiError; ms: number }> {
	const started = performance.now();
	const body = method === 'getContactInfo' ? { chatId: SEED_CHAT_ID } : undefined;
	const error = await callGreenApi(connection, method, body, { ...fast, ...options }).then(
		() => undefined,
		(rejected: unknown) => rejected,
	);
	expect(error).toBeInstanceOf(GreenApiError);
	return { error: error as GreenApiError, ms: performance.now() - started };
}

describe('Timeout bounds each attempt as a whole, from sending to the last byte', () => {
	it('a body trickling one byte every 600 ms fails at the 1000 ms deadline', async () => {
		emulator.inject({ kind: 'trickle', intervalMs: 600 });
		const { error, ms } = await failure();
		expect(error.message).toBe(`No answer from ${connection.host} within 1000 ms`);
		expect(ms).toBeLessThan(4000);
		expect(emulator.requests).toHaveLength(1);
	});

	it('a trickle once, then a prompt answer: the retry succeeds', async () => {
		emulator.inject({ kind: 'trickle', intervalMs: 600, times: 1 });
		const answer = await callGreenApi(connection, 'getContactInfo', { chatId: SEED_CHAT_ID }, { ...fast, maxRetries: 1 });
		expect((answer as { chatId: string }).chatId).toBe(SEED_CHAT_ID);
		expect(emulator.requests).toHaveLength(2);
	});

	it('a whole-call deadline (the credential test has one) ends retries and waits', async () => {
		emulator.inject({ kind: 'hang', method: 'getStateInstance' });
		const { error, ms } = await failure({ maxRetries: 5, timeoutMs: 1000, deadlineMs: 1500 }, 'getStateInstance');
		expect(error.message).toBe(`No answer from ${connection.host} within 1500 ms, retries included`);
		expect(ms).toBeLessThan(4000);
	});
});

describe('a body cut short is a dropped connection, resent whole', () => {
	it('is retried like a dropped connection and then succeeds', async () => {
		emulator.inject({ kind: 'cutBody', bytes: 12, times: 1 });
		const answer = await callGreenApi(connection, 'getContactInfo', { chatId: SEED_CHAT_ID }, { ...fast, maxRetries: 1 });
		expect((answer as { chatId: string }).chatId).toBe(SEED_CHAT_ID);
		expect(emulator.requests).toHaveLength(2);
	});

	it('is never reported as HTTP 200, and says how often it was retried', async () => {
		emulator.inject({ kind: 'cutBody', bytes: 12 });
		const { error } = await failure({ maxRetries: 1 });
		expect(error.message).toBe(`The connection to ${connection.host} closed before GREEN-API answered (retried 1 time)`);
		expect(error.httpCode).toBeUndefined();
		expect(emulator.requests).toHaveLength(2);
	});
});

describe('a POST is never resumed with Range', () => {
	it('the retry after a cut body is the whole request again', async () => {
		const seen: IncomingHttpHeaders[] = [];
		const body = JSON.stringify({ chatId: SEED_CHAT_ID, name: 'x'.repeat(500) });
		const server = createServer((req, res) => {
			seen.push(req.headers);
			req.resume();
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
			if (seen.length === 1) res.write(body.slice(0, 12), () => res.socket?.destroy());
			else res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const port = (server.address() as AddressInfo).port;
			const result = toConnection({ apiUrl: `http://127.0.0.1:${port}`, idInstance: '1', token: 'raw-server-token' });
			if (!result.ok) throw new Error(result.reason);
			const answer = await callGreenApi(result.connection, 'getContactInfo', { chatId: SEED_CHAT_ID }, { ...fast, maxRetries: 1 });
			expect(answer).toEqual(JSON.parse(body));
			expect(seen).toHaveLength(2);
			expect(seen.map((headers) => headers.range)).toEqual([undefined, undefined]);
			expect(seen[1]['content-length']).toBe(seen[0]['content-length']);
		} finally {
			server.closeAllConnections();
			server.close();
		}
	});
});

describe('"(retried N times)" only when retried', () => {
	it.each([
		['a 502 with no retries', { kind: 'status', status: 502 }, 0, 'GREEN-API is unavailable (HTTP 502)'],
		['a 502 retried once', { kind: 'status', status: 502 }, 1, 'GREEN-API is unavailable (HTTP 502) (retried 1 time)'],
		['a 400, never retried', { kind: 'status', status: 400, body: 'bad' }, 3, 'GREEN-API rejected the request: bad'],
	] as const)('%s', async (_, fault, maxRetries, message) => {
		emulator.inject({ ...fault });
		const { error } = await failure({ maxRetries });
		expect(error.message).toBe(message);
		expect(emulator.requests).toHaveLength(fault.status === 400 ? 1 : maxRetries + 1);
	});
});

describe('errors name the real cause', () => {
	it('an https:// API URL aimed at a plain-HTTP port: the port does not speak TLS', async () => {
		const result = toConnection({ apiUrl: emulator.url.replace('http:', 'https:'), idInstance: emulator.idInstance, token: emulator.token });
		if (!result.ok) throw new Error(result.reason);
		const error = await callGreenApi(result.connection, 'getStateInstance', undefined, fast).catch((rejected: GreenApiError) => rejected);
		expect(error).toBeInstanceOf(GreenApiError);
		expect((error as GreenApiError).message).toBe(`${connection.host} does not speak TLS (https) on this port`);
		expect((error as GreenApiError).description).toMatch(/ERR_SSL_WRONG_VERSION_NUMBER/);
		expect((error as GreenApiError).fatal).toBe(true);
	});

	it('a refused port is not retried and says so, without "(retried"', async () => {
		const closed = await GreenApiEmulator.start();
		const url = closed.url;
		await closed.close();
		const result = toConnection({ apiUrl: url, idInstance: emulator.idInstance, token: emulator.token });
		if (!result.ok) throw new Error(result.reason);
		const error = (await callGreenApi(result.connection, 'getStateInstance', undefined, { ...fast, maxRetries: 3 }).catch((e: unknown) => e)) as GreenApiError;
		expect(error.message).toBe(`${result.connection.host} refused the connection`);
		expect(error.fatal).toBe(true);
	});
});
