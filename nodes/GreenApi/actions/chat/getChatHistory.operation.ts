import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runner';
import type { OutputItem } from '../../helpers/runner';
import { optionsCollection } from '../common';
import { limitProperties, readLimit } from '../../helpers/listLimits';
import { JOURNAL_LAG, journalChatIdProperty, messageItem, parseEntries } from './journal';

export const option: INodePropertyOptions = {
	name: 'Get Chat History',
	value: 'getChatHistory',
	action: 'Get chat history',
	description: 'List the messages of one chat, newest first, one item each: chat, ID, time, direction, text and sender, ready for a CRM',
};

export const docs = 'https://green-api.com/en/docs/api/journals/GetChatHistory/';

/** Return All asks for this many: GREEN-API has no "all", and answers what WhatsApp gave it, however few. */
export const ALL_MESSAGES = 100_000;

export const properties: INodeProperties[] = [
	journalChatIdProperty('The chat: a personal chat (…@c.us, …@lid or a phone number) or a group (…@g.us). The default takes the chat of the incoming message from the GREEN-API Trigger.', JOURNAL_LAG),
	...limitProperties,
	optionsCollection('getChatHistory'),
];

interface HistoryQuery {
	chatId: string;
	/** What GREEN-API is asked for (its count); Return All asks for ALL_MESSAGES. */
	count: number;
}

/** Items asking for the same chat and count share one request. */
export const execute = runPerItem<HistoryQuery, IDataObject[]>({
	method: 'getChatHistory',
	read: (item) => {
		const chatId = item.chatId(['personal', 'group']);
		const limit = readLimit(item);
		return { chatId, count: Number.isFinite(limit) ? Math.min(limit, ALL_MESSAGES) : ALL_MESSAGES };
	},
	keyOf: ({ chatId, count }) => `${chatId}|${count}`,
	given: ({ chatId, count }) => ({ chatId, count }),
	fetch: async ({ call }, { chatId, count }) => await call({ chatId, count }, parseEntries),
	// Newest first, as GREEN-API answers; sliced, in case it answers more than was asked.
	toItems: (entries, { chatId, count }) => entries.slice(0, count).map((entry): OutputItem => ({ output: 0, item: { json: messageItem(entry, chatId) } })),
	outputCount: () => 1,
});
