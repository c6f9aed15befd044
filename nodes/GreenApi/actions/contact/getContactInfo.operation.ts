import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { parseContact } from '../../helpers/contact';
import type { ParsedContact } from '../../helpers/contact';
import { runPerItem } from '../../helpers/runner';
import type { PerItemOperation } from '../../helpers/runner';
import { chatIdProperty, optionsCollection, PERSONAL_CHAT } from '../common';

export const option: INodePropertyOptions = {
	name: 'Get Contact Info',
	value: 'getContactInfo',
	action: 'Get contact info',
	description: "Get a contact's WhatsApp profile and business catalogue",
};

export const docs = 'https://green-api.com/en/docs/api/service/GetContactInfo/';

export const outputs = { names: ['Contact', 'Products'] };

export const properties: INodeProperties[] = [
	chatIdProperty(PERSONAL_CHAT.placeholder, PERSONAL_CHAT.description),
	optionsCollection('getContactInfo', [
		{
			displayName: 'Include Products in Contact',
			name: 'includeProducts',
			type: 'boolean',
			default: true,
			description: 'Whether the Contact item also lists the products; they always have their own output',
		},
	]),
];

/** Contact: one item per input item. Products: one item per catalogue product, paired to that input item. */
export const spec: PerItemOperation<string, ParsedContact> = {
	method: 'getContactInfo',
	read: (item) => item.chatId(['personal']),
	keyOf: (chatId) => chatId,
	given: (chatId) => ({ chatId }),
	fetch: ({ call }, chatId) => call({ chatId }, (json) => parseContact(json, chatId)),
	toItems: ({ contact, products }, chatId, options) => {
		const contactChatId = contact.chatId ?? chatId;
		const { products: listed, ...rest } = contact;
		return [
			{ output: 0, item: { json: options.includeProducts === false ? rest : { ...rest, products: listed } } },
			...products.map((product) => ({ output: 1, item: { json: { ...product, chatId: contactChatId } } })),
		];
	},
	outputCount: () => 2,
};

export const execute = runPerItem(spec);
