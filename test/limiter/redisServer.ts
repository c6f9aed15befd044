// A real, throw-away Redis for the limiter's tests and the benchmark: Debian's redis-server
// on a free 127.0.0.1 port, nothing saved to disk. Installed with apt-get when missing.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { Redis } from 'ioredis';

import { freePort } from '../support/ports';

function installed(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** CI machines start bare: .ci/run installs it, and so does this, for a lone test run. */
export function ensureRedisServer(): void {
	if (installed()) return;
	const command = process.getuid?.() === 0 ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
	const apt = (...args: string[]) => spawnSync(command[0], [...command.slice(1), ...args], { stdio: 'inherit', timeout: 300_000 });
	apt('update');
	apt('install', '-y', 'redis-server');
	if (!installed()) throw new Error('redis-server is not installed and apt-get could not install it: apt-get install -y redis-server');
}


export class RedisServer {
	#child: ChildProcess | undefined;

	private constructor(readonly port: number) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	/** Starts redis-server on `port` (default: a free one) and resolves once it answers. */
	static async start(port?: number): Promise<RedisServer> {
		ensureRedisServer();
		const server = new RedisServer(port ?? (await freePort()));
		await server.restart();
		return server;
	}

	async restart(): Promise<void> {
		if (this.#child) return;
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'];
		const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
		this.#child = child;
		let output = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${this.port}:\n${output}`)), 10_000);
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) {
					clearTimeout(timer);
					child.stdout?.off('data', onData);
					resolve();
				}
			};
			child.stdout?.on('data', onData);
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`redis-server exited (${code}) on port ${this.port}:\n${output}`));
			});
		});
		child.stdout?.resume();
		child.stderr?.resume();
	}

	/** Stops the server as an outage would: the port is closed until restart(). */
	async stop(): Promise<void> {
		const child = this.#child;
		this.#child = undefined;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGKILL');
		await exited;
	}

	/** A short-lived client for looking into the server. */
	async inspect<T>(look: (client: Redis) => Promise<T>): Promise<T> {
		const client = new Redis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
		try {
			return await look(client);
		} finally {
			client.disconnect();
		}
	}
}
