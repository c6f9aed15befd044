import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runner';
import { coerce, expectObject, UnexpectedAnswerError } from '../../helpers/values';
import { optionsCollection } from '../common';

export const option: INodePropertyOptions = {
	name: 'Get Messages Count',
	value: 'getMessagesCount',
	action: 'Get messages count',
	description: 'How many messages wait in the instance\'s send queue (GREEN-API refreshes the count about every 10 s)',
};

export const docs = 'https://green-api.com/en/docs/api/queues/GetMessagesCount/';

export const properties: INodeProperties[] = [
	{
		...optionsCollection('getMessagesCount'),
		hint: 'GREEN-API refreshes the count about every 10 seconds, so a message queued just now may not be counted yet (beta at GREEN-API)',
	},
];

/** The docs' own example spells the field with a Cyrillic "с" ("сount"): either is taken. */
const CYRILLIC_COUNT = '\u0441ount';

function parseCount(json: unknown): IDataObject {
	const answer = expectObject(json, 'the count of queued messages');
	const field = 'count' in answer ? 'count' : CYRILLIC_COUNT in answer ? CYRILLIC_COUNT : undefined;
	if (field === undefined) throw new UnexpectedAnswerError('GREEN-API answered without the count of queued messages');
	const count = coerce(answer[field], { type: 'integer' }, 'count') as number;
	if (count < 0) throw new UnexpectedAnswerError(`GREEN-API answered count as ${count}; a count cannot be negative`);
	return { count };
}

/** One GET serves every input item; each gets the count as its own item. */
export const execute = runPerItem<Record<string, never>, IDataObject>({
	method: 'getMessagesCount',
	read: () => ({}),
	keyOf: () => 'count',
	given: () => ({}),
	fetch: async ({ call }) => await call(undefined, parseCount),
	toItems: (answer) => [{ output: 0, item: { json: { ...answer } } }],
	outputCount: () => 1,
});
