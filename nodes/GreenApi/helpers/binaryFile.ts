import { Readable } from 'node:stream';

import type { IExecuteFunctions } from 'n8n-workflow';

import type { UploadFile } from '../transport/multipart';
import { refuse } from './errors';
import { SEND_LIMITS } from './sendRules';

/**
 * One item's binary file, ready to stream: n8n's stored binary data (filesystem, S3,
 * database) is read as a stream per attempt; only data n8n itself holds in memory is
 * taken from there. Its size is known before any send, so a file over GREEN-API's 100 MB is
 * refused before the first upload starts.
 */
export async function binaryFile(context: IExecuteFunctions, index: number, field: string, fileName: string | undefined): Promise<UploadFile> {
	const binary = context.getInputData()[index]?.binary?.[field];
	if (!binary) {
		const present = Object.keys(context.getInputData()[index]?.binary ?? {});
		throw refuse(
			`Input Binary Field "${field}" is not in this item${present.length ? `: it has ${present.map((name) => `"${name}"`).join(', ')}` : ': it has no binary data'}. Name the field that holds the file, or put a file into the item first (e.g. with Read/Write Files from Disk or HTTP Request)`,
			{ binaryPropertyName: field },
		);
	}
	const name = (fileName ?? '').trim() || binary.fileName || '';
	if (!/\.[a-z0-9]{1,10}$/i.test(name)) {
		throw refuse(`File Name "${name.slice(0, 80)}" has no extension: WhatsApp decides by it whether this is a picture, a video or a document. Write it, e.g. report.pdf`, { fileName: name.slice(0, 80) });
	}
	const mimeType = binary.mimeType || 'application/octet-stream';
	const file = binary.id ? await stored(context, binary.id, async () => await context.helpers.getBinaryDataBuffer(index, field)) : inMemory(Buffer.from(binary.data, 'base64'));
	if (file.length > SEND_LIMITS.fileBytes) {
		throw refuse(`The file is ${megabytes(file.length)} MB; GREEN-API takes files up to ${megabytes(SEND_LIMITS.fileBytes)} MB: send a smaller file, or a link to it`, { fileName: name, fileSize: file.length });
	}
	return { fileName: name, mimeType, ...file };
}

async function stored(context: IExecuteFunctions, id: string, whole: () => Promise<Buffer>): Promise<Pick<UploadFile, 'length' | 'open'>> {
	const { fileSize } = await context.helpers.getBinaryMetadata(id);
	// A store that does not know the size: read it once to learn it (Content-Length must be exact).
	if (!Number.isSafeInteger(fileSize) || fileSize < 0) return inMemory(await whole());
	return {
		length: fileSize,
		open: () =>
			Readable.from(
				(async function* () {
					yield* await context.helpers.getBinaryStream(id);
				})(),
			),
	};
}

function inMemory(bytes: Buffer): Pick<UploadFile, 'length' | 'open'> {
	return { length: bytes.length, open: () => Readable.from([bytes]) };
}

function megabytes(bytes: number): string {
	return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
