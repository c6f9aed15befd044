// uploadFile's body: the file's raw bytes (no form), its type in Content-Type and, when the type
// does not tell, its name in GA-Filename. Hashed as it streams, as the multipart parser does.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

import type { MultipartError, UploadForm } from './multipart';

export class RawUpload {
	private readonly hash = createHash('sha256');
	private size = 0;

	constructor(
		private readonly headers: IncomingHttpHeaders,
		private readonly maxBytes: number,
	) {}

	write(chunk: Buffer): void {
		this.size += chunk.length;
		if (this.size <= this.maxBytes) this.hash.update(chunk);
	}

	end(): UploadForm | MultipartError {
		if (this.size > this.maxBytes) return 'tooLarge';
		const header = this.headers['ga-filename'];
		const name = typeof header === 'string' ? safeDecode(header) : '';
		const mimeType = this.headers['content-type'];
		return { fields: {}, file: { field: 'raw', filename: name, size: this.size, sha256: this.hash.digest('hex'), ...(mimeType ? { mimeType } : {}) }, peakBufferedBytes: 0 };
	}
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
