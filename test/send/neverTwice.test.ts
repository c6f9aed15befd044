import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { toConnection } from '../../nodes/GreenApi/transport/connection';
import type { Connection } from '../../nodes/GreenApi/transport/connection';
import { GreenApiError } from '../../nodes/GreenApi/transport/failures';
import { callGreenApi } from '../../nodes/GreenApi/transport/request';
import type { CallOptions } from '../../nodes/GreenApi/transport/request';
import { freePort } from '../support/ports';

// A hand-written server: it counts what it took in full (a queued message, for GREEN-API)
// before it answers as each test tells it, so every fault here comes after the request arrived.
type Answer = (response: ServerResponse, request: IncomingMessage) => void;
let server: Server;
let answers: Answer[] = [];
let received = 0;

const TOKEN = 'never-twice-secret-token';
const SEND = { unknown: 'GREEN-API may or may not have queued this message (it may have been sent): check the chat before sending it again' };
const options: CallOptions = { perSecond: 0, maxRetries: 3, timeoutMs: 1000, changesState: SEND };

beforeAll(async () => {
	server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			received++;
			const answer = answers.shift() ?? ((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"idMessage":"3EB0SENT"}'));
			answer(response, request);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterEach(() => {
	answers = [];
	received = 0;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

function connectionTo(port: number): Connection {
	const result = toConnection({ apiUrl: `http://127.0.0.1:${port}`, idInstance: '1101000001', token: TOKEN });
	if (!result.ok) throw new Error(result.reason);
	return result.connection;
}

/** As the Message operations read a send's answer: without an idMessage it is not the documented one. */
function readSent(json: unknown): unknown {
	if (typeof (json as { idMessage?: unknown })?.idMessage !== 'string') throw new Error('GREEN-API answered without the idMessage of the queued message');
	return json;
}

async function send(call: Partial<CallOptions> = {}, port = (server.address() as AddressInfo).port): Promise<unknown> {
	return await callGreenApi(connectionTo(port), 'sendMessage', { chatId: '71234567890@c.us', message: 'hello' }, { ...options, ...call }, readSent).then(
		(answer) => answer,
		(error: unknown) => error,
	);
}

const json = (status: number, body: string): Answer => (response) => response.writeHead(status, { 'content-type': 'application/json' }).end(body);

describe('a send that GREEN-API may have taken is never tried again', () => {
	it.each<[string, Answer]>([
		['queued, then answered 502', json(502, '{"message":"Bad Gateway"}')],
		['queued, then answered 500', json(500, '{"message":"Internal Server Error"}')],
		['queued, then answered 499', json(499, '')],
		['queued, then the connection dropped', (response) => response.socket?.destroy()],
		['queued, then the answer cut mid-body', (response) => {
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': '40' });
			response.write('{"idMessage":"3EB0');
			setImmediate(() => response.socket?.destroy());
		}],
		['queued, then never answered', () => undefined],
	])('%s: one request, and an error that says it may have been sent', async (_, answer) => {
		answers = [answer, answer, answer, answer];
		const error = await send();
		expect(error).toBeInstanceOf(GreenApiError);
		expect(received).toBe(1);
		expect((error as GreenApiError).sendState).toBe('unknown');
		expect((error as GreenApiError).message).toMatch(/may or may not have queued this message \(it may have been sent\): check the chat before sending it again$/);
		expect((error as GreenApiError).message).not.toMatch(/retried/);
		expect(JSON.stringify(error)).not.toContain(TOKEN);
	});

	it('a 200 that is not the documented answer is taken, not "not sent"', async () => {
		answers = [json(200, '{"unexpected":true}')];
		const error = (await send()) as GreenApiError;
		expect(received).toBe(1);
		expect(error.sendState).toBe('unknown');
	});

	it('the same faults on a lookup are retried as before: only a change of state is held to one try', async () => {
		answers = [json(502, '{}'), json(502, '{}')];
		const answer = await send({ changesState: undefined });
		expect(answer).toEqual({ idMessage: '3EB0SENT' });
		expect(received).toBe(3);
	});
});

describe('a send is retried only when the failure proves GREEN-API did not take it', () => {
	it('429 (rejected, never queued), then success: two requests, one message', async () => {
		answers = [json(429, '{"message":"Too Many Requests"}')];
		expect(await send()).toEqual({ idMessage: '3EB0SENT' });
		expect(received).toBe(2);
	});

	it('429 every time: not sent, said as such', async () => {
		answers = Array.from({ length: 4 }, () => json(429, '{}'));
		const error = (await send({ maxRetries: 1 })) as GreenApiError;
		expect(received).toBe(2);
		expect(error.sendState).toBe('notSent');
		expect(error.message).not.toMatch(/may or may not/);
	});

	it.each([400, 401, 403, 404, 413])('GREEN-API refusing it (%i): not sent, not retried', async (status) => {
		answers = [json(status, '{"message":"refused"}')];
		const error = (await send()) as GreenApiError;
		expect(received).toBe(1);
		expect(error.sendState).toBe('notSent');
	});

	it('a refused connection never reached GREEN-API: not sent', async () => {
		const port = await freePort();
		const error = (await send({}, port)) as GreenApiError;
		expect(error).toBeInstanceOf(GreenApiError);
		expect(error.sendState).toBe('notSent');
		expect(error.message).toMatch(/refused the connection/);
	});
});
