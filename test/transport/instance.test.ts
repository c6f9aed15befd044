import { toConnection } from '../../nodes/GreenApi/transport/connection';
import { greenApiEngine, NODE_NAME, NODE_TYPE, runAfterStart, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';
import { chatIdOf, numbers } from '../faults/invariants';

let stage: GreenApiStage;

// The emulator counts 1 getContactInfo per second per instance, as GREEN-API does.
useStage({ rateLimits: { getContactInfo: 1, getStateInstance: 0 } }, (started) => (stage = started));

describe('one instance has one limiter, whatever the URL spelling', () => {
	it('127.0.0.1 and localhost for one idInstance share the limiter: running both at once, the server sees one paced stream', async () => {
		const port = new URL(stage.emulator.url).port;
		const data = { idInstance: stage.emulator.idInstance, token: stage.emulator.token };
		const engine = greenApiEngine({
			byAddress: { type: 'greenApi', data: { ...data, apiUrl: `http://127.0.0.1:${port}` } },
			byName: { type: 'greenApi', data: { ...data, apiUrl: `http://localhost:${port}/` } },
		});
		const run = (credential: string, phones: string[]) =>
			runAfterStart(
				engine,
				phones.map((phone) => ({ chatId: phone })),
				{
					name: NODE_NAME,
					type: NODE_TYPE,
					parameters: { resource: 'contact', operation: 'getContactInfo', chatId: '={{ $json.chatId }}', options: {} },
					credentials: { greenApi: { id: credential, name: credential } },
				},
			);
		const [first, second] = await Promise.all([run('byAddress', numbers(2, '7900900')), run('byName', numbers(2, '7900901'))]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		// Two limiters would start both runs' first requests together (a gap near 0 ms). One shared
		// limiter spaces every start by about a second. The bound is loose on purpose: a loaded CI
		// machine may deliver one request late by tens of ms, which the emulator can count as a 429
		// (then retried: a lookup is safe to repeat), so a zero-429 assert would be a timing assert.
		const arrivals = stage.emulator.requests.filter((r) => r.method === 'getContactInfo').map((r) => r.at).sort((a, b) => a - b);
		const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
		expect(Math.min(...gaps)).toBeGreaterThan(500);
		expect(stage.emulator.count({ chatId: chatIdOf(numbers(2, '7900901')[1]), status: 200 })).toBe(1);
	}, 20_000);

	it('the key is the idInstance alone', () => {
		const keys = ['https://api.green-api.com', 'https://7105.api.greenapi.com/', 'http://localhost:7105', 'http://127.0.0.1:7105'].map((apiUrl) => {
			const result = toConnection({ apiUrl, idInstance: '1101000001', token: 'secret-token' });
			return result.ok ? result.connection.instanceKey : result.reason;
		});
		expect(new Set(keys)).toEqual(new Set(['1101000001']));
	});
});

describe('the credential Test button', () => {
	it('refuses http:// to a host other than this machine, saying the token would travel unencrypted, sending nothing', async () => {
		const result = await stage.testCredential({
			apiUrl: 'http://7105.api.greenapi.com',
			idInstance: stage.emulator.idInstance,
			token: stage.emulator.token,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^API URL must start with https:\/\/ .*unencrypted to 7105\.api\.greenapi\.com$/);
		expect(result.message).not.toContain(stage.emulator.token);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('https:// to the plain-HTTP emulator port: says the port does not speak TLS', async () => {
		const apiUrl = stage.emulator.url.replace('http:', 'https:');
		const result = await stage.testCredential({ apiUrl, idInstance: stage.emulator.idInstance, token: stage.emulator.token });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^127\.0\.0\.1:\d+ does not speak TLS \(https\) on this port\. Error code: ERR_SSL_WRONG_VERSION_NUMBER\./);
		expect(result.message).not.toMatch(/certificate/);
	});

	it('answers at once when the server asks to wait 11 days', async () => {
		stage.emulator.inject({ kind: 'status', status: 429, method: 'getStateInstance', retryAfter: 999999 });
		const started = performance.now();
		const result = await stage.testCredential({ apiUrl: stage.emulator.url, idInstance: stage.emulator.idInstance, token: stage.emulator.token });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^GREEN-API asked to wait 11 days \(Retry-After\)/) });
		expect(performance.now() - started).toBeLessThan(5000);
	});
});
