// A small streaming multipart/form-data parser: the file part is hashed as it arrives and never held
// whole (busboy is not a dependency, and undici's Response.formData() buffers the body).
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

export interface UploadedFile {
	field: string;
	filename: string;
	mimeType?: string;
	size: number;
	sha256: string;
	bytes?: Buffer;
}

/** A parsed form: text fields by name, and the file part (the first one with a filename). */
export interface UploadForm {
	fields: Record<string, string>;
	file?: UploadedFile;
	peakBufferedBytes: number;
}

export interface MultipartLimits {
	/** File bytes beyond this fail with 'tooLarge'. */
	maxFileBytes: number;
	/** Files up to this size keep their bytes. */
	keepBytes: number;
}

export type MultipartError = 'tooLarge' | 'malformed';

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 1024 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data Content-Type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match?.[1] ?? match?.[2];
}

function param(header: string, name: string): string | undefined {
	const match = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
	if (!match) return undefined;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}

interface Part {
	name: string;
	filename?: string;
	mimeType?: string;
	chunks: Buffer[]; // text fields only
	size: number;
	hash?: Hash;
}

export class MultipartParser {
	private readonly delimiter: Buffer; // CRLF--boundary, between parts
	private state: 'preamble' | 'headers' | 'body' | 'afterDelimiter' | 'done' = 'preamble';
	private pending: Buffer = Buffer.alloc(0);
	private part: Part | undefined;
	private readonly form: UploadForm = { fields: {}, peakBufferedBytes: 0 };
	error: MultipartError | undefined;

	constructor(
		boundary: string,
		private readonly limits: MultipartLimits,
	) {
		this.delimiter = Buffer.from(`\r\n--${boundary}`);
		// The first boundary has no CRLF before it: pretend it had one.
		this.pending = Buffer.from('\r\n');
	}

	write(chunk: Buffer): void {
		if (this.error || this.state === 'done') return;
		this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
		this.form.peakBufferedBytes = Math.max(this.form.peakBufferedBytes, this.pending.length);
		this.advance();
		// Only a short tail (a partial delimiter or headers) stays between chunks: copied, so no chunk is retained.
		this.pending = Buffer.from(this.pending);
	}

	/** The form once the body ended, or the reason it cannot be one. */
	end(): UploadForm | MultipartError {
		if (this.error) return this.error;
		if (this.state !== 'done') return 'malformed';
		return this.form;
	}

	private fail(error: MultipartError): void {
		this.error = error;
		this.pending = Buffer.alloc(0);
		this.part = undefined;
	}

	private advance(): void {
		for (;;) {
			if (this.error) return;
			switch (this.state) {
				case 'preamble':
				case 'body': {
					const at = this.pending.indexOf(this.delimiter);
					if (at < 0) {
						// Keep what could be the start of a delimiter; the rest is data.
						const safe = Math.max(0, this.pending.length - (this.delimiter.length - 1));
						if (this.state === 'body') this.data(this.pending.subarray(0, safe));
						this.pending = this.pending.subarray(safe);
						return;
					}
					if (this.state === 'body') {
						this.data(this.pending.subarray(0, at));
						this.finishPart();
					}
					this.pending = this.pending.subarray(at + this.delimiter.length);
					this.state = 'afterDelimiter';
					break;
				}
				case 'afterDelimiter': {
					if (this.pending.length < 2) return;
					const two = this.pending.subarray(0, 2).toString('latin1');
					if (two === '--') {
						this.state = 'done';
						this.pending = Buffer.alloc(0);
						return;
					}
					if (two !== '\r\n') return this.fail('malformed');
					this.pending = this.pending.subarray(2);
					this.state = 'headers';
					break;
				}
				case 'headers': {
					const end = this.pending.indexOf(CRLF2);
					if (end < 0) {
						if (this.pending.length > MAX_HEADER_BYTES) this.fail('malformed');
						return;
					}
					if (!this.startPart(this.pending.subarray(0, end).toString('utf8'))) return this.fail('malformed');
					this.pending = this.pending.subarray(end + CRLF2.length);
					this.state = 'body';
					break;
				}
				case 'done':
					this.pending = Buffer.alloc(0);
					return;
			}
		}
	}

	private startPart(head: string): boolean {
		const headers = new Map<string, string>();
		for (const line of head.split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
		}
		const disposition = headers.get('content-disposition');
		if (!disposition || !/^form-data\b/i.test(disposition)) return false;
		const name = param(disposition, 'name');
		if (name === undefined) return false;
		const filename = param(disposition, 'filename');
		this.part = { name, filename, mimeType: headers.get('content-type'), chunks: [], size: 0 };
		if (filename !== undefined && !this.form.file) this.part.hash = createHash('sha256');
		return true;
	}

	private data(bytes: Buffer): void {
		const part = this.part;
		if (!part || bytes.length === 0) return;
		part.size += bytes.length;
		if (part.hash) {
			if (part.size > this.limits.maxFileBytes) return this.fail('tooLarge');
			part.hash.update(bytes);
			if (part.size <= this.limits.keepBytes) part.chunks.push(Buffer.from(bytes));
			else part.chunks = [];
			return;
		}
		if (part.filename !== undefined) return; // a second file: GREEN-API sends one file per message
		if (part.size > MAX_FIELD_BYTES) return this.fail('malformed');
		part.chunks.push(Buffer.from(bytes));
	}

	private finishPart(): void {
		const part = this.part;
		this.part = undefined;
		if (!part) return;
		if (part.hash) {
			this.form.file = {
				field: part.name,
				filename: part.filename ?? '',
				mimeType: part.mimeType,
				size: part.size,
				sha256: part.hash.digest('hex'),
				bytes: part.size <= this.limits.keepBytes && this.limits.keepBytes > 0 ? Buffer.concat(part.chunks) : undefined,
			};
		} else if (part.filename === undefined) {
			this.form.fields[part.name] = Buffer.concat(part.chunks).toString('utf8');
		}
	}
}
