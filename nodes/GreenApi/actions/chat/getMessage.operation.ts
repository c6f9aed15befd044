import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runner';
import { readMessageId } from '../../helpers/sendRules';
import { optionsCollection } from '../common';
import { JOURNAL_LAG, journalChatIdProperty, messageItem, parseEntry } from './journal';

export const option: INodePropertyOptions = {
	name: 'Get Message',
	value: 'getMessage',
	action: 'Get message',
	description: 'Get one message of a chat by its ID, in the same shape as Get Chat History',
};

export const docs = 'https://green-api.com/en/docs/api/journals/GetMessage/';

export const properties: INodeProperties[] = [
	journalChatIdProperty('The chat the message is in: a personal chat (…@c.us, …@lid or a phone number) or a group (…@g.us)', JOURNAL_LAG),
	{ displayName: 'Message ID', name: 'idMessage', type: 'string', required: true, default: '={{ $json.messageId ?? $json.idMessage }}', description: 'The idMessage of the message (the GREEN-API Trigger gives it as messageId, a send as idMessage)' },
	optionsCollection('getMessage'),
];

interface MessageQuery {
	chatId: string;
	idMessage: string;
}

export const execute = runPerItem<MessageQuery, IDataObject>({
	method: 'getMessage',
	read: (item) => ({ chatId: item.chatId(['personal', 'group']), idMessage: readMessageId(item, 'idMessage', 'Message ID') as string }),
	keyOf: ({ chatId, idMessage }) => `${chatId}|${idMessage}`,
	given: ({ chatId, idMessage }) => ({ chatId, idMessage }),
	fetch: async ({ call }, { chatId, idMessage }) => await call({ chatId, idMessage }, (json) => parseEntry(json)),
	toItems: (entry, { chatId }) => [{ output: 0, item: { json: messageItem(entry, chatId) } }],
	outputCount: () => 1,
});
