/**
 * chatId rules by kind, applied before any request so that GREEN-API's own 400/500
 * answers for malformed or non-string chatIds cannot be reached:
 * - personal: `…@c.us` (digits of an international number) or `…@lid` (a linked id);
 * - phone: an international number written any usual way, which becomes `…@c.us`;
 * - group: `…@g.us`.
 */

export type ChatIdResult = { ok: true; chatId: string } | { ok: false; reason: string };
export type ChatKind = 'personal' | 'group';

const HOW_TO =
	'Use the full international number with country code (e.g. +7 123 456-78-90 or 71234567890) or a chat ID such as 71234567890@c.us';
const GROUP_HOW_TO = 'A group ID ends in @g.us, e.g. 120363043968066561@g.us';

// E.164 numbers have at most 15 digits; fewer than 7 cannot be country code plus subscriber.
const PHONE_DIGITS = /^[1-9]\d{6,14}$/;
// Characters people use when writing phone numbers by hand (NBSP included: spreadsheets).
const PHONE_DECORATION = /[\s\u00a0+\-().]/g;
// Old groups: creator's number, dash, creation time; newer ones: one long number.
const GROUP_LOCAL = /^\d{5,20}(?:-\d{5,20})?$/;

/** A personal chat (chat ID or phone number): what Get Contact Info and the trigger accept. */
export function normalizeChatId(value: unknown): ChatIdResult {
	return parseChatId(value, ['personal']);
}

/** Any of the kinds asked for; a refusal names what was expected and, for the wrong kind, where it belongs. */
export function parseChatId(value: unknown, kinds: readonly ChatKind[]): ChatIdResult {
	const howTo = kinds.includes('personal') ? HOW_TO : GROUP_HOW_TO;
	if (value === null || value === undefined) return fail(`Chat ID is empty. ${howTo}`);
	if (typeof value === 'number') return kinds.includes('personal') ? fromNumber(value) : fail(`${String(value)} is not a group ID. ${howTo}`);
	if (typeof value !== 'string') return fail(`Chat ID must be text or a number, but it is ${describeType(value)}. ${howTo}`);
	const text = value.trim();
	if (text === '') return fail(`Chat ID is empty. ${howTo}`);
	const at = text.lastIndexOf('@');
	const local = at === -1 ? text : text.slice(0, at);
	const suffix = at === -1 ? '' : text.slice(at + 1).toLowerCase();
	if (suffix === 'g.us') {
		if (!kinds.includes('group')) {
			return fail(`"${shorten(text)}" is a group chat. This operation works with personal chats only (…@c.us or …@lid); use the Group resource's Get Group Data for groups`);
		}
		return GROUP_LOCAL.test(local) ? { ok: true, chatId: `${local}@g.us` } : fail(`"${shorten(text)}" is not a valid group ID. ${GROUP_HOW_TO}`);
	}
	if (!kinds.includes('personal')) return fail(`"${shorten(text)}" is not a group ID. ${GROUP_HOW_TO}`);
	return at === -1 ? fromPhone(text) : fromPersonal(local, suffix, text);
}

/** Digits of a personal chat, or null for @lid and anything else. */
export function phoneNumberOf(chatId: string): string | null {
	return chatId.endsWith('@c.us') ? chatId.slice(0, -'@c.us'.length) : null;
}

function fromNumber(value: number): ChatIdResult {
	if (!Number.isSafeInteger(value) || value <= 0) return fail(`Chat ID ${String(value)} is not a phone number. ${HOW_TO}`);
	return fromPhone(String(value));
}

function fromPhone(text: string): ChatIdResult {
	const digits = text.replace(PHONE_DECORATION, '');
	if (!/^\d+$/.test(digits)) return fail(`"${shorten(text)}" is neither a phone number nor a chat ID. ${HOW_TO}`);
	if (digits.startsWith('0')) {
		return fail(
			`"${shorten(text)}" starts with 0: write the number with its country code instead of a trunk or international prefix (e.g. 4915123456789 rather than 004915123456789 or 015123456789)`,
		);
	}
	if (!PHONE_DIGITS.test(digits)) return fail(`"${shorten(text)}" has ${digits.length} digits; an international phone number has 7 to 15. ${HOW_TO}`);
	return { ok: true, chatId: `${digits}@c.us` };
}

function fromPersonal(local: string, suffix: string, text: string): ChatIdResult {
	if (suffix === 'lid') {
		return /^\d+$/.test(local) ? { ok: true, chatId: `${local}@lid` } : fail(`"${shorten(text)}" is not a valid linked ID: the part before @lid must be digits`);
	}
	if (suffix === 'c.us') {
		const phone = fromPhone(local);
		return phone.ok ? phone : fail(`"${shorten(text)}" is not a valid personal chat ID. ${HOW_TO}`);
	}
	return fail(`"${shorten(text)}" is not a chat ID GREEN-API knows: personal chats end in @c.us (or @lid). ${HOW_TO}`);
}

function describeType(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'boolean') return `a boolean (${String(value)})`;
	if (typeof value === 'object') return 'an object';
	return `of type ${typeof value}`;
}

/** Keeps messages readable when someone maps a whole document into the field. */
function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(reason: string): ChatIdResult {
	return { ok: false, reason };
}
