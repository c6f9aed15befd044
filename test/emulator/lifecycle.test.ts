import { request } from 'undici';
import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, contactInfo, newAgent, waitFor } from './http-client';
import { parseCliArgs, runCli } from './cli';

describe('GREEN-API emulator records, latency, reset and close', () => {
	const agent = newAgent();
	afterAll(() => agent.close());

	it('records every request in arrival order and counts them', async () => {
		const emu = await GreenApiEmulator.start({ rateLimits: { getContactInfo: 2 } });
		try {
			await contactInfo(emu, SEED_CHAT_ID, agent);
			await contactInfo(emu, 'x@g.us', agent);
			await contactInfo(emu, SEED_CHAT_ID, agent);
			await contactInfo(emu, false, agent);
			await call(emu, 'getStateInstance', { dispatcher: agent });
			await call(emu, 'nope', { dispatcher: agent });
			expect(emu.requests.map((r) => [r.method, r.chatId, r.status])).toEqual([
				['getContactInfo', SEED_CHAT_ID, 200],
				['getContactInfo', 'x@g.us', 400],
				['getContactInfo', SEED_CHAT_ID, 429],
				['getContactInfo', false, 429],
				['getStateInstance', undefined, 200],
				['nope', undefined, 404],
			]);
			const times = emu.requests.map((r) => r.at);
			expect(times).toEqual([...times].sort((a, b) => a - b));
			expect(emu.count()).toBe(6);
			expect(emu.count({ chatId: SEED_CHAT_ID })).toBe(2);
			expect(emu.count({ method: 'GETCONTACTINFO', status: 429 })).toBe(2);
			expect(emu.statusCounts()).toEqual({ '200': 2, '400': 1, '429': 2, '404': 1 });
		} finally {
			await emu.close();
		}
	});

	it('adds latency to every answer and restores start options on reset()', async () => {
		const emu = await GreenApiEmulator.start({ latencyMs: 120, stateInstance: 'starting', rateLimits: { getStateInstance: 0 } });
		try {
			let started = performance.now();
			const slow = await call(emu, 'getStateInstance', { dispatcher: agent });
			expect(performance.now() - started).toBeGreaterThanOrEqual(110);
			expect(slow.text).toBe('{"stateInstance":"starting"}');
			expect((await contactInfo(emu, SEED_CHAT_ID, agent)).text).toBe('instance in starting process try later');

			emu.setLatency(0);
			emu.setState('authorized');
			started = performance.now();
			expect((await call(emu, 'getStateInstance', { dispatcher: agent })).text).toBe('{"stateInstance":"authorized"}');
			expect(performance.now() - started).toBeLessThan(100);

			emu.reset();
			expect(emu.requests).toHaveLength(0);
			started = performance.now();
			expect((await call(emu, 'getStateInstance', { dispatcher: agent })).text).toBe('{"stateInstance":"starting"}');
			expect(performance.now() - started).toBeGreaterThanOrEqual(110);
			expect(() => emu.setLatency(-1)).toThrow(RangeError);
		} finally {
			await emu.close();
		}
	});

	it('closes promptly while a request hangs and keep-alive sockets are open', async () => {
		const emu = await GreenApiEmulator.start();
		await contactInfo(emu, SEED_CHAT_ID, agent); // leaves a keep-alive socket in the agent
		emu.inject({ kind: 'hang' });
		const pending = request(`${emu.url}/waInstance${emu.idInstance}/getContactInfo/${emu.token}`, {
			method: 'POST',
			body: JSON.stringify({ chatId: SEED_CHAT_ID }),
			headersTimeout: 10_000,
		});
		const settled = pending.then(
			() => 'answered',
			() => 'failed',
		);
		await waitFor(() => emu.count({ status: 'hang' }) === 1);
		const started = performance.now();
		await emu.close();
		expect(performance.now() - started).toBeLessThan(1000);
		expect(await settled).toBe('failed');
		await expect(contactInfo(emu, SEED_CHAT_ID, agent)).rejects.toThrow();
	});
});

describe('emulator CLI', () => {
	it('parses flags in both spellings and rejects bad ones', () => {
		expect(parseCliArgs(['--port', '8080', '--rate', 'getContactInfo=5', '--rate=checkWhatsapp=10', '--latency=20'])).toEqual({
			port: 8080,
			rateLimits: { getContactInfo: 5, checkWhatsapp: 10 },
			latencyMs: 20,
			printToken: false,
		});
		expect(parseCliArgs(['--print-token', '--state', 'blocked'])).toMatchObject({ printToken: true, stateInstance: 'blocked' });
		expect(parseCliArgs(['--media-port=7106'])).toMatchObject({ mediaPort: 7106 });
		for (const bad of [['--port'], ['--port', '-1'], ['--port', '70000'], ['--media-port', '-2'], ['--rate', 'x'], ['--latency', 'soon'], ['--what']]) {
			expect(() => parseCliArgs(bad)).toThrow();
		}
	});

	it('prints one JSON line without the token unless asked, and serves on it', async () => {
		const lines: string[] = [];
		const emu = await runCli(['--rate', 'getStateInstance=0'], (line) => lines.push(line));
		const withToken = await runCli(['--print-token'], (line) => lines.push(line));
		try {
			expect(lines).toHaveLength(2);
			expect(lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
			const announced = JSON.parse(lines[0]) as Record<string, string>;
			expect(announced).toEqual({ url: emu.url, mediaUrl: emu.mediaUrl, idInstance: emu.idInstance });
			expect(lines[0]).not.toContain(emu.token);
			expect(JSON.parse(lines[1])).toEqual({ url: withToken.url, mediaUrl: withToken.mediaUrl, idInstance: withToken.idInstance, token: withToken.token });
			const res = await request(`${announced.url}/waInstance${announced.idInstance}/getStateInstance/${emu.token}`);
			expect(res.statusCode).toBe(200);
			expect(await res.body.json()).toEqual({ stateInstance: 'authorized' });
		} finally {
			await emu.close();
			await withToken.close();
		}
	});
});
