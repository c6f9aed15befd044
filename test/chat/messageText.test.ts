import { journalText, messageText } from '../../nodes/GreenApi/helpers/messageText';
import { normalizeNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import { incoming } from '../emulator/notification-bodies';

// One extractor: a message read from a journal (flat fields) and the same message as the
// trigger receives it (nested messageData) give the same text.
describe('the shared message-text extractor', () => {
	const same: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
		['textMessage', { textMessage: 'hello' }, { textMessageData: { textMessage: 'hello' } }, 'hello'],
		['extendedTextMessage', { textMessage: 'see https://x.example', extendedTextMessage: { text: 'see https://x.example', title: 't' } }, { extendedTextMessageData: { text: 'see https://x.example', title: 't' } }, 'see https://x.example'],
		['quotedMessage', { extendedTextMessage: { text: 'my answer', stanzaId: 'S1' }, quotedMessage: { typeMessage: 'textMessage', textMessage: 'question' } }, { extendedTextMessageData: { text: 'my answer', stanzaId: 'S1' }, quotedMessage: { typeMessage: 'textMessage', textMessage: 'question' } }, 'my answer'],
		['imageMessage', { downloadUrl: 'https://x.example/i.jpg', caption: 'look' }, { fileMessageData: { downloadUrl: 'https://x.example/i.jpg', caption: 'look' } }, 'look'],
		['documentMessage', { fileName: 'offer.pdf', caption: '' }, { fileMessageData: { fileName: 'offer.pdf', caption: '' } }, 'offer.pdf'],
		['locationMessage', { location: { nameLocation: '', address: 'Main St 1' } }, { locationMessageData: { nameLocation: '', address: 'Main St 1' } }, 'Main St 1'],
		['contactMessage', { contact: { displayName: 'Bob', vcard: 'BEGIN:VCARD' } }, { contactMessageData: { displayName: 'Bob', vcard: 'BEGIN:VCARD' } }, 'Bob'],
		['contactsArrayMessage', { contacts: [{ displayName: 'A' }, { displayName: 'B' }] }, { messageData: { contacts: [{ displayName: 'A' }, { displayName: 'B' }] } }, 'A, B'],
		['pollMessage', { pollMessageData: { name: 'Lunch?', options: [] } }, { pollMessageData: { name: 'Lunch?', options: [] } }, 'Lunch?'],
		['stickerMessage', { downloadUrl: 'https://x.example/s.webp' }, { fileMessageData: { downloadUrl: 'https://x.example/s.webp' } }, ''],
		['someFutureMessage', { textMessage: 'still found' }, { textMessageData: { textMessage: 'still found' } }, 'still found'],
	];

	it.each(same)('%s: the journal entry and the notification give the same text', (typeMessage, journal, notification, text) => {
		expect(journalText({ type: 'incoming', idMessage: 'X', typeMessage, ...journal })).toBe(text);
		expect(normalizeNotification(incoming(1, { messageData: { typeMessage, ...notification } })).text).toBe(text);
	});

	it('takes a journal entry that already nests its parts as a notification does', () => {
		expect(journalText({ typeMessage: 'textMessage', textMessageData: { textMessage: 'nested' }, textMessage: 'flat' })).toBe('nested');
	});

	it('never throws and finds nothing in what is not a message', () => {
		for (const value of [null, undefined, 42, 'text', [], { typeMessage: 'constructor' }, { typeMessage: 'toString', textMessage: 7 }]) {
			expect(() => journalText(value)).not.toThrow();
		}
		expect(journalText({ typeMessage: 'constructor' })).toBe('');
		expect(messageText({ typeMessage: 'textMessage', textMessageData: { textMessage: 12 } })).toBe('12');
	});
});
