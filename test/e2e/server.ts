// `n8n start` for tests that need the running editor or its REST API: started on the run's
// free ports (from N8n.create), ready when /healthz/readiness says so, an owner set up
// through REST, REST calls as that owner, stopped with SIGTERM (SIGKILL when it hangs), killed,
// or restarted (after a kill too).
import type { ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import type { N8n } from './n8n';
import { signalGroup, startService, tail } from './process';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** Made up for a throw-away n8n; meets n8n's password rule (8+ characters, a digit, a capital). */
export const E2E_OWNER: Owner = { email: 'owner@e2e.invalid', password: 'E2e-Owner-Passw0rd', firstName: 'E2E', lastName: 'Owner' };

export interface StartOptions {
	/** Extra environment for this process only, on top of the run's (N8n.env). */
	env?: NodeJS.ProcessEnv;
	readyTimeoutMs?: number;
}

type Child = ChildProcessByStdio<null, Readable, Readable>;

export class N8nServer {
	/** This process's output since it started, every start included. */
	output = '';
	private child: Child | undefined;
	private exited: Promise<void> = Promise.resolve();

	private constructor(
		readonly n8n: N8n,
		private readonly options: StartOptions,
	) {}

	/** Starts `n8n start` in the run's user folder and waits until it is ready. */
	static async start(n8n: N8n, options: StartOptions = {}): Promise<N8nServer> {
		const server = new N8nServer(n8n, options);
		await server.launch();
		return server;
	}

	get port(): number {
		return Number(this.n8n.env.N8N_PORT);
	}

	/** The editor's and the REST API's base URL. */
	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get running(): boolean {
		return this.child !== undefined;
	}

	private async launch(): Promise<void> {
		if (this.child) throw new Error('n8n start: already running');
		const env = {
			...this.n8n.env,
			// The editor is reached over plain http on 127.0.0.1: a Secure cookie would never be sent back.
			N8N_SECURE_COOKIE: 'false',
			// Without these, n8n looks up api.n8n.io for vetted community nodes and MCP servers:
			// tests talk only to 127.0.0.1 (and there is no internet here).
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			...this.options.env,
		};
		const bin = join(this.n8n.root, 'test/e2e/n8n/node_modules/n8n/bin/n8n');
		const child = startService(process.execPath, [bin, 'start'], { cwd: this.n8n.userFolder, env, label: 'n8n start' });
		this.child = child;
		this.output += `\n$ n8n start (port ${this.port})\n`;
		const collect = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		this.exited = new Promise((resolve) => {
			child.once('exit', (code, signal) => {
				this.output += `\n(n8n start exited ${code ?? signal})\n`;
				if (this.child === child) this.child = undefined;
				resolve();
			});
		});
		await this.waitReady(this.options.readyTimeoutMs ?? 120_000);
	}

	private async waitReady(timeoutMs: number): Promise<void> {
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			if (!this.child) throw new Error(`n8n start exited before it was ready.\n${tail(this.output)}`);
			try {
				const response = await fetch(`${this.url}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
				if (response.ok) {
					process.stderr.write(`[e2e] n8n start: ready on ${this.url} after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
					return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await this.kill();
		throw new Error(`n8n start: not ready after ${timeoutMs} ms, killed.\n${tail(this.output)}`);
	}

	/**
	 * Sets up the instance owner through REST, as the editor's first form does, and returns
	 * the session cookie (`n8n-auth=…`) for REST calls or a browser context.
	 */
	async setupOwner(owner: Owner = E2E_OWNER): Promise<string> {
		return this.session('/rest/owner/setup', owner);
	}

	/** Signs the owner in again (after a restart the old cookie stays valid; this is for a new one). */
	async login(owner: Owner = E2E_OWNER): Promise<string> {
		return this.session('/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	private async session(path: string, body: unknown): Promise<string> {
		const response = await fetch(`${this.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${(await response.text()).slice(0, 500)}`);
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error(`POST ${path}: no n8n-auth cookie in the answer`);
		return cookie.split(';')[0];
	}

	/**
	 * POST to n8n's REST API as a signed-in user (`cookie` from setupOwner/login), as the editor
	 * does for "Execute workflow" (`/rest/workflows/<id>/run`) or deactivation; the answer's JSON.
	 */
	async rest(cookie: string, path: string, body: unknown = {}, method: 'POST' | 'GET' = 'POST'): Promise<unknown> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: { cookie, 'content-type': 'application/json' },
			body: method === 'GET' ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
		return text ? (JSON.parse(text) as unknown) : undefined;
	}

	/** GET from n8n's REST API as a signed-in user; the answer's JSON. */
	async get(cookie: string, path: string): Promise<unknown> {
		return await this.rest(cookie, path, undefined, 'GET');
	}

	/** SIGTERM, as a service manager stops it; SIGKILL if it is not gone after graceMs. */
	async stop(graceMs = 20_000): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		signalGroup(child.pid, 'SIGTERM');
		const timer = setTimeout(() => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
	}

	/** SIGKILL, as a crash or an OOM kill would end it: no shutdown work at all. */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		signalGroup(child.pid, 'SIGKILL');
		await this.exited;
	}

	/** Stops and starts again on the same ports, folder and database. */
	async restart(): Promise<void> {
		await this.stop();
		await this.launch();
	}

	/** Stops it and adds its output to the run's transcript (kept in .e2e/, searched for secrets). */
	async dispose(): Promise<void> {
		await this.stop();
		this.n8n.transcript += `\n--- n8n start\n${this.output}`;
	}
}
