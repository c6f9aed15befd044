import { sharedDispatcher } from '../transport/dispatcher';
import { GreenApiError } from '../transport/failures';
import type { Tuning } from './options';

export interface DownloadedFile {
	data: Buffer;
	mimeType?: string;
	extension: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/gif': '.gif' };

/**
 * A file GREEN-API points to (an avatar on WhatsApp's CDN), through the same dispatcher,
 * proxy settings, size cap, timeout and retries as API calls; no rate limit, as it is not
 * GREEN-API that serves it. Messages name the host only.
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
	let status: number;
	let headers: Record<string, string | string[] | undefined>;
	let data: Buffer;
	try {
		const response = await sharedDispatcher().request({
			origin: target.origin,
			path: `${target.pathname}${target.search}`,
			method: 'GET',
			headersTimeout: tuning.timeoutMs,
			bodyTimeout: tuning.timeoutMs,
			signal,
			retryOptions: { maxRetries: tuning.retries },
		} as Parameters<ReturnType<typeof sharedDispatcher>['request']>[0]);
		status = response.statusCode;
		headers = response.headers;
		data = Buffer.from(await response.body.arrayBuffer());
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		throw failure(`Could not download the avatar from ${target.host}`, `Error code: ${typeof code === 'string' ? code : 'none'}. Run again later, or turn off "Download Image".`);
	}
	if (status < 200 || status >= 300) {
		throw failure(`Downloading the avatar from ${target.host} answered HTTP ${status}`, 'WhatsApp avatar links expire: run the operation again for a fresh link.', String(status));
	}
	const type = headers['content-type'];
	const mimeType = (Array.isArray(type) ? type[0] : type)?.split(';')[0].trim() || undefined;
	return { data, mimeType, extension: (mimeType && EXTENSIONS[mimeType]) ?? '.jpg' };
}

function failure(message: string, description: string, httpCode?: string): GreenApiError {
	return new GreenApiError(message, description, httpCode);
}
