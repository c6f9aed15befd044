// How the emulator decides one request, on either host: route, credentials, faults, rate limit,
// quotas, the method itself, then what it queued and any fault that fails the answer afterwards.
import { FaultBook, renderApplied, renderFault } from './faults';
import { MessageLog } from './message-log';
import { Outbox } from './outbox';
import { METHODS, SEND_METHODS } from './methods';
import type { MethodRequest } from './methods';
import { CorrespondentsQuota, Quotas } from './quotas';
import { RateLimiter } from './rate-limit';
import { text } from './types';
import type { Outcome } from './types';

const ROUTE = /^\/waInstance([^/?]*)\/([^/?]*)\/([^/?]*)(?:\?.*)?$/;

export type Host = 'api' | 'media';

export interface Inputs {
	verb: string;
	path: string;
	host: Host;
	/** The body's chatId, for fault matching and the request log. */
	chatId: unknown;
	/** performance.now() when the request is decided. */
	at: number;
	request: Omit<MethodRequest, 'newId'>;
}

export interface Decision {
	method: string;
	outcome: Outcome;
}

function decodeSegment(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

export class Pipeline {
	readonly faults = new FaultBook();
	readonly quotas = new Quotas();
	readonly correspondents = new CorrespondentsQuota();
	readonly messages = new MessageLog();
	/** What waits to be sent: showMessagesQueue, getMessagesCount and clearMessagesQueue see it. */
	readonly outbox = new Outbox(this.messages);
	// Never reset: ids stay unique for the emulator's lifetime, across tests.
	private issued = 0;

	constructor(
		readonly limiter: RateLimiter,
		private readonly credentials: () => { idInstance: string; token: string },
	) {}

	clear(): void {
		this.faults.clear();
		this.quotas.clear();
		this.correspondents.clear();
		this.messages.clear();
		this.outbox.clear();
	}

	/** GREEN-API's ids are 16 upper-case hex digits starting BAE5. */
	newId(): string {
		this.issued++;
		return `BAE5${this.issued.toString(16).toUpperCase().padStart(12, '0')}`;
	}

	decide(inputs: Inputs): Decision {
		const { verb, path, host, chatId, at } = inputs;
		const route = ROUTE.exec(path);
		if (!route) return { method: '', outcome: text(404, 'Not Found') };
		const [, id, rawMethod, token] = route;
		const known = METHODS[rawMethod.toLowerCase()];
		if (!known || known.verb !== verb || (known.host ?? 'api') !== host) {
			return { method: known?.name ?? rawMethod, outcome: text(404, 'Not Found') };
		}
		const method = known.name;
		const { idInstance, token: expected } = this.credentials();
		if (decodeSegment(id) !== idInstance) return { method, outcome: text(403, 'Forbidden') };
		if (decodeSegment(token) !== expected) return { method, outcome: text(401, 'Unauthorized') };
		const ctx = { method, chatId, path, state: inputs.request.state };
		const fault = this.faults.take(method, chatId, 'before');
		if (fault) return { method, outcome: renderFault(fault, ctx) };
		if (!this.limiter.admit(method, at)) return { method, outcome: text(429, 'Too Many Requests') };
		const exceeded = this.quotas.exceeded(method);
		if (exceeded) return { method, outcome: exceeded };
		const query = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
		const { queued, effect, ...answer } = known.serve({ ...inputs.request, query, outbox: this.outbox, newId: () => this.newId() });
		if (answer.status !== 200) return { method, outcome: answer };
		if (queued) {
			const sends = SEND_METHODS.has(method);
			const over = sends ? this.correspondents.exceeded(queued.chatId) : undefined;
			if (over) return { method, outcome: over };
			if (sends) this.correspondents.record(queued.chatId);
			this.messages.add(at, method, queued);
		}
		effect?.();
		this.quotas.count(method);
		const after = this.faults.take(method, chatId, 'after');
		return { method, outcome: after ? renderApplied(after, answer, ctx) : answer };
	}
}
