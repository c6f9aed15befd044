/**
 * The text of a WhatsApp message, as a person would read it: one extractor for the trigger's
 * notifications and the Chat resource's journals (history, Get Message, last messages), so a
 * workflow that reads a message from either gets the same `text` for it.
 */

export type Json = Record<string, unknown>;

/** A JSON object, or {} for anything else: reading a field of it never throws. */
export function object(value: unknown): Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** A string or number as text, '' for anything else. */
export function str(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * Where each message kind keeps the words a person would read, first match wins.
 * Kinds GREEN-API adds later still find their text when it sits in one of the usual places.
 */
const TEXT_PATHS: Record<string, string[][]> = {
	textMessage: [['textMessageData', 'textMessage']],
	extendedTextMessage: [['extendedTextMessageData', 'text']],
	quotedMessage: [['extendedTextMessageData', 'text']],
	reactionMessage: [['extendedTextMessageData', 'text']],
	imageMessage: [['fileMessageData', 'caption']],
	videoMessage: [['fileMessageData', 'caption']],
	documentMessage: [['fileMessageData', 'caption'], ['fileMessageData', 'fileName']],
	audioMessage: [['fileMessageData', 'caption']],
	locationMessage: [['locationMessageData', 'nameLocation'], ['locationMessageData', 'address']],
	liveLocationMessage: [['locationMessageData', 'nameLocation']],
	contactMessage: [['contactMessageData', 'displayName']],
	buttonsResponseMessage: [['buttonsResponseMessage', 'selectedButtonText']],
	templateButtonsReplyMessage: [['templateButtonReplyMessage', 'selectedDisplayText']],
	listResponseMessage: [['listResponseMessage', 'title']],
	interactiveButtonsResponse: [['interactiveButtonsResponse', 'selectedDisplayText']],
	pollMessage: [['pollMessageData', 'name']],
	pollUpdateMessage: [['pollMessageData', 'name']],
};
const FALLBACK_PATHS = [
	['textMessageData', 'textMessage'],
	['extendedTextMessageData', 'text'],
	['fileMessageData', 'caption'],
];

function at(data: Json, path: string[]): string {
	let node: unknown = data;
	for (const key of path) node = object(node)[key];
	return str(node);
}

/** The text of a notification's `messageData`; never throws, whatever JSON it is. */
export function messageText(messageData: Json): string {
	const type = str(messageData.typeMessage);
	if (type === 'contactsArrayMessage') {
		const contacts = object(messageData.contactsArrayMessageData ?? messageData.messageData).contacts;
		return Array.isArray(contacts) ? contacts.map((c) => str(object(c).displayName)).filter(Boolean).join(', ') : '';
	}
	// Own keys only: a typeMessage "constructor" or "toString" must not find Object's members.
	for (const path of Object.hasOwn(TEXT_PATHS, type) ? TEXT_PATHS[type] : FALLBACK_PATHS) {
		const found = at(messageData, path);
		if (found) return found;
	}
	return '';
}

/**
 * A journal entry keeps the parts of a message flat (`textMessage`, `extendedTextMessage`,
 * `caption`, `location`, `contact`) where a notification nests them in `messageData`: this puts
 * them where the notification has them, so both go through the same table above.
 */
export function journalMessageData(entry: unknown): Json {
	const raw = object(entry);
	const has = (key: string) => raw[key] !== undefined && raw[key] !== null;
	return {
		...raw,
		textMessageData: has('textMessageData') ? raw.textMessageData : { textMessage: raw.textMessage },
		extendedTextMessageData: has('extendedTextMessageData') ? raw.extendedTextMessageData : raw.extendedTextMessage,
		fileMessageData: has('fileMessageData') ? raw.fileMessageData : { caption: raw.caption, fileName: raw.fileName },
		locationMessageData: has('locationMessageData') ? raw.locationMessageData : raw.location,
		contactMessageData: has('contactMessageData') ? raw.contactMessageData : raw.contact,
		contactsArrayMessageData: has('contactsArrayMessageData') ? raw.contactsArrayMessageData : { contacts: raw.contacts },
	};
}

/** The text of one journal entry, exactly as the trigger would extract it from the same message. */
export function journalText(entry: unknown): string {
	return messageText(journalMessageData(entry));
}
