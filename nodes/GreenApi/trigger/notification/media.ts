import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { freshDownloadUrl, receiveFile } from '../../helpers/mediaFile';
import type { FileHints, FileSettings, PrepareBinaryData, ReceivedFile } from '../../helpers/mediaFile';
import type { Connection } from '../../transport/connection';
import { FileDownloadError } from '../../transport/fileStream';
import { quote } from '../../transport/redact';
import type { MediaSettings } from './mediaOptions';

/** The message kinds whose notification carries a file (fileMessageData.downloadUrl). */
export const MEDIA_MESSAGE_TYPES: ReadonlySet<string> = new Set(['imageMessage', 'videoMessage', 'audioMessage', 'documentMessage', 'stickerMessage']);

/** What Download Media needs from the mode it runs in (poll: the trigger; webhook: the run's first node). */
export interface MediaContext {
	settings: MediaSettings | { invalid: string };
	/** Read only when a link has to be renewed: most files need no GREEN-API call. */
	connection: () => Promise<Connection>;
	prepare: PrepareBinaryData;
	secrets: readonly string[];
	signal?: AbortSignal;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function str(value: unknown): string {
	return typeof value === 'string' ? value : '';
}

/** Long enough for both halves of a failed renewal, short enough to read in an item. */
const ERROR_SHOWN = 600;

/**
 * The item the workflow runs with: the notification, and for a media message its file under
 * the Binary Field, or `downloadError` saying why there is none. Never throws: the message must
 * not be lost because its file was.
 */
export async function withMedia(item: IDataObject, media: MediaContext | undefined): Promise<INodeExecutionData> {
	if (!media) return { json: item };
	const raw = object(item.raw);
	const messageData = object(raw.messageData);
	if (!MEDIA_MESSAGE_TYPES.has(str(messageData.typeMessage))) return { json: item };
	if ('invalid' in media.settings) return { json: { ...item, downloadError: media.settings.invalid } };
	const file = object(messageData.fileMessageData);
	const hints: FileHints = { messageId: str(item.messageId), fileName: str(file.fileName), mimeType: str(file.mimeType) };
	const received = await fetchWithRenewal(media, media.settings, str(file.downloadUrl).trim(), str(item.chatId), hints);
	if (typeof received === 'string') return { json: { ...item, downloadError: quote(received, media.secrets, ERROR_SHOWN) } };
	return { json: item, binary: { [media.settings.field]: received.binary } };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * The notification's link first; when it is missing or the host says it is gone (403/404/410),
 * one fresh link from downloadFile. Any other failure (too large, a host that hangs) would fail
 * the same way on a fresh link, so it is not renewed. A failure comes back as its reason.
 */
async function fetchWithRenewal(media: MediaContext, settings: MediaSettings, url: string, chatId: string, hints: FileHints): Promise<ReceivedFile | string> {
	const limits: FileSettings = { maxBytes: settings.maxBytes, timeoutMs: settings.timeoutMs, signal: media.signal };
	let first: unknown;
	try {
		return await receiveFile(media.prepare, url, hints, limits);
	} catch (error) {
		first = error;
	}
	if (!(first instanceof FileDownloadError) || first.reason !== 'expired' || chatId === '' || hints.messageId === '') return messageOf(first);
	let fresh: string;
	try {
		fresh = await freshDownloadUrl(await media.connection(), chatId, hints.messageId, media.signal);
	} catch (lookup) {
		return `${first.message}, and downloadFile gave no fresh link: ${messageOf(lookup)}`;
	}
	try {
		return await receiveFile(media.prepare, fresh, hints, limits);
	} catch (second) {
		return `${first.message}; the fresh link from downloadFile failed too: ${messageOf(second)}`;
	}
}
