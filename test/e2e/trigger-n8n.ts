// `n8n start` for the trigger's end-to-end test (written before test/e2e/server.ts existed;
// fold into it), and a loopback sink that records what the workflows post.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { N8n } from './n8n';
import { killAll } from './process';
import type { RunResult } from './process';

export interface SinkEntry {
	at: number;
	body: Record<string, unknown>;
}

export class Sink {
	readonly entries: SinkEntry[] = [];
	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(): Promise<Sink> {
		let sink: Sink | undefined;
		const server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				try {
					sink?.entries.push({ at: Date.now(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
				} catch {
					sink?.entries.push({ at: Date.now(), body: { unparsable: Buffer.concat(chunks).toString('utf8') } });
				}
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		sink = new Sink(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/sink`);
		return sink;
	}

	of(via: string): Record<string, unknown>[] {
		return this.entries.filter((e) => e.body.via === via).map((e) => e.body);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}
}

export function portOf(n8n: N8n): number {
	return Number(n8n.env.N8N_PORT);
}

/** Webhook URLs on 127.0.0.1, where n8n listens ("localhost" may resolve to ::1 first). */
export function useLoopbackWebhookUrl(n8n: N8n): string {
	const base = `http://127.0.0.1:${portOf(n8n)}`;
	n8n.env.WEBHOOK_URL = `${base}/`;
	return base;
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** A running `n8n start`; its output joins the N8n transcript when it exits. */
export class RunningN8n {
	private constructor(
		readonly base: string,
		private readonly exited: Promise<RunResult>,
	) {}

	static async start(n8n: N8n): Promise<RunningN8n> {
		const exited = n8n.cli(['start'], 600_000);
		exited.catch(() => undefined);
		const base = `http://127.0.0.1:${portOf(n8n)}`;
		await waitUntil(async () => await fetch(`${base}/healthz`).then((r) => r.ok, () => false), 90_000, 'n8n start answering /healthz');
		return new RunningN8n(base, exited);
	}

	/** SIGKILL to n8n and its task runners: nothing gets to clean up. */
	async kill(): Promise<void> {
		killAll();
		await this.exited.catch(() => undefined);
	}

	/** The owner account: REST activation needs a session (headless start does not). */
	async session(): Promise<string> {
		const response = await fetch(`${this.base}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'owner@example.com', firstName: 'E2e', lastName: 'Owner', password: 'E2e-owner-password-1' }),
		});
		if (!response.ok) throw new Error(`owner setup: HTTP ${response.status} ${await response.text()}`);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('owner setup set no n8n-auth cookie');
		return cookie.split(';')[0];
	}

	/** "Listen for test event" / "Execute workflow" from the trigger, as the editor asks for it. */
	async runFromTrigger(cookie: string, workflowId: string, triggerName: string): Promise<unknown> {
		const response = await fetch(`${this.base}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ triggerToStartFrom: { name: triggerName } }),
		});
		if (!response.ok) throw new Error(`run ${workflowId}: HTTP ${response.status} ${await response.text()}`);
		return await response.json();
	}

	async deactivate(cookie: string, workflowId: string): Promise<void> {
		const response = await fetch(`${this.base}/rest/workflows/${workflowId}/deactivate`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
		if (!response.ok) throw new Error(`deactivate ${workflowId}: HTTP ${response.status} ${await response.text()}`);
	}
}
