import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ChatStore } from './chats';
import { Delivery } from './delivery';
import { renderFault } from './faults';
import { FileHost } from './files';
import { GroupStore } from './groups';
import type { MessageLog } from './message-log';
import { AVATAR_JPEG, AVATAR_PATH } from './methods/getAvatar';
import { boundaryOf, MultipartParser } from './multipart';
import { NotificationQueue } from './notifications';
import type { QueueEntry } from './outbox';
import { Pipeline } from './pipeline';
import type { Inputs } from './pipeline';
import type { CorrespondentsSpelling } from './quotas';
import { RawUpload } from './raw-upload';
import { RateLimiter } from './rate-limit';
import { SendStatuses } from './send-statuses';
import { RequestLog } from './stats';
import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN } from './types';
import type { EmulatorOptions, Fault, RecordedStatus, RequestFilter, RequestRecord } from './types';

const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

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

async function listen(port: number | undefined): Promise<Server> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	return server;
}

function urlOf(server: Server): string {
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export class GreenApiEmulator {
	readonly url: string;
	/** The media host (sendFileByUpload only), a second port: GREEN-API's mediaUrl. */
	readonly mediaUrl: string;
	readonly idInstance: string;
	readonly token: string;
	private readonly log = new RequestLog();
	private readonly pipeline: Pipeline;
	private readonly delivery = new Delivery();
	private readonly overrides = new Map<string, Record<string, unknown> | string>();
	private contactList: Record<string, unknown>[] | undefined;
	private readonly sockets = new Set<Socket>();
	private state = 'authorized';
	/** After a reboot: performance.now() until which the instance is "starting", and the state it then returns to. */
	private rebootUntil = 0;
	private stateAfterReboot = 'authorized';
	/** How long a reboot keeps the instance "starting". */
	rebootMs = 300;
	private maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
	private keepUploadBytes = 0;
	/** receiveNotification, deleteNotification, getSettings, setSettings and webhook delivery. */
	readonly notifications: NotificationQueue;
	/** follow(): each queued send is followed by its outgoingMessageStatus notifications (sent → delivered → read). */
	readonly statuses: SendStatuses;
	/** Received files (incoming media, downloadFile's links), served on the media port without the token. */
	readonly files: FileHost;
	/** The groups Create Group made and the group methods changed (until reset): what getGroupData answers. */
	readonly groups = new GroupStore();
	/** The chats' journals (setHistory()) and state (archived, disappearing messages), until reset. */
	readonly chats = new ChatStore();

	private constructor(
		private readonly servers: { api: Server; media: Server },
		private readonly options: EmulatorOptions,
	) {
		this.url = urlOf(servers.api);
		this.mediaUrl = urlOf(servers.media);
		this.files = new FileHost(() => this.mediaUrl);
		this.idInstance = options.idInstance ?? EMULATOR_ID_INSTANCE;
		this.token = options.token ?? EMULATOR_TOKEN;
		this.pipeline = new Pipeline(new RateLimiter(options.rateLimits), () => ({ idInstance: this.idInstance, token: this.token }));
		this.notifications = new NotificationQueue({
			idInstance: this.idInstance,
			token: this.token,
			log: (at, method, status) => this.log.add(at, method, undefined, status),
			fault: (method, path) => {
				const fault = this.pipeline.faults.take(method, undefined);
				return fault && renderFault(fault, { method, chatId: undefined, path, state: this.stateInstance });
			},
			admit: (method, at) => this.pipeline.limiter.admit(method, at),
			send: (req, res, outcome) => this.delivery.send(req, res, outcome),
		});
		this.statuses = new SendStatuses(this.pipeline.messages, this.notifications, this.idInstance);
		this.reset();
		for (const server of [servers.api, servers.media]) {
			server.on('connection', (socket: Socket) => {
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
			});
		}
		for (const server of [servers.api, servers.media]) server.on('request', () => (this.lastArrival = performance.now()));
		servers.api.on('request', (req: IncomingMessage, res: ServerResponse) => this.receive(req, res));
		servers.media.on('request', (req: IncomingMessage, res: ServerResponse) => this.receiveMedia(req, res));
	}

	/** performance.now() of the last request to arrive on either host. */
	private lastArrival = 0;

	/**
	 * Resolves once no request has arrived for `ms`. A client that aborts a request it has
	 * written (a trigger stopped between tests) leaves it to arrive a moment later: waiting
	 * for quiet before a reset keeps it from taking the next test's faults or counts.
	 */
	async quiet(ms = 50): Promise<void> {
		for (;;) {
			// A poll phase first (setImmediate runs after it), so bytes already sent are read.
			await new Promise((resolve) => setImmediate(resolve));
			const idle = performance.now() - this.lastArrival;
			if (idle >= ms) return;
			await new Promise((resolve) => setTimeout(resolve, ms - idle));
		}
	}

	static async start(options: EmulatorOptions & { port?: number } = {}): Promise<GreenApiEmulator> {
		const api = await listen(options.port);
		const media = await listen(options.mediaPort).catch(async (error: unknown) => {
			await new Promise((resolve) => api.close(resolve));
			throw error;
		});
		return new GreenApiEmulator({ api, media }, { ...options });
	}

	get requests(): RequestRecord[] {
		return this.log.records;
	}

	/** What was accepted (queued), in order: all(), forChat(chatId), count(), clear(). */
	get messages(): MessageLog {
		return this.pipeline.messages;
	}

	/** What showMessagesQueue lists now (GREEN-API's shape), in the order it was queued. */
	get sendQueue(): QueueEntry[] {
		return this.pipeline.outbox.list();
	}

	setRateLimit(method: string, perSecond: number): void {
		this.pipeline.limiter.set(method, perSecond);
	}

	/** `ms` before every answer; with `jitterMs`, each request first waits a random 0..jitterMs (seeded when `seed` is given). */
	setLatency(ms: number, jitterMs = 0, seed?: number): void {
		this.delivery.setLatency(ms, jitterMs, seed);
	}

	setState(state: string): void {
		this.state = state;
		this.rebootUntil = 0;
	}

	/** The instance's state now: "starting" during a reboot, then what it was before. */
	get stateInstance(): string {
		if (this.rebootUntil !== 0 && performance.now() >= this.rebootUntil) {
			this.state = this.stateAfterReboot;
			this.rebootUntil = 0;
		}
		return this.state;
	}

	private reboot(): void {
		if (this.rebootUntil === 0) this.stateAfterReboot = this.state;
		this.state = 'starting';
		this.rebootUntil = performance.now() + this.rebootMs;
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
		this.pipeline.quotas.set(method, total);
	}

	/** Once `total` distinct chats got a message (since reset), a send to another chat answers 466 with correspondentsStatus. */
	setCorrespondentsQuota(total: number, spelling: CorrespondentsSpelling = 'CORRESPONDENTS_QUOTE_EXCEEDED'): void {
		this.pipeline.correspondents.set(total, spelling);
	}

	/** A file part larger than this answers 413 (until reset; default the maxUploadBytes option, else 100 MB). */
	setMaxUploadBytes(bytes: number): void {
		this.maxUploadBytes = bytes;
	}

	inject(fault: Fault): void {
		this.pipeline.faults.inject(fault);
	}

	clearFaults(): void {
		this.pipeline.faults.clear();
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
		this.statuses.reset();
		this.files.reset();
		this.groups.clear();
		this.chats.clear();
		this.pipeline.clear();
		this.log.clear();
		this.overrides.clear();
		this.contactList = undefined;
		this.pipeline.limiter.configure(this.options.rateLimits ?? {});
		this.setLatency(this.options.latencyMs ?? 0);
		this.state = this.options.stateInstance ?? 'authorized';
		this.rebootUntil = 0;
		this.rebootMs = 300;
		this.maxUploadBytes = this.options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
		this.keepUploadBytes = this.options.keepUploadBytes ?? 0;
	}

	async close(): Promise<void> {
		this.delivery.close();
		this.statuses.reset();
		this.notifications.close();
		const closed = Promise.all(
			[this.servers.api, this.servers.media].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
		);
		// Hanging and keep-alive sockets would otherwise hold server.close() (and jest) open.
		for (const socket of this.sockets) socket.destroy();
		this.servers.api.closeAllConnections();
		this.servers.media.closeAllConnections();
		await closed;
	}

	private receive(req: IncomingMessage, res: ServerResponse): void {
		// setGroupPicture: a multipart upload to the API host itself, parsed as the media host's are.
		if (boundaryOf(req.headers['content-type']) !== undefined) return this.receiveForm(req, res, 'api');
		const chunks: Buffer[] = [];
		// setProfilePicture uploads a multipart form to the API host: parsed as it streams, like the media host's.
		const boundary = boundaryOf(req.headers['content-type']);
		const parser = boundary === undefined ? undefined : new MultipartParser(boundary, { maxFileBytes: this.maxUploadBytes, keepBytes: this.keepUploadBytes });
		req.on('data', (chunk: Buffer) => (parser ? parser.write(chunk) : chunks.push(chunk)));
		req.on('error', () => undefined); // a client that goes away mid-body is not our failure
		req.on('end', () =>
			this.delivery.arrive(() => {
				// "Arrival" is when the request is decided: that keeps times monotonic for the rate limiter.
				const at = performance.now();
				const body = Buffer.concat(chunks).toString('utf8');
				const path = req.url ?? '/';
				if (path.startsWith(AVATAR_PATH)) return this.serveAvatar(res);
				if (this.notifications.handle(req, res, path, body, at)) return;
				const request = parser ? { ...this.methodRequest('', this.url), form: parser.end() } : this.methodRequest(body, this.url);
				this.settle(req, res, { verb: req.method ?? 'GET', path, host: 'api', chatId: bodyChatId(body), at, request });
			}),
		);
	}

	/** The media host: a multipart body is parsed as it streams (the file hashed, not held), then decided like any request. */
	private receiveMedia(req: IncomingMessage, res: ServerResponse): void {
		if (this.files.handle(req, res)) return;
		this.receiveForm(req, res, 'media');
	}

	private receiveForm(req: IncomingMessage, res: ServerResponse, host: 'api' | 'media'): void {
		const boundary = boundaryOf(req.headers['content-type']);
		const parser = boundary === undefined ? undefined : new MultipartParser(boundary, { maxFileBytes: this.maxUploadBytes, keepBytes: this.keepUploadBytes });
		// uploadFile: the raw bytes, hashed as they stream (its Content-Type is the file's own).
		const raw = parser ? undefined : new RawUpload(req.headers, this.maxUploadBytes);
		req.on('data', (chunk: Buffer) => (parser ? parser.write(chunk) : raw?.write(chunk)));
		req.on('error', () => undefined);
		req.on('end', () =>
			this.delivery.arrive(() => {
				const at = performance.now();
				const form = parser ? parser.end() : raw?.end();
				const chatId = typeof form === 'object' ? (form.fields.chatId ?? form.fields.groupId) : undefined;
				const request = { ...this.methodRequest('', host === 'media' ? this.mediaUrl : this.url), form };
				this.settle(req, res, { verb: req.method ?? 'GET', path: req.url ?? '/', host, chatId, at, request });
			}),
		);
	}

	private methodRequest(body: string, baseUrl: string): Inputs['request'] {
		const instance = { setState: (state: string) => this.setState(state), reboot: () => this.reboot() };
		return { body, state: this.stateInstance, baseUrl, contacts: this.overrides, contactList: this.contactList, files: this.files, groups: this.groups, chats: this.chats, instance };
	}

	private settle(req: IncomingMessage, res: ServerResponse, inputs: Inputs): void {
		const { method, outcome } = this.pipeline.decide(inputs);
		const status: RecordedStatus = 'kind' in outcome ? outcome.kind : outcome.status;
		this.log.add(inputs.at, method, inputs.chatId, status);
		this.delivery.send(req, res, outcome);
	}

	/** The avatar pictures getAvatar points to, as WhatsApp's CDN would serve them. */
	private serveAvatar(res: ServerResponse): void {
		if (res.destroyed) return;
		res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': AVATAR_JPEG.length });
		res.end(AVATAR_JPEG);
	}
}
