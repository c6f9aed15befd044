import type { IDataObject } from 'n8n-workflow';

import { phoneNumberOf } from './chatId';

/**
 * getContactInfo answer → contact json with the documented field types.
 *
 * Every field the API sends is kept (unknown ones untouched); documented fields are
 * brought to their documented type when that loses nothing (a number where a string is
 * documented, "true" for a boolean, "60" for an integer) and refused otherwise, so
 * downstream CRM mappings can rely on the types.
 */

export interface ParsedContact {
	contact: IDataObject;
	products: IDataObject[];
}

export class UnexpectedAnswerError extends Error {}

type FieldType = 'string' | 'boolean' | 'integer' | 'object';
interface FieldRule {
	type: FieldType;
	nullable?: boolean;
}

type FieldRules = ReadonlyArray<readonly [string, FieldRule]>;

const CONTACT_FIELDS: FieldRules = Object.entries({
	avatar: { type: 'string' },
	name: { type: 'string' },
	contactName: { type: 'string' },
	email: { type: 'string' },
	category: { type: 'string' },
	description: { type: 'string' },
	chatId: { type: 'string' },
	// Documented as string, null in the vendor's own example.
	lastSeen: { type: 'string', nullable: true },
	isArchive: { type: 'boolean' },
	isDisappearing: { type: 'boolean' },
	isMute: { type: 'boolean' },
	messageExpiration: { type: 'integer' },
	muteExpiration: { type: 'integer', nullable: true },
	isBusiness: { type: 'boolean' },
} satisfies Record<string, FieldRule>);

const PRODUCT_FIELDS: FieldRules = Object.entries({
	id: { type: 'string' },
	imageUrls: { type: 'object' },
	availability: { type: 'string' },
	reviewStatus: { type: 'object' },
	name: { type: 'string' },
	description: { type: 'string' },
	price: { type: 'string', nullable: true },
	isHidden: { type: 'boolean' },
} satisfies Record<string, FieldRule>);

export function parseContact(body: unknown, requestedChatId: string): ParsedContact {
	if (!isPlainObject(body)) {
		throw new UnexpectedAnswerError(`GREEN-API answered ${describe(body)} instead of a contact object`);
	}
	const contact = conform(body, CONTACT_FIELDS, '');
	const products = toProductList(body.products).map((product, index) =>
		conform(product, PRODUCT_FIELDS, `products[${index}].`),
	);
	contact.products = products;
	const chatId = typeof contact.chatId === 'string' ? contact.chatId : requestedChatId;
	contact.phoneNumber = phoneNumberOf(chatId);
	return { contact, products };
}

/** The docs call products an "object", the example shows an array: accept both. */
function toProductList(value: unknown): IDataObject[] {
	if (value === undefined || value === null) return [];
	let list: unknown[];
	if (Array.isArray(value)) list = value;
	else if (isPlainObject(value)) list = 'id' in value ? [value] : Object.values(value);
	else throw new UnexpectedAnswerError(`GREEN-API answered products as ${describe(value)} instead of a list`);
	return list.map((product, index) => {
		if (!isPlainObject(product)) {
			throw new UnexpectedAnswerError(`GREEN-API answered products[${index}] as ${describe(product)} instead of an object`);
		}
		return product;
	});
}

function conform(source: IDataObject, rules: FieldRules, prefix: string): IDataObject {
	const result: IDataObject = { ...source };
	for (const [field, rule] of rules) {
		if (!(field in source)) continue;
		result[field] = coerce(source[field], rule, prefix + field);
	}
	return result;
}

function coerce(value: unknown, rule: FieldRule, path: string): IDataObject[string] {
	if (value === null && rule.nullable) return null;
	switch (rule.type) {
		case 'string':
			if (typeof value === 'string') return value;
			if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
			break;
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 1) return true;
			if (value === 'false' || value === 0) return false;
			break;
		case 'integer':
			if (Number.isSafeInteger(value)) return value as number;
			if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
			break;
		case 'object':
			if (isPlainObject(value)) return value;
			break;
	}
	const expected = rule.nullable ? `${rule.type} or null` : rule.type;
	throw new UnexpectedAnswerError(`GREEN-API answered ${path} as ${describe(value)}; the documented type is ${expected}`);
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}
