// When requests are decided and answers leave: a random in-flight delay before the decision (so
// concurrent requests can be accepted out of order, as over a real network), a fixed one before the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeBody } from './faults';
import type { Outcome } from './types';

/** mulberry32: a small seeded generator, so a failing order test can be replayed. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function checkMs(name: string, ms: number): void {
	if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`${name} must be a finite number >= 0, got ${ms}`);
}

export class Delivery {
	private latencyMs = 0;
	private jitterMs = 0;
	private random: () => number = Math.random;
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;

	setLatency(ms: number, jitterMs = 0, seed?: number): void {
		checkMs('latency', ms);
		checkMs('jitter', jitterMs);
		this.latencyMs = ms;
		this.jitterMs = jitterMs;
		this.random = seed === undefined ? Math.random : seeded(seed);
	}

	/** Runs `decide` once the request has "travelled": at once without jitter, else after 0..jitterMs. */
	arrive(decide: () => void): void {
		if (this.jitterMs <= 0) return decide();
		this.later(this.random() * this.jitterMs, decide);
	}

	send(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
		if ('kind' in outcome) {
			// RST rather than FIN, so clients see ECONNRESET as from a dropped upstream connection.
			if (outcome.kind === 'reset') req.socket.resetAndDestroy();
			return; // 'hang': the response is never written; close() destroys the socket
		}
		const write = (): void => {
			if (this.closed || res.destroyed) return;
			res.writeHead(outcome.status, {
				'Content-Type': outcome.contentType,
				'Content-Length': Buffer.byteLength(outcome.body),
				...outcome.headers,
			});
			writeBody(res, outcome);
		};
		if (this.latencyMs <= 0) return write();
		this.later(this.latencyMs, write);
	}

	close(): void {
		this.closed = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}

	private later(ms: number, run: () => void): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (!this.closed) run();
		}, ms);
		this.timers.add(timer);
	}
}
