// Stand-ins around a real Redis for the limiter's tests and the benchmark: a server that
// speaks Redis's protocol but answers every command with one fixed (hostile) reply, and a
// TCP proxy that holds each chunk for a while in each direction (a Redis far away).
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

abstract class Listener {
	readonly #sockets = new Set<Socket>();

	protected constructor(
		protected readonly server: Server,
		readonly port: number,
	) {}

	get url(): string {
		return `redis://127.0.0.1:${this.port}`;
	}

	protected track(socket: Socket): void {
		this.#sockets.add(socket);
		socket.once('close', () => this.#sockets.delete(socket));
		socket.on('error', () => socket.destroy());
	}

	async close(): Promise<void> {
		for (const socket of this.#sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	return typeof address === 'object' && address !== null ? address.port : 0;
}

/** Counts the commands in a buffer of RESP arrays; returns how many and the unread rest. */
function commandsIn(buffer: Buffer): { count: number; rest: Buffer } {
	let count = 0;
	let at = 0;
	const line = (from: number) => {
		const end = buffer.indexOf('\r\n', from);
		return end === -1 ? undefined : { text: buffer.toString('latin1', from, end), next: end + 2 };
	};
	for (;;) {
		const header = line(at);
		if (!header) break;
		let next = header.next;
		let complete = true;
		for (let i = 0; i < Number(header.text.slice(1)); i++) {
			const length = line(next);
			if (!length || next + length.text.length + 2 > buffer.length) {
				complete = false;
				break;
			}
			next = length.next + Number(length.text.slice(1)) + 2;
			if (next > buffer.length) {
				complete = false;
				break;
			}
		}
		if (!complete) break;
		count++;
		at = next;
	}
	return { count, rest: buffer.subarray(at) };
}

/** Answers every command, whatever it is, with `reply` (raw RESP, e.g. ':864000000\r\n'). */
export class HostileRedis extends Listener {
	static async start(reply: string): Promise<HostileRedis> {
		let self: HostileRedis | undefined;
		const server = createServer((socket) => {
			self?.track(socket);
			let pending: Buffer = Buffer.alloc(0);
			socket.on('data', (chunk: Buffer) => {
				const { count, rest } = commandsIn(Buffer.concat([pending, chunk]));
				pending = rest;
				if (count > 0) socket.write(reply.repeat(count));
			});
		});
		self = new HostileRedis(server, await listen(server));
		return self;
	}
}

/** Forwards to `targetPort`, holding every chunk `delayMs` each way (in order). */
export class SlowProxy extends Listener {
	static async start(targetPort: number, delayMs: number): Promise<SlowProxy> {
		let self: SlowProxy | undefined;
		const server = createServer((client) => {
			self?.track(client);
			const upstream = connect(targetPort, '127.0.0.1');
			self?.track(upstream);
			const relay = (from: Socket, to: Socket) => {
				from.on('data', (chunk: Buffer) => setTimeout(() => to.writable && to.write(chunk), delayMs));
				from.once('close', () => setTimeout(() => to.destroy(), delayMs));
			};
			relay(client, upstream);
			relay(upstream, client);
		});
		self = new SlowProxy(server, await listen(server));
		return self;
	}
}
