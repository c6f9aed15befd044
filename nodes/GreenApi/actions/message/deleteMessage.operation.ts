import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readMessageId } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseEmpty, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Delete Message',
	value: 'deleteMessage',
	action: 'Delete message',
	description: 'Delete a message for everyone, or only on this instance',
};

export const docs = 'https://green-api.com/en/docs/api/service/deleteMessage/';

export const properties: INodeProperties[] = [
	sendChatIdProperty('The chat the message is in'),
	{ displayName: 'Message ID', name: 'idMessage', type: 'string', required: true, default: '={{ $json.idMessage }}', description: 'The idMessage of the message' },
	{
		displayName: 'Delete For',
		name: 'deleteFor',
		type: 'options',
		options: [
			{ name: 'Everyone', value: 'everyone', description: 'Only messages sent from this instance can be deleted for everyone' },
			{ name: 'Me Only', value: 'me', description: 'The message stays on the other side' },
		],
		default: 'everyone',
	},
	optionsCollection('deleteMessage'),
];

interface Delete {
	chatId: string;
	idMessage: string;
	onlySenderDelete: boolean;
}

export const execute = runSends<Delete>({
	method: 'deleteMessage',
	unknown: 'GREEN-API may or may not have deleted this message: check the chat',
	read: (item) => ({
		chatId: item.chatId(['personal', 'group']),
		idMessage: readMessageId(item, 'idMessage', 'Message ID') as string,
		onlySenderDelete: item.value('deleteFor', 'Delete For', 'everyone') === 'me',
	}),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, idMessage }) => ({ chatId, idMessage }),
	send: async ({ call }, del) => ({ ...(await call('deleteMessage', { ...del }, parseEmpty, { emptyAnswer: true })), chatId: del.chatId, idMessage: del.idMessage, deleted: true }),
});
