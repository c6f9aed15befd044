import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkChatIdFormat, checkContactBody, contactBody } from './contacts';
import { FaultBook, renderFault } from './faults';
import { NotificationQueue } from './notifications';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './stats';
import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, json, text } from './types';
import type {
	Answer,
	EmulatorOptions,
	Fault,
	Outcome,
	RecordedStatus,
	RequestFilter,
	RequestRecord,
} from './types';

const METHODS: Record<string, { name: string; verb: string }> = {
	getcontactinfo: { name: 'getContactInfo', verb: 'POST' },
	getstateinstance: { name: 'getStateInstance', verb: 'GET' },
};
// yellowCard only restricts sending, so reading contacts still works.
const SERVING_STATES = new Set(['authorized', 'yellowCard']);
const ROUTE = /^\/waInstance([^/?]*)\/([^/?]*)\/([^/?]*)(?:\?.*)?$/;

function bodyChatId(raw: string): unknown {
	try {
		const parsed: unknown = JSON.parse(raw);
		if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
			return (parsed as Record<string, unknown>).chatId;
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
	private readonly overrides = new Map<string, Record<string, unknown>>();
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

	setContact(chatId: string, contact: Record<string, unknown>): void {
		this.overrides.set(chatId, contact);
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
		if (method === 'getStateInstance') return { method, outcome: json(200, JSON.stringify({ stateInstance: this.state })) };
		return { method, outcome: this.contactInfo(body) };
	}

	private contactInfo(body: string): Answer {
		if (!SERVING_STATES.has(this.state)) {
			// The vendor's standard 400s for an instance that cannot serve requests.
			return text(400, this.state === 'starting' ? 'instance in starting process try later' : 'instance is starting or not authorized');
		}
		const check = checkContactBody(body);
		if (!check.ok) return text(check.status, check.message);
		const override = this.overrides.get(check.chatId);
		if (override) return json(200, JSON.stringify(override));
		const bad = checkChatIdFormat(check.chatId);
		if (bad) return text(bad.status, bad.message);
		return json(200, contactBody(check.chatId));
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
			res.end(outcome.body);
		};
		if (this.latencyMs <= 0) return send();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			send();
		}, this.latencyMs);
		this.timers.add(timer);
	}
}
