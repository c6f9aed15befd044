import seedContact from './fixtures/seed-contact.json';
import { SEED_CHAT_ID } from './types';

// Serialised once: the seed answer must stay byte-for-byte stable across requests.
export const SEED_BODY = JSON.stringify(seedContact);

/** The digits before '@', i.e. the phone number or linked id. */
export function chatDigits(chatId: string): string {
	const at = chatId.indexOf('@');
	return at < 0 ? chatId : chatId.slice(0, at);
}

/**
 * `79990…` numbers encode the product count in their last 6 digits so load tests can ask for any
 * catalogue size; every other number gets a small, stable count.
 */
export function productCount(chatId: string): number {
	const digits = chatDigits(chatId);
	if (digits.startsWith('79990')) return Number(digits.slice(-6));
	let sum = 0;
	for (const d of digits) sum += Number(d);
	return sum % 4;
}

// FNV-1a: a stable hash so a chatId always yields the same contact, run after run.
function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

const NAMES = ['Dealer', 'Анна', 'Bob', 'Café Lumière', ''];
const CATEGORIES = ['Automotive Dealership', 'Restaurant', 'Магазин', 'Shopping & Retail'];
const EXPIRATIONS = [0, 86400, 604800, 7776000]; // WhatsApp's disappearing-message choices, seconds

function product(base: number, i: number): Record<string, unknown> {
	const id = String(base + i);
	const picture = `https://mmg.whatsapp.net/v/t45.5328-4/emulator_${id}_n.jpg`;
	const p: Record<string, unknown> = {
		id,
		imageUrls: { requested: `${picture}?stp=dst-jpg_p100x100`, original: picture },
		reviewStatus: { whatsapp: 'APPROVED' },
		availability: i % 5 === 4 ? 'out of stock' : 'in stock',
		name: i % 2 === 0 ? `Product ${i + 1}` : `Товар ${i + 1}`,
	};
	// The seed's second product has no description: consumers must cope with it missing.
	if (i % 3 !== 2) p.description = `Description of item ${i + 1}`;
	p.price = i % 4 === 3 ? null : `${(i + 1) * 100}`;
	p.isHidden = i % 7 === 6;
	return p;
}

/** A deterministic contact carrying every documented field, keys in the seed's order. */
export function generateContact(chatId: string): Record<string, unknown> {
	const digits = chatDigits(chatId);
	const h = hash(digits);
	const count = productCount(chatId);
	const base = 1_000_000_000 + (h % 1_000_000) * 10_000; // ids look like the seed's long digit strings
	const products = new Array<Record<string, unknown>>(count);
	for (let i = 0; i < count; i++) products[i] = product(base, i);
	const business = count > 0;
	const name = NAMES[h % NAMES.length];
	const isMute = (h & 0x10) !== 0;
	const messageExpiration = EXPIRATIONS[(h >>> 8) % EXPIRATIONS.length];
	return {
		avatar: (h & 0x1) === 0 ? `https://pps.whatsapp.net/v/t61.24694-24/emulator_${digits}_n.jpg` : '',
		name,
		contactName: (h & 0x2) === 0 ? name : '',
		email: business ? `shop${digits.slice(-4)}@example.com` : '',
		category: business ? CATEGORIES[h % CATEGORIES.length] : '',
		description: business ? 'Официальный сервис' : '',
		products,
		chatId,
		lastSeen: (h & 0x4) === 0 ? null : String(1_700_000_000 + (h % 10_000_000)),
		isArchive: (h & 0x8) !== 0,
		isDisappearing: messageExpiration > 0,
		isMute,
		messageExpiration,
		muteExpiration: isMute ? 1_800_000_000 + (h % 1_000_000) : null,
		isBusiness: business,
	};
}

// Big catalogues cost a few ms to build and serialise; benchmarks ask for the same ones repeatedly.
const cache = new Map<string, string>();
const CACHE_LIMIT = 16;

/** The JSON body answered for a valid chatId (seed or generated). */
export function contactBody(chatId: string): string {
	if (chatId === SEED_CHAT_ID) return SEED_BODY;
	let body = cache.get(chatId);
	if (body === undefined) {
		body = JSON.stringify(generateContact(chatId));
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
		cache.set(chatId, body);
	}
	return body;
}

const GROUP_MESSAGE =
	'Validation failed. Details: The method GetContactInfo does not support group chats, to work with groups, use the GetGroupData method';

/** Format check, applied after overrides so tests can override any string chatId. */
export function checkChatIdFormat(chatId: string): { status: number; message: string } | undefined {
	if (chatId.endsWith('@g.us')) return { status: 400, message: GROUP_MESSAGE };
	if (!/^\d+@(?:c\.us|lid)$/.test(chatId)) return { status: 400, message: 'Validation failed' };
	return undefined;
}
