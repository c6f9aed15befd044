// The emulator's chats: each chat's journal (what getChatHistory, getMessage and the last…Messages
// lists read) and the state archiveChat, unarchiveChat and setDisappearingChat change. The journal
// is seeded, stable per chat and timed relative to now, in GREEN-API's journal shape (flat fields:
// textMessage, extendedTextMessage, caption, location, contact), newest first.
import { chatDigits } from './contacts';
import { SEED_CHAT_ID } from './types';

export type JournalEntry = Record<string, unknown>;

export const SEED_GROUP_ID = '120363043968066561@g.us';
/** The chats the last…Messages lists look through (besides any whose history a test set). */
export const KNOWN_CHATS: readonly string[] = [SEED_CHAT_ID, '79001234569@c.us', SEED_GROUP_ID];
/** Numbers starting 7000 have a chat with no messages yet: an empty history. */
const EMPTY_PREFIX = '7000';

const now = () => Math.floor(Date.now() / 1000);

/** The seeded messages of one chat: a mix of kinds, the oldest over two days ago (outside Minutes 1,440). */
export function seededHistory(chatId: string, at = now()): JournalEntry[] {
	if (chatDigits(chatId).startsWith(EMPTY_PREFIX)) return [];
	const group = chatId.endsWith('@g.us');
	const tag = chatDigits(chatId).replace(/\D/g, '').slice(-6).padStart(6, '0');
	const id = (n: number) => `BAE5${tag}${String(n).padStart(6, '0')}`;
	const sender = group ? { senderId: '79001234569@c.us', senderName: 'Анна', senderContactName: 'Anna (work)' } : { senderId: chatId, senderName: 'Dealer', senderContactName: '' };
	const incoming = (n: number, ago: number, fields: JournalEntry): JournalEntry => ({ type: 'incoming', idMessage: id(n), timestamp: at - ago, chatId, ...sender, isForwarded: false, forwardingScore: 0, ...fields });
	const outgoing = (n: number, ago: number, fields: JournalEntry): JournalEntry => ({ type: 'outgoing', idMessage: id(n), timestamp: at - ago, chatId, statusMessage: 'read', sendByApi: true, ...fields });
	return [
		incoming(7, 120, { typeMessage: 'textMessage', textMessage: 'Is the car still available?' }),
		outgoing(6, 300, { typeMessage: 'extendedTextMessage', textMessage: 'Yes: https://example.com/car', extendedTextMessage: { text: 'Yes: https://example.com/car', description: 'The car', title: 'Car', previewType: 'None', jpegThumbnail: '', forwardingScore: 0, isForwarded: false } }),
		incoming(5, 600, { typeMessage: 'imageMessage', downloadUrl: 'https://example.com/files/car.jpg', caption: 'This one?', fileName: 'car.jpg', jpegThumbnail: '', mimeType: 'image/jpeg', isAnimated: false }),
		outgoing(4, 900, { typeMessage: 'textMessage', textMessage: 'Hello! How can we help?', statusMessage: 'delivered', sendByApi: false }),
		incoming(3, 3600, { typeMessage: 'locationMessage', location: { nameLocation: 'Showroom', address: 'Main St 1', latitude: 55.75, longitude: 37.61, jpegThumbnail: '' } }),
		incoming(2, 7200, { typeMessage: 'quotedMessage', textMessage: 'That one, please', extendedTextMessage: { text: 'That one, please', stanzaId: id(6), participant: '' }, quotedMessage: { stanzaId: id(6), participant: '', typeMessage: 'textMessage', textMessage: 'Yes' } }),
		incoming(1, 2 * 86_400, { typeMessage: 'contactMessage', contact: { displayName: 'Service desk', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:Service desk\nEND:VCARD' } }),
	];
}

export interface ChatState {
	archived: boolean;
	ephemeralExpiration: number;
}

/** Per emulator, cleared by reset(). */
export class ChatStore {
	private readonly histories = new Map<string, JournalEntry[]>();
	private readonly states = new Map<string, ChatState>();

	/** A chat's journal from now on (until reset), newest first as GREEN-API keeps it. */
	setHistory(chatId: string, entries: JournalEntry[]): void {
		this.histories.set(chatId, entries);
	}

	history(chatId: string): JournalEntry[] {
		return this.histories.get(chatId) ?? seededHistory(chatId);
	}

	/** Every known chat's messages of one direction within the last `minutes`, newest first. */
	recent(type: 'incoming' | 'outgoing', minutes: number): JournalEntry[] {
		const since = now() - minutes * 60;
		const chats = new Set([...KNOWN_CHATS, ...this.histories.keys()]);
		return [...chats]
			.flatMap((chatId) => this.history(chatId))
			.filter((entry) => entry.type === type && typeof entry.timestamp === 'number' && entry.timestamp >= since)
			.sort((a, b) => (b.timestamp as number) - (a.timestamp as number));
	}

	state(chatId: string): ChatState {
		return this.states.get(chatId) ?? { archived: false, ephemeralExpiration: 0 };
	}

	update(chatId: string, change: Partial<ChatState>): ChatState {
		const next = { ...this.state(chatId), ...change };
		this.states.set(chatId, next);
		return next;
	}

	clear(): void {
		this.histories.clear();
		this.states.clear();
	}
}
