import type { Readable } from 'node:stream';

import type { IBinaryData } from 'n8n-workflow';

import type { Connection } from '../transport/connection';
import { streamFile } from '../transport/fileStream';
import type { FileHead } from '../transport/fileStream';
import { callGreenApi } from '../transport/request';
import { GREEN_API_RATE_LIMITS } from './rateLimits';

/**
 * Received files as n8n binary data, shared by the trigger's Download Media and the Message →
 * Download File operation: the link, the name and the MIME type a next node can rely on.
 */

/** n8n's helpers.prepareBinaryData, as every context (trigger, webhook run, execute) has it. */
export type PrepareBinaryData = (data: Buffer | Readable, filePath?: string, mimeType?: string) => Promise<IBinaryData>;

export interface FileSettings {
	maxBytes: number;
	timeoutMs: number;
	signal?: AbortSignal;
}

/** What the message says about its file, when there is a message (the trigger's notification). */
export interface FileHints {
	messageId: string;
	fileName?: string;
	mimeType?: string;
}

export interface ReceivedFile {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	size: number;
}

export const MB = 1024 * 1024;
export const DEFAULT_MAX_FILE_MB = 100;
/** WhatsApp takes documents up to 2 GB. */
export const MAX_FILE_MB = 2048;
/** As an upload's (sendFile): a 100 MB file over a slow link. */
export const DEFAULT_FILE_TIMEOUT_S = 300;

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'audio/ogg': 'ogg',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'application/pdf': 'pdf',
	'application/x-tgsticker': 'tgs',
};
const TYPES: Record<string, string> = Object.fromEntries([...Object.entries(EXTENSIONS).map(([type, extension]) => [extension, type]), ['jpeg', 'image/jpeg'], ['oga', 'audio/ogg'], ['opus', 'audio/ogg']]);
/** Voice notes (Opus in Ogg) under these names: transcription services take .ogg and refuse the others. */
const OGG_ALIASES = new Set(['', 'oga', 'opus']);

/** `audio/ogg; codecs=opus` → `audio/ogg`: n8n and the next node match on the bare type. */
function bareType(type: string | undefined): string | undefined {
	const bare = type?.split(';')[0].trim().toLowerCase();
	return bare && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(bare) ? bare : undefined;
}

function extensionOf(name: string): string {
	return /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1].toLowerCase() ?? '';
}

/** One path segment without control characters, or '': a sender chooses a document's name. */
function safeName(name: string | undefined): string {
	const base = (name ?? '').replace(/^.*[/\\]/, '');
	// eslint-disable-next-line no-control-regex
	return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
}

/**
 * The MIME type: the message's own, else the host's (unless it only says "bytes"), else by
 * the name's extension. The file name: the message's (a document's is the sender's), else the
 * link's generated one, else the message ID, with the extension its type has when it has none.
 */
export function describeFile(hints: FileHints | undefined, head: FileHead): { fileName: string; mimeType: string } {
	const hostType = bareType(head.mimeType);
	const named = safeName(hints?.fileName) || safeName(head.linkName) || safeName(hints?.messageId) || 'file';
	const mimeType = bareType(hints?.mimeType) ?? (hostType && hostType !== 'application/octet-stream' ? hostType : undefined) ?? TYPES[extensionOf(named)] ?? 'application/octet-stream';
	const extension = extensionOf(named);
	let fileName = named;
	if (mimeType === 'audio/ogg' && OGG_ALIASES.has(extension)) fileName = `${extension ? named.slice(0, -extension.length - 1) : named}.ogg`;
	else if (!extension && EXTENSIONS[mimeType]) fileName = `${named}.${EXTENSIONS[mimeType]}`;
	return { fileName, mimeType };
}

/** Downloads `url` into n8n's binary store, the cap counted while it streams. */
export async function receiveFile(prepare: PrepareBinaryData, url: string, hints: FileHints | undefined, settings: FileSettings): Promise<ReceivedFile> {
	let described = { fileName: '', mimeType: '' };
	const { stored, bytes } = await streamFile(url, settings, async (body, head) => {
		described = describeFile(hints, head);
		return await prepare(body, described.fileName, described.mimeType);
	});
	return { binary: stored, ...described, size: bytes };
}

/** downloadFile's answer: the link, refused when it is not one. */
export function readDownloadUrl(json: unknown): string {
	const url = (json as { downloadUrl?: unknown } | null)?.downloadUrl;
	if (typeof url !== 'string' || url.trim() === '') throw new Error('GREEN-API answered downloadFile without a downloadUrl');
	return url.trim();
}

/** A fresh link from downloadFile, through the instance's limiter (5 per second): a lookup, so retried as lookups are. */
export async function freshDownloadUrl(connection: Connection, chatId: string, idMessage: string, signal?: AbortSignal): Promise<string> {
	return await callGreenApi(connection, 'downloadFile', { chatId, idMessage }, { perSecond: GREEN_API_RATE_LIMITS.downloadFile, maxRetries: 2, timeoutMs: 30_000, signal }, readDownloadUrl);
}
