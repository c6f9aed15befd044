import type { IDataObject } from 'n8n-workflow';

import { messageText, object, str } from '../../helpers/messageText';
import type { Json } from '../../helpers/messageText';

/** One notification as the next node wants it; the vendor's body stays under `raw`. */
export interface NormalizedNotification extends IDataObject {
	type: string;
	chatId: string;
	isGroup: boolean;
	sender: { chatId: string; name: string };
	messageId: string;
	timestamp: { iso: string; unix: number } | null;
	messageType: string;
	text: string;
	/** Only in poll mode: the queue's id of the notification (its digits as a string above 2^53). */
	receiptId?: number | string;
	raw: IDataObject;
}

/** The statuses GREEN-API reports for a message we sent (outgoingMessageStatus). */
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed', 'noAccount', 'notInGroup', 'yellowCard'] as const;

/** What an outgoingMessageStatus item adds: enough to find the send (idMessage) and tell what became of it. */
export interface StatusFields extends IDataObject {
	/** The idMessage the send answered (the same as messageId, under the name the send node returns). */
	idMessage: string;
	/** One of MESSAGE_STATUSES; a status GREEN-API adds later passes as it is. */
	status: string;
	/** GREEN-API's reason for failed, noAccount, … ; '' when it gives none. */
	description: string;
	/** True when the message was sent through the API, false when from the phone. */
	sendByApi: boolean;
}

/** The chat a notification belongs to: messages carry senderData, statuses a top-level chatId, calls `from`. */
function chatOf(body: Json): string {
	return str(object(body.senderData).chatId) || str(body.chatId) || str(body.from);
}

/** Seconds since 1970 as {iso, unix}; null when missing or beyond what a Date holds (±8.64e12 s). */
function timestampOf(value: unknown): NormalizedNotification['timestamp'] {
	if (typeof value !== 'number') return null;
	const date = new Date(value * 1000);
	return Number.isNaN(date.getTime()) ? null : { iso: date.toISOString(), unix: value };
}

function statusFields(raw: Json): StatusFields {
	// GREEN-API sends a JSON boolean; the string form is taken too, so a proxy that stringifies does not flip it.
	return { idMessage: str(raw.idMessage), status: str(raw.status), description: str(raw.description), sendByApi: raw.sendByApi === true || raw.sendByApi === 'true' };
}

/** Never throws, whatever JSON `body` is: a throw here would stop the trigger at this notification. */
export function normalizeNotification(body: unknown, receiptId?: number | string): NormalizedNotification {
	const raw = object(body);
	const senderData = object(raw.senderData);
	const messageData = object(raw.messageData);
	const chatId = chatOf(raw);
	const type = str(raw.typeWebhook);
	return {
		type,
		chatId,
		isGroup: chatId.endsWith('@g.us'),
		sender: {
			chatId: str(senderData.sender) || chatId,
			name: str(senderData.senderName) || str(senderData.senderContactName) || str(senderData.chatName),
		},
		messageId: str(raw.idMessage),
		timestamp: timestampOf(raw.timestamp),
		messageType: str(messageData.typeMessage),
		text: messageText(messageData),
		...(type === 'outgoingMessageStatus' ? statusFields(raw) : {}),
		...(receiptId === undefined ? {} : { receiptId }),
		raw: raw as IDataObject,
	};
}
