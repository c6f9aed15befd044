import { parseChatId, phoneNumberOf } from './chatId';
import { refuse } from './errors';
import type { ItemParameters } from './parameters';

/**
 * The input rules of every send, checked for every item before the first request, so a
 * batch with a bad item sends nothing (a half-sent batch is worse than none). The limits
 * are GREEN-API's own (../shared/GREEN-API.md, "Sending"): past them it answers 400, or
 * worse, truncates. How sends run (one message per item, never retried blindly, in order
 * per chat) is the send runner's (sendRunner.ts) and the failure policy's (policy.ts).
 */
export const SEND_LIMITS = {
	text: 20_000,
	caption: 20_000,
	pollQuestion: 255,
	pollOption: 100,
	pollOptions: { min: 2, max: 12 },
	typingSeconds: { min: 1, max: 20 },
	/** GREEN-API refuses files above 100 MB; refused here before the upload starts. */
	fileBytes: 100 * 1024 * 1024,
} as const;

/** Text of 1 to `max` characters; `optional` text may be empty (then undefined). */
export function readText(item: ItemParameters, name: string, label: string, max: number, optional = false): string | undefined {
	const value = item.value(name, label, optional ? '' : undefined);
	if (value === undefined || value === null || value === '') {
		if (optional) return undefined;
		throw refuse(`${label} is empty: write the text to send, or map a field that holds it`, { [name]: '' });
	}
	const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
	if (text === undefined) throw refuse(`${label} must be text, but it is ${Array.isArray(value) ? 'a list' : 'an object'}: map one text field into it`);
	if (!optional && text.trim() === '') throw refuse(`${label} holds only spaces: write the text to send`, { [name]: text });
	// WhatsApp counts characters as JavaScript does (UTF-16 code units): GREEN-API's 20,000 is the same.
	if (text.length > max) throw refuse(`${label} has ${text.length.toLocaleString('en-US')} characters; GREEN-API takes at most ${max.toLocaleString('en-US')}: shorten it or split it into several messages`, { [name]: `${text.slice(0, 60)}…` });
	return text;
}

/** A number within [min, max], from a number or numeric text (expressions give text). */
export function readNumber(item: ItemParameters, name: string, label: string, min: number, max: number): number {
	const value = item.value(name, label);
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(number) || number < min || number > max) {
		throw refuse(`${label} must be a number from ${min} to ${max}, not ${shortJson(value)}`, { [name]: value as string });
	}
	return number;
}

/** How long "typing…" shows: whole seconds, 1 to 20 (GREEN-API takes 1000–20000 ms). */
export function readTypingSeconds(item: ItemParameters, name: string): number {
	const { min, max } = SEND_LIMITS.typingSeconds;
	const seconds = readNumber(item, name, 'Typing Time (Seconds)', min, max);
	if (!Number.isInteger(seconds)) throw refuse(`Typing Time (Seconds) must be whole seconds from ${min} to ${max}, not ${seconds}`, { [name]: seconds });
	return seconds;
}

/** 2 to 12 distinct poll options of at most 100 characters, from the option list or a mapped list. */
export function readPollOptions(item: ItemParameters): string[] {
	const raw = item.value('pollOptions', 'Options', {}) as { option?: Array<{ name?: unknown }> } | unknown[];
	const values: unknown[] = Array.isArray(raw) ? raw : (raw?.option ?? []).map((entry) => entry?.name);
	const options = values.map((value) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : ''));
	const { min, max } = SEND_LIMITS.pollOptions;
	const given = { pollOptions: options.join(' | ').slice(0, 200) };
	if (options.length < min || options.length > max) throw refuse(`A poll needs ${min} to ${max} options; this one has ${options.length}: add or remove options`, given);
	const empty = options.findIndex((option) => option === '');
	if (empty !== -1) throw refuse(`Poll option ${empty + 1} is empty: give every option a text`, given);
	const long = options.findIndex((option) => option.length > SEND_LIMITS.pollOption);
	if (long !== -1) throw refuse(`Poll option ${long + 1} has ${options[long].length} characters; GREEN-API takes at most ${SEND_LIMITS.pollOption}`, given);
	const seen = new Map<string, number>();
	options.forEach((option, index) => {
		const first = seen.get(option.toLowerCase());
		if (first !== undefined) throw refuse(`Poll options ${first + 1} and ${index + 1} are the same ("${option.slice(0, 40)}"): every option must be different`, given);
		seen.set(option.toLowerCase(), index);
	});
	return options;
}

/** A phone number for a contact card: digits of an international number, written any usual way. */
export function readContactPhone(item: ItemParameters): number {
	const value = item.value('phoneContact', 'Phone Number');
	// The chatId rules' phone reading (chatId.ts), so a number written any usual way is read one way everywhere.
	const parsed = typeof value === 'string' && value.includes('@') ? undefined : parseChatId(value, ['personal']);
	const digits = parsed?.ok ? phoneNumberOf(parsed.chatId) : null;
	if (digits === null) {
		throw refuse(`Phone Number ${shortJson(value)} is not an international phone number: write it with its country code, e.g. +7 123 456-78-90`, { phoneContact: value as string });
	}
	return Number(digits);
}

/** A message ID as GREEN-API gives them (hex, or longer ids of other clients): text without spaces. */
export function readMessageId(item: ItemParameters, name: string, label: string, optional = false): string | undefined {
	return checkMessageId(item.value(name, label, optional ? '' : undefined), name, label, optional);
}

/** The message-ID rule itself, for IDs that come out of one field holding several (Forward Messages). */
export function checkMessageId(value: unknown, name: string, label: string, optional = false): string | undefined {
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	if (text === '') {
		if (optional) return undefined;
		throw refuse(`${label} is empty: map the idMessage of the message (the trigger gives it as messageId)`, { [name]: '' });
	}
	if (!/^[\w.:-]{4,128}$/.test(text)) throw refuse(`${label} ${shortJson(value)} is not a WhatsApp message ID (letters and digits, like 3EB0C767D097B7C7C030)`, { [name]: text.slice(0, 60) });
	return text;
}

function shortJson(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
