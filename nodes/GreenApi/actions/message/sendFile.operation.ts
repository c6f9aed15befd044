import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { binaryFile } from '../../helpers/binaryFile';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { readMessageId, readText, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { NO_MEDIA_HOST } from '../../transport/connection';
import type { Connection } from '../../transport/connection';
import { multipartBody } from '../../transport/multipart';
import type { UploadFile } from '../../transport/multipart';
import { optionsCollection } from '../common';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, quotedMessageOption, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send File',
	value: 'sendFile',
	action: 'Send file',
	description: 'Send a picture, video, audio or document from n8n binary data (uploaded) or from a link',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendFileByUpload/';

const fromBinary = { show: { fileSource: ['binary'] } };
const fromUrl = { show: { fileSource: ['url'] } };

export const properties: INodeProperties[] = [
	sendChatIdProperty(),
	{
		displayName: 'File Source',
		name: 'fileSource',
		type: 'options',
		options: [
			{ name: 'N8n Binary Data', value: 'binary', description: "Upload the item's file to GREEN-API's media host" },
			{ name: 'URL', value: 'url', description: 'GREEN-API downloads the file from a public link' },
		],
		default: 'binary',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: fromBinary,
		hint: 'The name of the binary field that holds the file',
	},
	{
		displayName: 'File URL',
		name: 'urlFile',
		type: 'string',
		default: '',
		required: true,
		displayOptions: fromUrl,
		placeholder: 'https://example.com/report.pdf',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'report.pdf',
		description: "Its extension decides how WhatsApp shows the file (picture, video, document). Empty: the binary's own name, or the link's last part.",
	},
	{
		displayName: 'Caption',
		name: 'caption',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: `Text under the file, up to ${SEND_LIMITS.caption.toLocaleString('en-US')} characters (shown for pictures and videos)`,
	},
	// Uploads of up to 100 MB take longer than a text: the timeout option is per attempt.
	optionsCollection('sendFile', [quotedMessageOption]),
];

type File = { chatId: string; caption?: string; quotedMessageId?: string } & ({ source: 'binary'; file: UploadFile } | { source: 'url'; urlFile: string; fileName: string });

async function read(item: ItemParameters, context: IExecuteFunctions, connection: Connection): Promise<File> {
	const chatId = item.chatId(['personal', 'group']);
	const caption = readText(item, 'caption', 'Caption', SEND_LIMITS.caption, true);
	const quotedMessageId = readMessageId(item, 'options.quotedMessageId', 'Quote Message ID', true);
	const fileName = (item.value('fileName', 'File Name', '') as string | undefined) || undefined;
	if (item.value('fileSource', 'File Source', 'binary') === 'url') {
		const urlFile = readUrl(item);
		return { chatId, caption, quotedMessageId, source: 'url', urlFile, fileName: fileName ?? decodeURIComponent(new URL(urlFile).pathname.split('/').pop() ?? '') };
	}
	// A credential problem, said before the first send rather than at the first upload.
	if (!connection.media) throw refuse(NO_MEDIA_HOST);
	const field = String(item.value('binaryPropertyName', 'Input Binary Field', 'data') ?? '').trim() || 'data';
	return { chatId, caption, quotedMessageId, source: 'binary', file: await binaryFile(context, item.index, field, fileName) };
}

/** An http(s) link GREEN-API downloads the file from (Send File, and the Status operations' media). */
export function readUrl(item: ItemParameters): string {
	const value = String(item.value('urlFile', 'File URL') ?? '').trim();
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		throw refuse(`File URL "${value.slice(0, 80)}" is not an http(s) link: GREEN-API downloads the file from it, so it must be public, e.g. https://example.com/report.pdf`, { urlFile: value.slice(0, 80) });
	}
	return url.href;
}

export const execute = runSends<File>({
	method: 'sendFile',
	unknown: MAY_HAVE_BEEN_SENT,
	read,
	chatOf: ({ chatId }) => chatId,
	given: (file) => ({ chatId: file.chatId, fileName: file.source === 'binary' ? file.file.fileName : file.fileName }),
	send: async ({ call }, file) => {
		const { chatId, caption, quotedMessageId } = file;
		if (file.source === 'url') {
			const answer = await call('sendFileByUrl', { chatId, urlFile: file.urlFile, fileName: file.fileName, caption, quotedMessageId }, parseSent);
			return queued(answer, chatId, { fileName: file.fileName });
		}
		const body = multipartBody({ chatId, fileName: file.file.fileName, caption, quotedMessageId }, 'file', file.file);
		const answer = await call('sendFileByUpload', body, parseSent, { host: 'media' });
		return queued(answer, chatId, { fileName: file.file.fileName, fileSize: file.file.length });
	},
});
