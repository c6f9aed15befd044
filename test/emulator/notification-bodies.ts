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
