import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryFile } from '../../helpers/binaryFile';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import type { SendContext } from '../../helpers/sendRunner';
import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import { NO_MEDIA_HOST } from '../../transport/connection';
import type { Connection } from '../../transport/connection';
import { GreenApiError } from '../../transport/failures';
import type { UploadFile } from '../../transport/multipart';
import { readUrl } from '../message/sendFile.operation';
import { MAY_HAVE_POSTED } from './shared';

/**
 * The file of a voice or media status. GREEN-API's status methods take only a link
 * (urlFile), no upload: a file from n8n binary data is first streamed to the media host's
 * uploadFile, and its answer's link is what the status carries.
 */
export type StatusFile = { source: 'binary'; file: UploadFile } | { source: 'url'; urlFile: string; fileName: string };

const fromBinary = { show: { fileSource: ['binary'] } };
const fromUrl = { show: { fileSource: ['url'] } };

export function fileProperties(what: string, placeholder: string): INodeProperties[] {
	return [
		{
			displayName: 'File Source',
			name: 'fileSource',
			type: 'options',
			options: [
				{ name: 'N8n Binary Data', value: 'binary', description: "Upload the item's file to GREEN-API's media host first, then post its link" },
				{ name: 'URL', value: 'url', description: 'GREEN-API downloads the file from a public, direct link' },
			],
			default: 'binary',
		},
		{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true, displayOptions: fromBinary, hint: `The name of the binary field that holds the ${what}` },
		{
			displayName: 'File URL',
			name: 'urlFile',
			type: 'string',
			default: '',
			required: true,
			displayOptions: fromUrl,
			placeholder,
			hint: 'A direct link that shows the file in a browser, not one that downloads it: with a download link GREEN-API answers OK but posts nothing',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: "Its extension tells WhatsApp the file's type. Empty: the binary's own name, or the link's last part.",
		},
	];
}

export async function readStatusFile(item: ItemParameters, context: IExecuteFunctions, connection: Connection): Promise<StatusFile> {
	const fileName = (item.value('fileName', 'File Name', '') as string | undefined) || undefined;
	if (item.value('fileSource', 'File Source', 'binary') === 'url') {
		const urlFile = readUrl(item);
		const name = fileName ?? decodeURIComponent(new URL(urlFile).pathname.split('/').pop() ?? '');
		if (!/\.[a-z0-9]{1,10}$/i.test(name)) throw refuse(`File Name "${name.slice(0, 80)}" has no extension: WhatsApp decides the file's type by it. Write it, e.g. voice.mp3`, { fileName: name.slice(0, 80) });
		return { source: 'url', urlFile, fileName: name };
	}
	// A credential problem, said before the first send rather than at the first upload.
	if (!connection.media) throw refuse(NO_MEDIA_HOST);
	const field = String(item.value('binaryPropertyName', 'Input Binary Field', 'data') ?? '').trim() || 'data';
	return { source: 'binary', file: await binaryFile(context, item.index, field, fileName) };
}

export const fileNameOf = (file: StatusFile) => (file.source === 'binary' ? file.file.fileName : file.fileName);

const UPLOADED_FIELDS = fieldRules({ urlFile: { type: 'string' } });

function parseUploaded(json: unknown): IDataObject & { urlFile: string } {
	const answer = conform(expectObject(json, 'the link of the uploaded file'), UPLOADED_FIELDS);
	if (typeof answer.urlFile !== 'string' || answer.urlFile === '') throw new UnexpectedAnswerError('GREEN-API answered the upload without the urlFile of the file');
	return answer as IDataObject & { urlFile: string };
}

/**
 * The link the status carries: the given one, or the uploaded file's. A failed upload posts
 * nothing, whatever its answer was, so it ends "notSent", never "unknown".
 */
export async function linkOf(send: SendContext, file: StatusFile): Promise<{ urlFile: string; fileName: string; fileSize?: number }> {
	if (file.source === 'url') return { urlFile: file.urlFile, fileName: file.fileName };
	const { file: upload } = file;
	const body = { contentType: upload.mimeType, length: upload.length, open: upload.open, headers: { 'GA-Filename': encodeURIComponent(upload.fileName) } };
	try {
		const { urlFile } = await send.call('uploadFile', body, parseUploaded, { host: 'media' });
		return { urlFile, fileName: upload.fileName, fileSize: upload.length };
	} catch (error) {
		// Not a node error yet: the send runner turns every failure into one (errors.ts toNodeError).
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		if (!(error instanceof GreenApiError)) throw error;
		// The runner's 'may have been posted' does not hold for an upload: only the status could post.
		const message = `Not posted: uploading the file to GREEN-API's media host failed (${error.message.replace(`. ${MAY_HAVE_POSTED}`, '')})`;
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw new GreenApiError(message, `${error.description} No status was sent for this item.`.trim(), error.httpCode, error.fatal, 'notSent');
	}
}
