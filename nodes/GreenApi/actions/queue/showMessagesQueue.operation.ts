import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ItemParameters } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/runner';
import type { OutputItem } from '../../helpers/runner';
import { conform, expectList, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';
import { limitProperties, readLimit } from '../../helpers/listLimits';

export const option: INodePropertyOptions = {
	name: 'Show Messages Queue',
	value: 'showMessagesQueue',
	action: 'Show messages queue',
	description: 'List the messages still waiting in the instance\'s send queue, one item each',
};

export const docs = 'https://green-api.com/en/docs/api/queues/ShowMessagesQueue/';

/** GREEN-API lists only the first 500 queued messages (its docs say so). */
const MAX_LISTED = 500;

export const properties: INodeProperties[] = [
	{ ...limitProperties[0], hint: `GREEN-API lists at most the first ${MAX_LISTED} waiting messages; Get Messages Count counts them all` },
	...limitProperties.slice(1),
	optionsCollection('showMessagesQueue'),
];

const ENTRY_FIELDS = fieldRules({ messageID: { type: 'string' }, messagesIDs: { type: 'list' }, type: { type: 'string' }, body: { type: 'object' } });
const BODY_FIELDS = fieldRules({
	chatId: { type: 'string' },
	message: { type: 'string' },
	linkPreview: { type: 'boolean' },
	quotedMessageId: { type: 'string' },
	options: { type: 'list' },
	fileName: { type: 'string' },
	caption: { type: 'string' },
	archive: { type: 'boolean' },
	urlFile: { type: 'string' },
	nameLocation: { type: 'string' },
	address: { type: 'string' },
	contact: { type: 'object' },
	chatIdFrom: { type: 'string' },
	messages: { type: 'list' },
});

/**
 * One queued message. `chatId` and `idMessage` are lifted to the top, named as everywhere
 * else in this node, so a queued message maps like a sent one (GREEN-API spells it messageID).
 */
function parseEntry(raw: unknown, index: number): IDataObject {
	const entry = conform(expectObject(raw, `queued message [${index}]`), ENTRY_FIELDS, `[${index}].`);
	const body = entry.body === undefined ? undefined : conform(entry.body as IDataObject, BODY_FIELDS, `[${index}].body.`);
	const lifted: IDataObject = {};
	if (typeof body?.chatId === 'string') lifted.chatId = body.chatId;
	if (typeof entry.messageID === 'string') lifted.idMessage = entry.messageID;
	return { ...lifted, ...entry, ...(body ? { body } : {}) };
}

function parseQueue(json: unknown): IDataObject[] {
	return expectList(json, 'a list of queued messages').map(parseEntry);
}

const EMPTY_HINT = 'The send queue is empty: every message the instance accepted has gone out (or was cleared).';
const CAPPED_HINT = `GREEN-API listed ${MAX_LISTED} messages, the most it lists: more may be waiting. Get Messages Count says how many.`;

/** One GET serves every input item; each limits the list its own way. */
export const execute = runPerItem<{ limit: number }, IDataObject[]>({
	method: 'showMessagesQueue',
	read: (item: ItemParameters) => ({ limit: readLimit(item) }),
	keyOf: () => 'queue',
	given: ({ limit }) => ({ limit: Number.isFinite(limit) ? limit : 'all' }),
	fetch: async ({ call, context }) => {
		const queue = await call(undefined, parseQueue);
		if (queue.length === 0) context.addExecutionHints({ message: EMPTY_HINT, location: 'outputPane' });
		if (queue.length >= MAX_LISTED) context.addExecutionHints({ message: CAPPED_HINT, location: 'outputPane' });
		return queue;
	},
	toItems: (queue, { limit }) => queue.slice(0, limit).map((entry): OutputItem => ({ output: 0, item: { json: entry } })),
	outputCount: () => 1,
});
