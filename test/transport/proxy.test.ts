import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { numbers, chatIdOf, runChecked } from '../faults/invariants';
import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// A proxy URL's user and password must never show up: they count as secrets here.
const PROXY_USER = 'proxyuser';
const PROXY_PASSWORD = 'proxy-password-must-stay-hidden';
const options = { requestsPerSecond: 0, retries: 1, timeout: 1000, maxConcurrency: 2 };
let stage: GreenApiStage;

useStage({ rateLimits: { getContactInfo: 0 } }, (started) => {
	stage = started;
	stage.secrets.push(PROXY_PASSWORD);
});

/** A proxy on 127.0.0.1 that answers every CONNECT (and any plain request) with `status`. */
async function proxyAnswering(status: number): Promise<{ server: Server; port: number; connects: () => number }> {
	let connects = 0;
	const server = createServer((_, res) => res.writeHead(status).end());
	server.on('connect', (_, socket) => {
		connects++;
		socket.end(`HTTP/1.1 ${status} Nope\r\nContent-Length: 0\r\n\r\n`);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, port: (server.address() as AddressInfo).port, connects: () => connects };
}

const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy, NO_PROXY: process.env.NO_PROXY, no_proxy: process.env.no_proxy };
function useProxy(port: number): void {
	delete process.env.http_proxy;
	delete process.env.NO_PROXY;
	delete process.env.no_proxy;
	process.env.HTTP_PROXY = `http://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:${port}`;
}
afterEach(() => {
	for (const [key, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

describe('a failing proxy is named as the cause (host only), never "cancelled"', () => {
	const phones = numbers(4, '7900500');

	it('CONNECT answered 407: asks for proxy authentication, fatal, no request reaches GREEN-API', async () => {
		const proxy = await proxyAnswering(407);
		try {
			useProxy(proxy.port);
			const { failed } = await runChecked(stage, phones, { options });
			expect(failed.size).toBe(phones.length);
			for (const message of failed.values()) {
				expect(message).toMatch(new RegExp(`^The proxy 127\\.0\\.0\\.1:${proxy.port} asked for authentication \\(HTTP 407\\)$`));
			}
			expect(proxy.connects()).toBeLessThanOrEqual(options.maxConcurrency);
			expect(stage.emulator.requests).toHaveLength(0);
		} finally {
			proxy.server.close();
		}
	});

	it('CONNECT answered 502: the proxy could not reach GREEN-API, retried', async () => {
		const proxy = await proxyAnswering(502);
		try {
			useProxy(proxy.port);
			const { failed } = await runChecked(stage, phones.slice(0, 1), { options });
			expect(failed.get(0)).toMatch(/^The proxy 127\.0\.0\.1:\d+ did not open a connection to 127\.0\.0\.1:\d+ \(HTTP 502\) \(retried 1 time\)/);
			expect(proxy.connects()).toBe(2);
		} finally {
			proxy.server.close();
		}
	});

	it('a proxy port nobody listens on: names the proxy, not the API host', async () => {
		const proxy = await proxyAnswering(200);
		const { port } = proxy;
		await new Promise((resolve) => proxy.server.close(resolve));
		useProxy(port);
		const { failed } = await runChecked(stage, [phones[0]], { options });
		expect(failed.get(0)).toMatch(new RegExp(`^The proxy 127\\.0\\.0\\.1:${port} refused the connection$`));
	});

	it('without the proxy setting, the same node reaches GREEN-API again', async () => {
		const { failed } = await runChecked(stage, [phones[0]], { options });
		expect(failed.size).toBe(0);
		expect(stage.emulator.count({ chatId: chatIdOf(phones[0]) })).toBe(1);
	});
});
