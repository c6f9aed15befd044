import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultBook, renderFault, writeBody } from './faults';
import { METHODS } from './methods';
import { AVATAR_JPEG, AVATAR_PATH } from './methods/getAvatar';
import { NotificationQueue } from './notifications';
import { Quotas } from './quotas';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './stats';
import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, text } from './types';
import type {
	EmulatorOptions,
	Fault,
	Outcome,
	RecordedStatus,
	RequestFilter,
	RequestRecord,
} from './types';

const ROUTE = /^\/waInstance([^/?]*)\/([^/?]*)\/([^/?]*)(?:\?.*)?$/;

function bodyChatId(raw: string): unknown {
	try {
		const parsed: unknown = JSON.parse(raw);
		if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
			const fields = parsed as Record<string, unknown>;
			return fields.chatId ?? fields.groupId;
		}
	} catch {
		// Unparsable bodies simply have no chatId; validation answers them later.
	}
	return undefined;
}

function decodeSegment(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

export class GreenApiEmulator {
	readonly url: string;
	readonly idInstance: string;
	readonly token: string;
	private readonly log = new RequestLog();
	private readonly faults = new FaultBook();
	private readonly limiter: RateLimiter;
	private readonly overrides = new Map<string, Record<string, unknown> | string>();
	private readonly quotas = new Quotas();
	private contactList: Record<string, unknown>[] | undefined;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private latencyMs = 0;
	private state = 'authorized';
	private closed = false;
	/** receiveNotification, deleteNotification, getSettings, setSettings and webhook delivery. */
	readonly notifications: NotificationQueue;

	private constructor(
		private readonly server: Server,
		private readonly options: EmulatorOptions,
	) {
		const { port } = server.address() as AddressInfo;
		this.url = `http://127.0.0.1:${port}`;
		this.idInstance = options.idInstance ?? EMULATOR_ID_INSTANCE;
		this.token = options.token ?? EMULATOR_TOKEN;
		this.limiter = new RateLimiter(options.rateLimits);
		this.notifications = new NotificationQueue({
			idInstance: this.idInstance,
			token: this.token,
			log: (at, method, status) => this.log.add(at, method, undefined, status),
			fault: (method, path) => {
				const fault = this.faults.take(method, undefined);
				return fault && renderFault(fault, { method, chatId: undefined, path, state: this.state });
			},
			admit: (method, at) => this.limiter.admit(method, at),
			send: (req, res, outcome) => this.deliver(req, res, outcome),
		});
		this.reset();
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		server.on('request', (req: IncomingMessage, res: ServerResponse) => this.receive(req, res));
	}

	static async start(options: EmulatorOptions & { port?: number } = {}): Promise<GreenApiEmulator> {
		const server = createServer();
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		return new GreenApiEmulator(server, { ...options });
	}

	get requests(): RequestRecord[] {
		return this.log.records;
	}

	setRateLimit(method: string, perSecond: number): void {
		this.limiter.set(method, perSecond);
	}

	setLatency(ms: number): void {
		if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`latency must be a finite number >= 0, got ${ms}`);
		this.latencyMs = ms;
	}

	setState(state: string): void {
		this.state = state;
	}

	/** getContactInfo's answer for chatId: an object, or the raw body (e.g. nested deeper than JSON.stringify can go). */
	setContact(chatId: string, contact: Record<string, unknown> | string): void {
		this.overrides.set(chatId, contact);
	}

	/** getContacts' answer from now on (until reset). */
	setContactList(list: Record<string, unknown>[]): void {
		this.contactList = list;
	}

	/** After `total` answered requests of `method`, it answers 466 as the vendor does. */
	setQuota(method: string, total: number): void {
		this.quotas.set(method, total);
	}

	inject(fault: Fault): void {
		this.faults.inject(fault);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	count(filter?: RequestFilter): number {
		return this.log.count(filter);
	}

	statusCounts(): Record<string, number> {
		return this.log.statusCounts();
	}

	reset(): void {
		// First: it answers the long polls still waiting, and those answers are not this test's.
		this.notifications.reset();
		this.faults.clear();
		this.log.clear();
		this.overrides.clear();
		this.quotas.clear();
		this.contactList = undefined;
		this.limiter.configure(this.options.rateLimits ?? {});
		this.setLatency(this.options.latencyMs ?? 0);
		this.state = this.options.stateInstance ?? 'authorized';
	}

	async close(): Promise<void> {
		this.closed = true;
		this.notifications.close();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		// Hanging and keep-alive sockets would otherwise hold server.close() (and jest) open.
		for (const socket of this.sockets) socket.destroy();
		this.server.closeAllConnections();
		await closed;
	}

	private receive(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', () => undefined); // a client that goes away mid-body is not our failure
		req.on('end', () => {
			// "Arrival" is when the request is complete: that keeps times monotonic for the rate limiter.
			const at = performance.now();
			const body = Buffer.concat(chunks).toString('utf8');
			const path = req.url ?? '/';
			if (path.startsWith(AVATAR_PATH)) return this.serveAvatar(res);
			if (this.notifications.handle(req, res, path, body, at)) return;
			const chatId = bodyChatId(body);
			const { method, outcome } = this.decide(req.method ?? 'GET', path, body, chatId, at);
			const status: RecordedStatus = 'kind' in outcome ? outcome.kind : outcome.status;
			this.log.add(at, method, chatId, status);
			this.deliver(req, res, outcome);
		});
	}

	private decide(verb: string, path: string, body: string, chatId: unknown, at: number): { method: string; outcome: Outcome } {
		const route = ROUTE.exec(path);
		if (!route) return { method: '', outcome: text(404, 'Not Found') };
		const [, id, rawMethod, token] = route;
		const known = METHODS[rawMethod.toLowerCase()];
		if (!known || known.verb !== verb) return { method: known?.name ?? rawMethod, outcome: text(404, 'Not Found') };
		const method = known.name;
		if (decodeSegment(id) !== this.idInstance) return { method, outcome: text(403, 'Forbidden') };
		if (decodeSegment(token) !== this.token) return { method, outcome: text(401, 'Unauthorized') };
		const fault = this.faults.take(method, chatId);
		if (fault) return { method, outcome: renderFault(fault, { method, chatId, path, state: this.state }) };
		if (!this.limiter.admit(method, at)) return { method, outcome: text(429, 'Too Many Requests') };
		const exceeded = this.quotas.exceeded(method);
		if (exceeded) return { method, outcome: exceeded };
		const answer = known.serve({ body, state: this.state, baseUrl: this.url, contacts: this.overrides, contactList: this.contactList });
		if (answer.status === 200) this.quotas.count(method);
		return { method, outcome: answer };
	}

	/** The avatar pictures getAvatar points to, as WhatsApp's CDN would serve them. */
	private serveAvatar(res: ServerResponse): void {
		if (this.closed || res.destroyed) return;
		res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': AVATAR_JPEG.length });
		res.end(AVATAR_JPEG);
	}

	private deliver(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
		if ('kind' in outcome) {
			// RST rather than FIN, so clients see ECONNRESET as from a dropped upstream connection.
			if (outcome.kind === 'reset') req.socket.resetAndDestroy();
			return; // 'hang': the response is never written; close() destroys the socket
		}
		const send = (): void => {
			if (this.closed || res.destroyed) return;
			res.writeHead(outcome.status, {
				'Content-Type': outcome.contentType,
				'Content-Length': Buffer.byteLength(outcome.body),
				...outcome.headers,
			});
			writeBody(res, outcome);
		};
		if (this.latencyMs <= 0) return send();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			send();
		}, this.latencyMs);
		this.timers.add(timer);
	}
}
