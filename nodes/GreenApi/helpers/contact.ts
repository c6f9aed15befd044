import type { IDataObject } from 'n8n-workflow';

import { phoneNumberOf } from './chatId';
import { withIsoTimes } from './time';
import { conform, describe, expectObject, fieldRules, isPlainObject, UnexpectedAnswerError } from './values';

export { UnexpectedAnswerError } from './values';

/** getContactInfo answer → contact json with the documented field types, and its products. */
export interface ParsedContact {
	contact: IDataObject;
	products: IDataObject[];
}

const CONTACT_FIELDS = fieldRules({
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
});

const PRODUCT_FIELDS = fieldRules({
	id: { type: 'string' },
	imageUrls: { type: 'object' },
	availability: { type: 'string' },
	reviewStatus: { type: 'object' },
	name: { type: 'string' },
	description: { type: 'string' },
	price: { type: 'string', nullable: true },
	isHidden: { type: 'boolean' },
});

/** What a CRM step maps comes first in the editor's table; long values (URLs, lists) last. */
const FIRST = ['chatId', 'phoneNumber', 'name', 'contactName', 'email', 'isBusiness', 'category', 'description'];
const LAST = ['avatar', 'products'];

export function parseContact(body: unknown, requestedChatId: string): ParsedContact {
	const answer = conform(expectObject(body, 'a contact object'), CONTACT_FIELDS);
	const products = toProductList(answer.products).map((product, index) => conform(product, PRODUCT_FIELDS, `products[${index}].`));
	const chatId = typeof answer.chatId === 'string' ? answer.chatId : requestedChatId;
	const contact = withIsoTimes({ ...answer, phoneNumber: phoneNumberOf(chatId), products }, ['lastSeen', 'muteExpiration']);
	return { contact: ordered(contact), products };
}

function ordered(contact: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const key of FIRST) if (key in contact) result[key] = contact[key];
	for (const key of Object.keys(contact)) if (!FIRST.includes(key) && !LAST.includes(key)) result[key] = contact[key];
	for (const key of LAST) if (key in contact) result[key] = contact[key];
	return result;
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
