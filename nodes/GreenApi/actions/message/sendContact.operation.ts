import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import { readContactPhone, readMessageId, readText } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, quotedMessageOption, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send Contact',
	value: 'sendContact',
	action: 'Send contact',
	description: 'Send a contact card that the receiver can save or write to',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendContact/';

const NAMES = [
	['firstName', 'First Name'],
	['middleName', 'Middle Name'],
	['lastName', 'Last Name'],
	['company', 'Company'],
] as const;

export const properties: INodeProperties[] = [
	sendChatIdProperty(),
	{ displayName: 'Phone Number', name: 'phoneContact', type: 'string', required: true, default: '', placeholder: '+7 123 456-78-90', description: "The card's number, in international format, written any usual way" },
	...NAMES.map(([name, displayName], index): INodeProperties => ({ displayName, name, type: 'string', default: '', ...(index === 0 ? { hint: 'At least one of the names or the company is needed' } : {}) })),
	optionsCollection('sendContact', [quotedMessageOption]),
];

interface ContactCard {
	chatId: string;
	contact: { phoneContact: number; firstName?: string; middleName?: string; lastName?: string; company?: string };
	quotedMessageId?: string;
}

export const execute = runSends<ContactCard>({
	method: 'sendContact',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => {
		const chatId = item.chatId(['personal', 'group']);
		const contact: ContactCard['contact'] = { phoneContact: readContactPhone(item) };
		for (const [name, label] of NAMES) contact[name] = readText(item, name, label, 256, true)?.trim() || undefined;
		if (NAMES.every(([name]) => contact[name] === undefined)) throw refuse('A contact card needs a name: fill in First Name, Middle Name, Last Name or Company', { phoneContact: contact.phoneContact });
		return { chatId, contact, quotedMessageId: readMessageId(item, 'options.quotedMessageId', 'Quote Message ID', true) };
	},
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, contact }) => ({ chatId, phoneContact: contact.phoneContact }),
	send: async ({ call }, card) => queued(await call('sendContact', { ...card }, parseSent), card.chatId),
});
