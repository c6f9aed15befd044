import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { journalText } from '../../helpers/messageText';
import { isoFromUnixSeconds } from '../../helpers/time';
import { conform, expectList, expectObject, fieldRules } from '../../helpers/values';
import { chatIdProperty } from '../common';

/**
 * What the journal operations share (Get Chat History, Get Message, Last Incoming / Outgoing
 * Messages): GREEN-API's journal entry, checked, as one CRM-ready item. The keys a CRM step
 * maps (chatId, idMessage, timestamp, type, text, sender) are the same whichever journal it
 * came from, and `text` is what the GREEN-API Trigger gives for the same message.
 */

/** The vendor's note on every journal page: the journals are for history, not for fresh messages. */
export const JOURNAL_LAG = 'GREEN-API writes messages into its journals up to 2 minutes late: for messages as they arrive, use the GREEN-API Trigger';

/** The Chat ID field of every Chat operation: any chat, by default the trigger's. */
export function journalChatIdProperty(description: string, hint?: string): INodeProperties {
	return { ...chatIdProperty('71234567890@c.us or 120363043968066561@g.us', description), default: '={{ $json.chatId }}', ...(hint ? { hint } : {}) };
}

const ENTRY_FIELDS = fieldRules({
	type: { type: 'string' },
	idMessage: { type: 'string' },
	timestamp: { type: 'integer' },
	typeMessage: { type: 'string' },
	chatId: { type: 'string' },
	senderId: { type: 'string' },
	senderName: { type: 'string' },
	senderContactName: { type: 'string' },
	textMessage: { type: 'string' },
	extendedTextMessage: { type: 'object', nullable: true },
	quotedMessage: { type: 'object', nullable: true },
	location: { type: 'object', nullable: true },
	contact: { type: 'object', nullable: true },
	statusMessage: { type: 'string' },
	sendByApi: { type: 'boolean' },
	downloadUrl: { type: 'string' },
	caption: { type: 'string' },
	fileName: { type: 'string' },
	mimeType: { type: 'string' },
	isForwarded: { type: 'boolean' },
	forwardingScore: { type: 'integer' },
	isEdited: { type: 'boolean' },
	isDeleted: { type: 'boolean' },
});

/** One journal entry, its documented fields at their documented types. */
export function parseEntry(json: unknown, what = 'a message'): IDataObject {
	return conform(expectObject(json, what), ENTRY_FIELDS);
}

export function parseEntries(json: unknown): IDataObject[] {
	return expectList(json, 'a list of messages').map((entry, index) => conform(expectObject(entry, `message [${index}]`), ENTRY_FIELDS, `[${index}].`));
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The item of one message. `chatId`: the chat asked for, when the entry does not repeat it.
 * The entry itself stays under `raw` (as the trigger keeps the notification), for fields
 * GREEN-API adds later.
 */
export function messageItem(entry: IDataObject, chatId = ''): IDataObject {
	const chat = str(entry.chatId) || chatId;
	const type = str(entry.type);
	const unix = typeof entry.timestamp === 'number' ? entry.timestamp : null;
	// A personal chat's incoming message comes from the chat itself when the entry names no sender.
	const senderChat = str(entry.senderId) || (type === 'incoming' && !chat.endsWith('@g.us') ? chat : '');
	return {
		chatId: chat,
		idMessage: str(entry.idMessage),
		timestamp: isoFromUnixSeconds(unix),
		timestampUnix: unix,
		type,
		messageType: str(entry.typeMessage),
		text: journalText(entry),
		sender: { chatId: senderChat, name: str(entry.senderName) || str(entry.senderContactName), contactName: str(entry.senderContactName) },
		isGroup: chat.endsWith('@g.us'),
		...(type === 'outgoing' ? { statusMessage: str(entry.statusMessage), sendByApi: entry.sendByApi === true } : {}),
		...(str(entry.downloadUrl) ? { downloadUrl: str(entry.downloadUrl) } : {}),
		raw: entry,
	};
}
