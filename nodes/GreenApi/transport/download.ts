import type { Dispatcher } from 'undici';

import type { Tuning } from '../helpers/options';
import type { DeadlineDispatchOptions } from './attemptDeadline';
import { MAX_RESPONSE_BYTES, sharedDispatcher } from './dispatcher';
import { GreenApiError } from './failures';

export interface DownloadedFile {
	data: Buffer;
	mimeType?: string;
	extension: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif' };

/**
 * A file GREEN-API points to (an avatar on WhatsApp's CDN), through the same dispatcher,
 * proxy settings, size cap and whole-attempt deadline as API calls. No rate limit, as it is
 * not GREEN-API that serves it, and one attempt only: a failed download fails the item,
 * whose avatar link is then stale anyway. Messages name the host only, never the path.
 */
export async function download(url: string, { tuning, signal }: { tuning: Tuning; signal?: AbortSignal }): Promise<DownloadedFile> {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		throw failure('GREEN-API answered an avatar URL that is not a URL', 'The picture cannot be downloaded; the item keeps urlAvatar as answered.');
	}
	if (target.protocol !== 'https:' && target.protocol !== 'http:') {
		throw failure(`GREEN-API answered an avatar URL starting with ${target.protocol}//`, 'Only http(s) pictures can be downloaded.');
	}
	let status = 0;
	let headers: Record<string, string | string[] | undefined> = {};
	let data: Buffer;
	try {
		const response = await sharedDispatcher().request({
			origin: target.origin,
			path: `${target.pathname}${target.search}`,
			method: 'GET',
			headersTimeout: tuning.timeoutMs,
			bodyTimeout: tuning.timeoutMs,
			attemptTimeoutMs: tuning.timeoutMs,
			signal,
		} as Dispatcher.RequestOptions & DeadlineDispatchOptions);
		status = response.statusCode;
		headers = response.headers;
		data = Buffer.from(await response.body.arrayBuffer());
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') throw tooLarge(target.host, headers['content-length']);
		throw failure(`Could not download the avatar from ${target.host}`, `Error code: ${typeof code === 'string' ? code : 'none'}. Run again later, or turn off "Download Image".`);
	}
	if (status < 200 || status >= 300) {
		throw failure(`Downloading the avatar from ${target.host} answered HTTP ${status}`, 'WhatsApp avatar links expire: run the operation again for a fresh link.', String(status));
	}
	const type = headers['content-type'];
	const mimeType = (Array.isArray(type) ? type[0] : type)?.split(';')[0].trim() || undefined;
	return { data, mimeType, extension: (mimeType && EXTENSIONS[mimeType]) ?? '.jpg' };
}

/** Running again would fetch the same file: say how large it is instead. */
function tooLarge(host: string, contentLength: string | string[] | undefined): GreenApiError {
	const capMb = MAX_RESPONSE_BYTES / 1024 / 1024;
	const announced = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
	const size =
		Number.isSafeInteger(announced) && announced > MAX_RESPONSE_BYTES
			? `${megabytes(announced)} MB, ${megabytes(announced - MAX_RESPONSE_BYTES)} MB over the ${capMb} MB cap`
			: `more than the ${capMb} MB cap; the server did not say how much more`;
	return failure(`The avatar from ${host} is too large to download: ${size}`, 'The cap protects n8n\'s memory. Turn off "Download Image" and keep urlAvatar instead.');
}

function megabytes(bytes: number): string {
	return (bytes / 1024 / 1024).toFixed(1);
}

function failure(message: string, description: string, httpCode?: string): GreenApiError {
	return new GreenApiError(message, description, httpCode);
}
