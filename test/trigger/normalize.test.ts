import { normalizeNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import { incoming, incomingCall, outgoingStatus, stateChanged } from '../emulator/notification-bodies';

describe('normaliser: one shape for every notification, text from every message kind', () => {
	it('a plain text message', () => {
		const body = incoming(7, { chatId: '79001112233@c.us', name: 'Ann', text: 'hello' });
		expect(normalizeNotification(body, 42)).toEqual({
			type: 'incomingMessageReceived',
			chatId: '79001112233@c.us',
			isGroup: false,
			sender: { chatId: '79001112233@c.us', name: 'Ann' },
			messageId: 'MSG000007',
			timestamp: { iso: '2023-11-14T22:13:27.000Z', unix: 1_700_000_007 },
			messageType: 'textMessage',
			text: 'hello',
			receiptId: 42,
			raw: body,
		});
	});

	const kinds: [string, Record<string, unknown>, string][] = [
		['extendedTextMessage', { extendedTextMessageData: { text: 'see https://x.example', description: 'd' } }, 'see https://x.example'],
		['quotedMessage', { extendedTextMessageData: { text: 'my answer', stanzaId: 'S1' }, quotedMessage: { typeMessage: 'textMessage', textMessage: 'question' } }, 'my answer'],
		['imageMessage', { fileMessageData: { downloadUrl: 'https://x.example/i.jpg', caption: 'look', mimeType: 'image/jpeg' } }, 'look'],
		['videoMessage', { fileMessageData: { caption: 'clip' } }, 'clip'],
		['documentMessage', { fileMessageData: { fileName: 'offer.pdf', caption: '' } }, 'offer.pdf'],
		['locationMessage', { locationMessageData: { nameLocation: 'Office', address: 'Main St 1', latitude: 1, longitude: 2 } }, 'Office'],
		['contactMessage', { contactMessageData: { displayName: 'Bob', vcard: 'BEGIN:VCARD' } }, 'Bob'],
		['contactsArrayMessage', { messageData: { contacts: [{ displayName: 'A' }, { displayName: 'B' }] } }, 'A, B'],
		['buttonsResponseMessage', { buttonsResponseMessage: { stanzaId: 'S', selectedButtonId: '1', selectedButtonText: 'Yes' } }, 'Yes'],
		['templateButtonsReplyMessage', { templateButtonReplyMessage: { selectedId: '1', selectedDisplayText: 'Order' } }, 'Order'],
		['listResponseMessage', { listResponseMessage: { title: 'Pizza', rowId: 'r1' } }, 'Pizza'],
		['reactionMessage', { extendedTextMessageData: { text: '👍' } }, '👍'],
		['pollMessage', { pollMessageData: { name: 'Lunch?', options: [] } }, 'Lunch?'],
		['stickerMessage', { fileMessageData: { downloadUrl: 'https://x.example/s.webp' } }, ''],
		['someFutureMessage', { textMessageData: { textMessage: 'still found' } }, 'still found'],
	];
	it.each(kinds)('%s', (typeMessage, data, text) => {
		const n = normalizeNotification(incoming(1, { messageData: { typeMessage, ...data } }));
		expect(n.messageType).toBe(typeMessage);
		expect(n.text).toBe(text);
	});

	it('group messages name the group chat and the person who wrote', () => {
		const n = normalizeNotification(incoming(1, { chatId: '120363043968066561@g.us', name: 'Eve' }));
		expect(n).toMatchObject({ chatId: '120363043968066561@g.us', isGroup: true, sender: { chatId: '79005550000@c.us', name: 'Eve' } });
	});

	it('statuses, calls and state changes keep the same fields', () => {
		expect(normalizeNotification(outgoingStatus(1, '79001112233@c.us'))).toMatchObject({ type: 'outgoingMessageStatus', chatId: '79001112233@c.us', messageType: '', text: '' });
		expect(normalizeNotification(incomingCall(1, '79001112233@c.us'))).toMatchObject({ type: 'incomingCall', chatId: '79001112233@c.us', isGroup: false });
		expect(normalizeNotification(stateChanged(1))).toMatchObject({ type: 'stateInstanceChanged', chatId: '', sender: { chatId: '', name: '' } });
	});

	it.each([
		['sent', undefined, ''],
		['delivered', undefined, ''],
		['read', undefined, ''],
		['failed', 'Message not sent: the file could not be downloaded', 'Message not sent: the file could not be downloaded'],
		['noAccount', 'The number is not on WhatsApp', 'The number is not on WhatsApp'],
		['notInGroup', 'You are not a member of this group', 'You are not a member of this group'],
		['yellowCard', 'Sending is suspended for spam', 'Sending is suspended for spam'],
	])('a %s status keeps the shared fields and adds idMessage, status, description, sendByApi', (status, description, expected) => {
		const body = outgoingStatus(5, '79001112233@c.us', { status, description, idMessage: 'BAE5F00D00000001' });
		expect(normalizeNotification(body, 9)).toEqual({
			type: 'outgoingMessageStatus',
			chatId: '79001112233@c.us',
			isGroup: false,
			sender: { chatId: '79001112233@c.us', name: '' },
			messageId: 'BAE5F00D00000001',
			timestamp: { iso: '2023-11-14T22:13:25.000Z', unix: 1_700_000_005 },
			messageType: '',
			text: '',
			idMessage: 'BAE5F00D00000001',
			status,
			description: expected,
			sendByApi: true,
			receiptId: 9,
			raw: body,
		});
	});

	it('sendByApi is a boolean: false for a message sent from the phone, and when the field is missing', () => {
		expect(normalizeNotification(outgoingStatus(1, undefined, { sendByApi: false })).sendByApi).toBe(false);
		const { sendByApi: _dropped, ...without } = outgoingStatus(1);
		expect(normalizeNotification(without).sendByApi).toBe(false);
	});

	it('other types get no status fields', () => {
		for (const body of [incoming(1), incomingCall(1), stateChanged(1)]) {
			const n = normalizeNotification(body);
			for (const field of ['idMessage', 'status', 'description', 'sendByApi']) expect(n).not.toHaveProperty(field);
		}
	});

	it('survives bodies that are not objects', () => {
		expect(normalizeNotification(null)).toMatchObject({ type: '', chatId: '', timestamp: null, raw: {} });
	});
});

describe('normaliser: never throws, whatever JSON arrives', () => {
	const inherited = Object.getOwnPropertyNames(Object.prototype);
	it.each(inherited)('typeMessage %s (an inherited object member) reads as an unknown kind', (typeMessage) => {
		const n = normalizeNotification(incoming(1, { messageData: { typeMessage, textMessageData: { textMessage: 'still read' } } }));
		expect(n.messageType).toBe(typeMessage);
		expect(n.text).toBe('still read');
	});

	it.each([1e20, -1e20, 8.64e12 + 1, Number.MAX_VALUE, -Number.MAX_VALUE])('timestamp %d, outside what a Date can hold, gives null (raw keeps it)', (timestamp) => {
		const n = normalizeNotification({ ...incoming(1), timestamp });
		expect(n.timestamp).toBeNull();
		expect(n.raw.timestamp).toBe(timestamp);
	});

	it('the largest timestamps a Date holds still get their ISO form', () => {
		expect(normalizeNotification({ timestamp: 8.64e12 }).timestamp).toEqual({ iso: '+275760-09-13T00:00:00.000Z', unix: 8.64e12 });
		expect(normalizeNotification({ timestamp: -8.64e12 }).timestamp?.iso).toBe('-271821-04-20T00:00:00.000Z');
	});

	it('any JSON value at any field the normaliser reads', () => {
		// Every JSON kind, plus names that a plain-object lookup would resolve to a prototype member.
		const values: unknown[] = [null, true, 0, -1, 1e308, 'constructor', '__proto__', 'toString', '', [], [null], {}, { constructor: 1 }, [[[]]]];
		const fields = ['typeWebhook', 'timestamp', 'idMessage', 'chatId', 'from', 'senderData', 'messageData', 'status', 'description', 'sendByApi'];
		const inner = ['chatId', 'sender', 'senderName', 'chatName', 'typeMessage', 'contacts', 'textMessageData', 'contactsArrayMessageData', 'messageData'];
		for (const field of fields) {
			for (const value of values) {
				expect(() => normalizeNotification({ [field]: value })).not.toThrow();
				for (const key of inner) {
					expect(() => normalizeNotification({ [field]: { [key]: value } })).not.toThrow();
					expect(() => normalizeNotification(JSON.parse(JSON.stringify({ senderData: { [key]: value }, messageData: { typeMessage: value, [key]: value } })))).not.toThrow();
				}
			}
		}
		for (const body of values) expect(() => normalizeNotification(body)).not.toThrow();
		// A status notification reads three more fields: every JSON kind at each of them.
		for (const field of ['idMessage', 'status', 'description', 'sendByApi', 'chatId']) {
			for (const value of values) expect(() => normalizeNotification({ typeWebhook: 'outgoingMessageStatus', [field]: value })).not.toThrow();
		}
		expect(() => normalizeNotification(JSON.parse('{"__proto__": {"typeMessage": "x"}, "messageData": {"typeMessage": "__proto__"}}'))).not.toThrow();
	});
});
