import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import type { StreamedBody } from './body';

/** A file to upload: its bytes are opened per attempt and streamed, never held whole. */
export interface UploadFile {
	fileName: string;
	mimeType: string;
	length: number;
	open(): Readable;
}

/**
 * multipart/form-data with text fields and one file part, as GREEN-API's sendFileByUpload
 * takes it. Built by hand because undici's FormData wants a Blob (the whole file in memory),
 * and streamed with an exact Content-Length, so a 100 MB file costs a chunk of memory.
 */
export function multipartBody(fields: Record<string, string | undefined>, fileField: string, file: UploadFile): StreamedBody {
	const boundary = `----n8nGreenApi${randomBytes(12).toString('hex')}`;
	const head = Object.entries(fields)
		.filter((entry): entry is [string, string] => entry[1] !== undefined)
		.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
		.join('');
	const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${quoted(file.fileName)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`;
	const before = Buffer.from(head + fileHead, 'utf8');
	const after = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		length: before.length + file.length + after.length,
		open: () =>
			Readable.from(
				(async function* () {
					yield before;
					yield* file.open();
					yield after;
				})(),
				{ objectMode: false },
			),
	};
}

/** As browsers write a file name: UTF-8 as it is, with quotes and line breaks escaped. */
function quoted(name: string): string {
	return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
