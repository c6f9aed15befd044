import type { IBinaryData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import { fileOptionProperties, readFileOptions } from '../../helpers/fileOptions';
import type { FileOptions } from '../../helpers/fileOptions';
import { readDownloadUrl, receiveFile } from '../../helpers/mediaFile';
import { runPerItem } from '../../helpers/runner';
import type { FetchContext } from '../../helpers/runner';
import { readMessageId } from '../../helpers/sendRules';
import { FileDownloadError } from '../../transport/fileStream';
import { GreenApiError } from '../../transport/failures';
import { optionsCollection } from '../common';
import { sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Download File',
	value: 'downloadFile',
	action: 'Download file',
	description: 'Get the file of a received or sent message (image, video, voice note, document, sticker) as binary data',
};

export const docs = 'https://green-api.com/en/docs/api/receiving/files/DownloadFile/';

const TIMEOUT_NAME = 'File Timeout (Seconds)';

export const properties: INodeProperties[] = [
	sendChatIdProperty('The chat the message is in. The default takes the chat of the incoming message from the GREEN-API Trigger.'),
	{
		displayName: 'Message ID',
		name: 'idMessage',
		type: 'string',
		required: true,
		default: '={{ $json.messageId }}',
		description: 'The idMessage of the message with the file. The default takes the incoming message from the GREEN-API Trigger.',
	},
	optionsCollection('downloadFile', fileOptionProperties(TIMEOUT_NAME)),
];

interface Asked {
	chatId: string;
	idMessage: string;
	file: FileOptions;
}

interface Downloaded {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	size: number;
}

/** What to do about each way a download fails: said under the message, as GreenApiError's description. */
const TODO: Record<FileDownloadError['reason'], string> = {
	expired: 'The link downloadFile just gave did not serve the file: run again for a fresh one; if that fails too, WhatsApp no longer has the file.',
	tooLarge: 'Raise Max File Size in the options (up to 2048 MB), or leave the file where it is.',
	failed: 'Run again later, or raise File Timeout in the options if the file is large.',
};

function asNodeFailure(error: unknown): unknown {
	return error instanceof FileDownloadError ? new GreenApiError(error.message, TODO[error.reason]) : error;
}

/** downloadFile for a fresh link, then the file itself, streamed into n8n's binary store. */
async function download(fetch: FetchContext, { chatId, idMessage, file }: Asked): Promise<Downloaded> {
	const url = await fetch.call({ chatId, idMessage }, readDownloadUrl);
	const prepare = async (data: Parameters<typeof fetch.context.helpers.prepareBinaryData>[0], name?: string, type?: string) => await fetch.context.helpers.prepareBinaryData(data, name, type);
	try {
		return await receiveFile(prepare, url, { messageId: idMessage }, { maxBytes: file.maxBytes, timeoutMs: file.timeoutMs, signal: fetch.signal });
	} catch (error) {
		throw asNodeFailure(error);
	}
}

export const execute = runPerItem<Asked, Downloaded>({
	method: 'downloadFile',
	read: (item) => {
		const chatId = item.chatId(['personal', 'group']);
		const idMessage = readMessageId(item, 'idMessage', 'Message ID') as string;
		const file = readFileOptions((item.value('options', 'Options', {}) ?? {}) as Record<string, never>, 'Options', TIMEOUT_NAME, []);
		if ('invalid' in file) throw refuse(file.invalid);
		return { chatId, idMessage, file };
	},
	keyOf: ({ chatId, idMessage }) => `${chatId}\n${idMessage}`,
	given: ({ chatId, idMessage }) => ({ chatId, messageId: idMessage }),
	fetch: download,
	toItems: ({ binary, fileName, mimeType, size }, { chatId, idMessage, file }) => [
		{ output: 0, item: { json: { chatId, messageId: idMessage, fileName, mimeType, size }, binary: { [file.field]: binary } } },
	],
	outputCount: () => 1,
});
