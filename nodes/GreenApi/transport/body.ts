import type { Readable } from 'node:stream';

import type { IDataObject } from 'n8n-workflow';

/**
 * A request body that is streamed, not held: an upload from n8n's binary data. Each attempt
 * opens it afresh (a stream read once cannot be sent again), and its length is known up
 * front, so GREEN-API gets a Content-Length instead of a chunked body.
 */
export interface StreamedBody {
	contentType: string;
	length: number;
	open(): Readable;
	/** Headers of the upload itself, e.g. uploadFile's GA-Filename. */
	headers?: Record<string, string>;
}

export type RequestBody = IDataObject | StreamedBody;

export function isStreamed(body: RequestBody | undefined): body is StreamedBody {
	return typeof body === 'object' && body !== null && typeof (body as Partial<StreamedBody>).open === 'function';
}

/** What one attempt writes: a JSON text can be written again as it is; a stream is reopened. */
export function bodyOf(body: RequestBody | undefined): { headers: Record<string, string>; open(): string | Readable | undefined } {
	if (body === undefined) return { headers: {}, open: () => undefined };
	if (isStreamed(body)) return { headers: { ...body.headers, 'content-type': body.contentType, 'content-length': String(body.length) }, open: () => body.open() };
	const json = JSON.stringify(body);
	return { headers: { 'content-type': 'application/json' }, open: () => json };
}
