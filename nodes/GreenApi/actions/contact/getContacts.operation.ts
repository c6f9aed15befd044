import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import { limitProperties, readLimit } from '../../helpers/listLimits';
import { runPerItem } from '../../helpers/runner';
import type { OutputItem } from '../../helpers/runner';
import { conform, expectList, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';

export const option: INodePropertyOptions = {
	name: 'Get Contacts',
	value: 'getContacts',
	action: 'Get contacts',
	description: "List the instance's contacts and groups",
};

export const docs = 'https://green-api.com/en/docs/api/service/GetContacts/';

export const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'contactType',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Users', value: 'user' },
			{ name: 'Groups', value: 'group' },
		],
		default: 'all',
		description: 'Which entries of the contact list to return',
		hint: 'Right after the instance is authorised, GREEN-API may not have loaded the contacts yet: an empty list then means "try again in a few minutes"',
	},
	...limitProperties,
	optionsCollection('getContacts'),
];

interface ListQuery {
	type: string;
	limit: number;
}

const CONTACT_FIELDS = fieldRules({ id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } });
const EMPTY_HINT = 'GREEN-API returned no contacts. Right after the instance is authorised the list may not be loaded yet: try again in a few minutes.';

function readQuery(item: { value(name: string, label: string, fallback?: unknown): unknown }): ListQuery {
	const type = item.value('contactType', 'Type', 'all');
	if (type !== 'all' && type !== 'user' && type !== 'group') throw refuse('Type must be all, user or group', { contactType: type as string });
	return { type, limit: readLimit(item) };
}

function parseContacts(json: unknown): IDataObject[] {
	return expectList(json, 'a list of contacts').map((entry, index) => conform(expectObject(entry, `contact [${index}]`), CONTACT_FIELDS, `[${index}].`));
}

/** One GET serves every input item; each item filters and limits the list its own way. */
export const execute = runPerItem<ListQuery, IDataObject[]>({
	method: 'getContacts',
	read: readQuery,
	keyOf: () => 'contacts',
	given: ({ type, limit }) => ({ contactType: type, limit: Number.isFinite(limit) ? limit : 'all' }),
	fetch: async ({ call, context }) => {
		const contacts = await call(undefined, parseContacts);
		if (contacts.length === 0) context.addExecutionHints({ message: EMPTY_HINT, location: 'outputPane' });
		return contacts;
	},
	toItems: (contacts, { type, limit }) => {
		// Stops at the limit: a long list is read only as far as this item emits.
		const items: OutputItem[] = [];
		for (const contact of contacts) {
			if (items.length >= limit) break;
			if (type === 'all' || contact.type === type) items.push({ output: 0, item: { json: { chatId: contact.id, ...contact } } });
		}
		return items;
	},
	outputCount: () => 1,
});
