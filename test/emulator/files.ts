// The file host that incoming media notifications and downloadFile point to: GREEN-API keeps
// received files on a storage host of its own, foreign to the node, reached without the token.
// Served on the media port under FILES_PATH; every request is recorded (path and headers) so
// tests can prove that nothing of the credential travels there.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export const FILES_PATH = '/incoming/';

export interface StoredFile {
	bytes: Buffer;
	/** The Content-Type the host answers with. */
	mimeType: string;
	/** The last segment of every link to it, after the link's own id. */
	extension: string;
	/** The chat the message was in: downloadFile finds the file by chat and message. */
	chatId: string;
}

export interface FileRequest {
	at: number;
	/** As the client wrote it (the link's path). */
	path: string;
	headers: IncomingHttpHeaders;
	status: number | 'hang';
	/** Body bytes written before the answer ended or the client hung up. */
	bytesSent: number;
	/** The whole body went out. */
	complete: boolean;
}

/**
 * Applied to the next file requests, in insertion order: 'hang' never answers, 'trickle' sends
 * `chunkBytes` every `intervalMs`, 'noLength' answers without Content-Length (chunked), 'status'
 * answers `status` with no file.
 */
export interface FileFault {
	kind: 'hang' | 'trickle' | 'noLength' | 'status';
	times?: number;
	status?: number;
	intervalMs?: number;
	chunkBytes?: number;
}

/** What downloadFile learns from the host: a fresh link, or why there is none. */
export type LinkAnswer = { url: string } | { missing: 'unknown' | 'gone' };

const CHUNK_BYTES = 64 * 1024;

export class FileHost {
	readonly requests: FileRequest[] = [];
	private readonly files = new Map<string, StoredFile>();
	/** Link id → the message whose file it serves; expired links answer 404. */
	private readonly links = new Map<string, { idMessage: string; expired: boolean }>();
	/** Messages whose file WhatsApp no longer has: downloadFile answers 500. */
	private readonly gone = new Set<string>();
	private faults: { fault: FileFault; left: number }[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly baseUrl: () => string) {}

	/** Keeps `file` as the media of message `idMessage` and returns a link to it (already expired if asked). */
	store(idMessage: string, file: StoredFile, options: { expired?: boolean } = {}): string {
		this.files.set(idMessage, file);
		return this.link(idMessage, options.expired === true);
	}

	/** downloadFile: a fresh link to the file of this message in this chat. */
	freshLink(chatId: string, idMessage: string): LinkAnswer {
		const file = this.files.get(idMessage);
		if (!file || file.chatId !== chatId) return { missing: 'unknown' };
		if (this.gone.has(idMessage)) return { missing: 'gone' };
		return { url: this.link(idMessage, false) };
	}

	/** Every link to this message's file answers 404 from now on (a fresh one from downloadFile works). */
	expire(idMessage: string): void {
		for (const link of this.links.values()) if (link.idMessage === idMessage) link.expired = true;
	}

	/** As WhatsApp dropping the file: links answer 410 and downloadFile answers 500. */
	forget(idMessage: string): void {
		this.gone.add(idMessage);
	}

	fault(fault: FileFault): void {
		this.faults.push({ fault: { ...fault }, left: fault.times ?? Infinity });
	}

	reset(): void {
		this.requests.length = 0;
		this.files.clear();
		this.links.clear();
		this.gone.clear();
		this.faults = [];
		for (const timer of this.timers) clearInterval(timer);
		this.timers.clear();
	}

	/** True when the request is a file request (it is then answered). */
	handle(req: IncomingMessage, res: ServerResponse): boolean {
		const path = req.url ?? '/';
		if (req.method !== 'GET' || !path.startsWith(FILES_PATH)) return false;
		const record: FileRequest = { at: performance.now(), path, headers: { ...req.headers }, status: 404, bytesSent: 0, complete: false };
		this.requests.push(record);
		const link = this.links.get(path.slice(FILES_PATH.length).replace(/\.[^.]*$/, ''));
		const file = link && this.files.get(link.idMessage);
		const fault = this.take();
		if (fault?.kind === 'hang') {
			record.status = 'hang';
			return true; // close() destroys the socket
		}
		const status = fault?.kind === 'status' ? (fault.status ?? 500) : !file || !link ? 404 : this.gone.has(link.idMessage) ? 410 : link.expired ? 404 : 200;
		record.status = status;
		if (status !== 200 || !file) {
			res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
			res.end(status === 404 ? 'Not Found' : 'Gone');
			return true;
		}
		const lengthKnown = fault?.kind !== 'noLength';
		res.writeHead(200, { 'Content-Type': file.mimeType, ...(lengthKnown ? { 'Content-Length': String(file.bytes.length) } : {}) });
		if (fault?.kind === 'trickle') this.trickle(res, file.bytes, record, fault);
		else this.pump(res, file.bytes, record);
		return true;
	}

	private link(idMessage: string, expired: boolean): string {
		const id = randomUUID();
		this.links.set(id, { idMessage, expired });
		return `${this.baseUrl()}${FILES_PATH}${id}${this.files.get(idMessage)?.extension ?? ''}`;
	}

	private take(): FileFault | undefined {
		const armed = this.faults.find((entry) => entry.left > 0);
		if (armed) armed.left--;
		return armed?.fault;
	}

	/** Chunks with back-pressure, so a client that stops reading stops the host too (bytesSent shows where). */
	private pump(res: ServerResponse, bytes: Buffer, record: FileRequest): void {
		const next = (): void => {
			while (record.bytesSent < bytes.length && !res.destroyed) {
				const chunk = bytes.subarray(record.bytesSent, record.bytesSent + CHUNK_BYTES);
				record.bytesSent += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', next);
			}
			if (res.destroyed) return;
			record.complete = true;
			res.end();
		};
		next();
	}

	private trickle(res: ServerResponse, bytes: Buffer, record: FileRequest, fault: FileFault): void {
		const size = fault.chunkBytes ?? 1;
		const timer = setInterval(() => {
			if (res.destroyed || record.bytesSent >= bytes.length) {
				clearInterval(timer);
				this.timers.delete(timer);
				if (!res.destroyed) {
					record.complete = true;
					res.end();
				}
				return;
			}
			const chunk = bytes.subarray(record.bytesSent, record.bytesSent + size);
			record.bytesSent += chunk.length;
			res.write(chunk);
		}, fault.intervalMs ?? 500);
		this.timers.add(timer);
		res.on('close', () => {
			clearInterval(timer);
			this.timers.delete(timer);
		});
	}
}
