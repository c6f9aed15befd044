import { pipeline, Transform } from 'node:stream';
import type { Readable } from 'node:stream';

import type { Dispatcher } from 'undici';

import type { DeadlineDispatchOptions } from './attemptDeadline';
import { fileDispatcher } from './dispatcher';

/** How long a file host may stay silent (before its answer, or between two chunks) within the whole deadline. */
export const STALL_MS = 30_000;

export interface FileLimits {
	maxBytes: number;
	/** The whole download, from sending the request to the last byte stored. */
	timeoutMs: number;
	signal?: AbortSignal;
}

/** What the file host said about the file before its bytes. */
export interface FileHead {
	mimeType?: string;
	/** The last segment of the link's path, decoded: GREEN-API's links end in the file's generated name. */
	linkName?: string;
}

/**
 * Why a download failed. `expired`: the link does not serve the file (no usable link, or
 * 403/404/410), so a fresh one from downloadFile may; anything else would fail again the same way.
 */
export class FileDownloadError extends Error {
	constructor(
		message: string,
		readonly reason: 'expired' | 'tooLarge' | 'failed',
	) {
		super(message);
		this.name = 'FileDownloadError';
	}
}

const EXPIRED = new Set([403, 404, 410]);

/**
 * Streams a received file from its host (GREEN-API's storage, a foreign host) into `store`
 * (n8n's prepareBinaryData), counting bytes as they pass: past `maxBytes` the download stops
 * and nothing more is read or held. The request carries no header of ours and the link has
 * no token, so nothing of the credential travels there; messages name the host, never the
 * path (a link is itself a capability). Resolves with what `store` made and the size.
 */
export async function streamFile<T>(url: string, limits: FileLimits, store: (body: Readable, head: FileHead) => Promise<T>): Promise<{ stored: T; bytes: number }> {
	const target = linkOf(url);
	const host = target.host;
	// Within a shorter deadline the deadline says it: one clock, one message.
	const stallMs = STALL_MS < limits.timeoutMs ? STALL_MS : limits.timeoutMs + 1000;
	let response: Dispatcher.ResponseData;
	try {
		response = await fileDispatcher().request({
			origin: target.origin,
			path: `${target.pathname}${target.search}`,
			method: 'GET',
			headersTimeout: stallMs,
			bodyTimeout: stallMs,
			attemptTimeoutMs: limits.timeoutMs,
			signal: limits.signal,
		} as Dispatcher.RequestOptions & DeadlineDispatchOptions);
	} catch (error) {
		throw transferFailure(error, host, limits, stallMs);
	}
	const { statusCode, headers, body } = response;
	if (statusCode < 200 || statusCode >= 300) {
		discard(body);
		const expired = EXPIRED.has(statusCode);
		throw new FileDownloadError(`The file host ${host} answered HTTP ${statusCode}${expired ? ': the download link has expired' : ''}`, expired ? 'expired' : 'failed');
	}
	const announced = Number(first(headers['content-length']));
	if (Number.isSafeInteger(announced) && announced > limits.maxBytes) {
		discard(body);
		throw new FileDownloadError(`The file is ${megabytes(announced)} MB, over the Max File Size of ${megabytes(limits.maxBytes)} MB`, 'tooLarge');
	}
	let bytes = 0;
	let over = false;
	const counted = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			if (bytes > limits.maxBytes) {
				over = true;
				done(new Error('over the size cap'));
			} else done(null, chunk);
		},
	});
	// pipeline destroys the host's body when the count stops (or the store fails): no more is read.
	let transferError: unknown;
	pipeline(body, counted, (error) => (transferError = error ?? transferError));
	try {
		const stored = await store(counted, { mimeType: first(headers['content-type'])?.split(';')[0].trim() || undefined, linkName: linkName(target) });
		return { stored, bytes };
	} catch (error) {
		counted.destroy();
		discard(body);
		throw over ? stoppedAtCap(limits.maxBytes) : transferFailure(transferError ?? error, host, limits, stallMs);
	}
}

/** Stops reading an answer we do not want; undici reports that as an error nobody needs to hear. */
function discard(body: Readable): void {
	body.on('error', () => undefined);
	body.destroy();
}

function linkOf(url: string): URL {
	let target: URL | undefined;
	try {
		target = new URL(url);
	} catch {
		target = undefined;
	}
	if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
		throw new FileDownloadError(url === '' ? 'The notification has no download link' : 'The download link is not an http(s) URL', 'expired');
	}
	return target;
}

function linkName(target: URL): string | undefined {
	const last = target.pathname.slice(target.pathname.lastIndexOf('/') + 1);
	try {
		return decodeURIComponent(last) || undefined;
	} catch {
		return last || undefined;
	}
}

function transferFailure(error: unknown, host: string, limits: FileLimits, stallMs: number): FileDownloadError {
	const code = String((error as { code?: unknown } | undefined)?.code ?? '');
	if (limits.signal?.aborted) return new FileDownloadError('The download was cancelled', 'failed');
	if (code === 'GREEN_API_ATTEMPT_TIMEOUT') return new FileDownloadError(`The file from ${host} did not arrive within ${seconds(limits.timeoutMs)} s`, 'failed');
	if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return new FileDownloadError(`The file host ${host} sent nothing for ${seconds(stallMs)} s`, 'failed');
	return new FileDownloadError(`Could not download the file from ${host} (error code: ${code || 'none'})`, 'failed');
}

function stoppedAtCap(maxBytes: number): FileDownloadError {
	return new FileDownloadError(`The file is larger than the Max File Size of ${megabytes(maxBytes)} MB (its host did not say how large; the download stopped there)`, 'tooLarge');
}

function first(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

export function megabytes(bytes: number): string {
	return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}

function seconds(ms: number): string {
	return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
}
