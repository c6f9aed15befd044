// GREEN-API notification bodies as the vendor documents them, for the queue and webhook tests.
import { EMULATOR_ID_INSTANCE } from './types';

export type Body = Record<string, unknown>;

const INSTANCE = { idInstance: Number(EMULATOR_ID_INSTANCE), wid: '79001234567@c.us', typeInstance: 'whatsapp' };
const BASE_TIME = 1_700_000_000;

function senderData(chatId: string, name: string): Body {
	const isGroup = chatId.endsWith('@g.us');
	return { chatId, chatName: isGroup ? 'Team' : name, sender: isGroup ? '79005550000@c.us' : chatId, senderName: name, senderContactName: '' };
}

/** An incoming message; `messageData` defaults to a plain text message. */
export function incoming(seq: number, options: { chatId?: string; name?: string; messageData?: Body; text?: string } = {}): Body {
	const chatId = options.chatId ?? '71234567890@c.us';
	return {
		typeWebhook: 'incomingMessageReceived',
		instanceData: INSTANCE,
		timestamp: BASE_TIME + seq,
		idMessage: `MSG${String(seq).padStart(6, '0')}`,
		senderData: senderData(chatId, options.name ?? 'Customer'),
		messageData: options.messageData ?? { typeMessage: 'textMessage', textMessageData: { textMessage: options.text ?? `message ${seq}` } },
	};
}

export interface StatusOptions {
	/** Default 'delivered'. */
	status?: string;
	/** GREEN-API sends one with failures only; absent by default. */
	description?: string;
	/** Default `OUT<seq>`. */
	idMessage?: string;
	/** Default true. */
	sendByApi?: boolean;
	/** Unix seconds; default BASE_TIME + seq. */
	timestamp?: number;
}

/** A status of a message we sent, as GREEN-API documents outgoingMessageStatus. */
export function outgoingStatus(seq: number, chatId = '71234567890@c.us', options: StatusOptions = {}): Body {
	return {
		typeWebhook: 'outgoingMessageStatus',
		instanceData: INSTANCE,
		timestamp: options.timestamp ?? BASE_TIME + seq,
		idMessage: options.idMessage ?? `OUT${seq}`,
		status: options.status ?? 'delivered',
		...(options.description === undefined ? {} : { description: options.description }),
		chatId,
		sendByApi: options.sendByApi ?? true,
	};
}

export function stateChanged(seq: number): Body {
	return { typeWebhook: 'stateInstanceChanged', instanceData: INSTANCE, timestamp: BASE_TIME + seq, stateInstance: 'authorized' };
}

export function incomingCall(seq: number, from = '71234567890@c.us'): Body {
	return { typeWebhook: 'incomingCall', instanceData: INSTANCE, timestamp: BASE_TIME + seq, idMessage: `CALL${seq}`, from, status: 'offer' };
}

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

/** Each kind as GREEN-API sends it: only documents keep the sender's file name, the rest get a generated one. */
const MEDIA: Record<MediaKind, { typeMessage: string; mimeType: string; extension: string; fileName?: string }> = {
	image: { typeMessage: 'imageMessage', mimeType: 'image/jpeg', extension: '.jpg' },
	video: { typeMessage: 'videoMessage', mimeType: 'video/mp4', extension: '.mp4' },
	// A voice note. The generated name's extension is an assumption: .oga is what Opus-in-Ogg files often get.
	audio: { typeMessage: 'audioMessage', mimeType: 'audio/ogg; codecs=opus', extension: '.oga' },
	document: { typeMessage: 'documentMessage', mimeType: 'application/pdf', extension: '.pdf', fileName: 'Invoice 42.pdf' },
	sticker: { typeMessage: 'stickerMessage', mimeType: 'image/webp', extension: '.webp' },
};

export interface IncomingFileOptions {
	kind: MediaKind;
	/** The emulator's file host, which keeps the bytes and serves the link. */
	files: { store(idMessage: string, file: { bytes: Buffer; mimeType: string; extension: string; chatId: string }, options?: { expired?: boolean }): string };
	bytes?: Buffer;
	chatId?: string;
	name?: string;
	caption?: string;
	fileName?: string;
	mimeType?: string;
	/** The notification's link already answers 404 (downloadFile gives a working one). */
	expired?: boolean;
	/** No downloadUrl in the notification (downloadFile still knows the file). */
	withoutUrl?: boolean;
}

/** An incoming image, video, voice note, document or sticker whose downloadUrl the emulator serves. */
export function incomingFile(seq: number, options: IncomingFileOptions): Body {
	const media = MEDIA[options.kind];
	const chatId = options.chatId ?? '71234567890@c.us';
	const body = incoming(seq, { chatId, name: options.name });
	const idMessage = String(body.idMessage);
	const mimeType = options.mimeType ?? media.mimeType;
	const bytes = options.bytes ?? Buffer.from(`${options.kind} file of message ${seq}`);
	const url = options.files.store(idMessage, { bytes, mimeType, extension: media.extension, chatId }, { expired: options.expired });
	const generated = url.slice(url.lastIndexOf('/') + 1);
	const fileMessageData: Body = {
		...(options.withoutUrl ? {} : { downloadUrl: url }),
		caption: options.caption ?? '',
		fileName: options.fileName ?? media.fileName ?? generated,
		jpegThumbnail: '',
		mimeType,
		forwardingScore: 0,
		isForwarded: false,
		...(options.kind === 'sticker' ? { isAnimated: false } : {}),
	};
	return { ...body, messageData: { typeMessage: media.typeMessage, fileMessageData } };
}
