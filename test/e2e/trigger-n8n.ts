// What the trigger's end-to-end test needs around n8n (which server.ts starts): a loopback sink
// that records what the workflows post, webhook URLs on 127.0.0.1, and waiting for a condition.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { N8n } from './n8n';

export interface SinkEntry {
	at: number;
	body: Record<string, unknown>;
}

export class Sink {
	readonly entries: SinkEntry[] = [];
	/** While set, the sink records each request at once but answers only when it settles: a workflow in flight. */
	hold: Promise<void> | undefined;
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
				const answer = () => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
				if (sink?.hold) void sink.hold.then(answer);
				else answer();
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
