import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseChatId, phoneNumberOf } from '../../helpers/chatId';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { readText, SEND_LIMITS } from '../../helpers/sendRules';

/**
 * What Send Interactive Buttons and its Reply variant share: header, body, footer and up to
 * three buttons, checked before any request by GREEN-API's own rules (a button text of at
 * most 25 characters, at most 3 buttons), so a bad item sends nothing.
 */
export const BUTTON_LIMITS = { count: 3, text: 25 } as const;

export const BETA = 'Beta at GREEN-API: personal chats only, and it may change or work unstably. Not shown by WhatsApp for Windows.';

export function textProperties(): INodeProperties[] {
	return [
		{ displayName: 'Header', name: 'header', type: 'string', default: '', description: 'A title above the text (optional)' },
		{ displayName: 'Body', name: 'body', type: 'string', required: true, default: '', typeOptions: { rows: 3 }, description: `The message text, up to ${SEND_LIMITS.text.toLocaleString('en-US')} characters` },
		{ displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'Small text under the message, above the buttons (optional)' },
	];
}

/** The Buttons list: one row per button, `fields` after its text. */
export function buttonsProperty(fields: INodeProperties[], description: string): INodeProperties {
	return {
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxValue: BUTTON_LIMITS.count },
		placeholder: 'Add Button',
		default: {},
		description,
		options: [{ displayName: 'Button', name: 'button', values: [{ displayName: 'Button Text', name: 'buttonText', type: 'string', default: '', description: `At most ${BUTTON_LIMITS.text} characters` }, ...fields] }],
	};
}

export interface ButtonsText {
	chatId: string;
	header?: string;
	body: string;
	footer?: string;
}

export function readButtonsText(item: ItemParameters): ButtonsText {
	return {
		chatId: item.chatId(['personal']),
		header: readText(item, 'header', 'Header', SEND_LIMITS.text, true),
		body: readText(item, 'body', 'Body', SEND_LIMITS.text) as string,
		footer: readText(item, 'footer', 'Footer', SEND_LIMITS.text, true),
	};
}

/** The rows as given: from the list, or an expression giving a list of button objects. */
export function readButtonRows(item: ItemParameters): IDataObject[] {
	const raw = item.value('buttons', 'Buttons', {}) as { button?: unknown } | unknown[];
	const rows: unknown[] = Array.isArray(raw) ? raw : Array.isArray(raw?.button) ? raw.button : [];
	if (rows.length === 0) throw refuse('Buttons is empty: add at least one button', { buttons: 0 });
	if (rows.length > BUTTON_LIMITS.count) throw refuse(`A message takes at most ${BUTTON_LIMITS.count} buttons; this one has ${rows.length}: remove some`, { buttons: rows.length });
	return rows.map((row, index) => {
		if (row === null || typeof row !== 'object' || Array.isArray(row)) throw refuse(`Button ${index + 1} is not an object with a buttonText`, { buttons: rows.length });
		return row as IDataObject;
	});
}

/** A button's text: 1 to 25 characters, distinct from the others (WhatsApp shows them side by side). */
export function buttonText(row: IDataObject, index: number, seen: Set<string>): string {
	const text = typeof row.buttonText === 'string' || typeof row.buttonText === 'number' ? String(row.buttonText).trim() : '';
	if (text === '') throw refuse(`Button ${index + 1} has no Button Text: give every button a text`, { buttonText: '' });
	if (text.length > BUTTON_LIMITS.text) throw refuse(`Button ${index + 1}'s text has ${text.length} characters; GREEN-API takes at most ${BUTTON_LIMITS.text}: shorten "${text.slice(0, 40)}"`, { buttonText: text.slice(0, 40) });
	if (seen.has(text.toLowerCase())) throw refuse(`Buttons share the text "${text}": give each button its own`, { buttonText: text });
	seen.add(text.toLowerCase());
	return text;
}

/** A call button's number: an international phone number, sent as its digits. */
export function buttonPhone(value: unknown, index: number): string {
	const parsed = typeof value === 'string' && value.includes('@') ? undefined : parseChatId(value, ['personal']);
	const digits = parsed?.ok ? phoneNumberOf(parsed.chatId) : null;
	if (digits === null) throw refuse(`Button ${index + 1}'s Phone Number ${JSON.stringify(value)?.slice(0, 40)} is not an international phone number: write it with its country code, e.g. +7 123 456-78-90`, { phoneNumber: String(value).slice(0, 40) });
	return digits;
}

/** A url button's link: http(s) only, as WhatsApp opens it. */
export function buttonUrl(value: unknown, index: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw refuse(`Button ${index + 1}'s URL "${text.slice(0, 80)}" is not an http(s) link, e.g. https://example.com/order/42`, { url: text.slice(0, 80) });
	return text;
}

export function withoutEmpty(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined && value !== ''));
}
