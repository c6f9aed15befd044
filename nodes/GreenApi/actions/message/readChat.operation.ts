import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readMessageId } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { conform, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';
import { sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Mark as Read',
	value: 'readChat',
	action: 'Mark as read',
	description: 'Mark a chat, or one message in it, as read (blue ticks for the sender)',
};

export const docs = 'https://green-api.com/en/docs/api/marks/ReadChat/';

export const properties: INodeProperties[] = [
	sendChatIdProperty('The chat to mark as read'),
	{ displayName: 'Message ID', name: 'idMessage', type: 'string', default: '', description: 'Only this message; empty marks the whole chat as read' },
	optionsCollection('readChat'),
];

const ANSWER_FIELDS = fieldRules({ setRead: { type: 'boolean' } });

interface Read {
	chatId: string;
	idMessage?: string;
}

export const execute = runSends<Read>({
	method: 'readChat',
	unknown: 'GREEN-API may or may not have marked this chat as read',
	read: (item) => ({ chatId: item.chatId(['personal', 'group']), idMessage: readMessageId(item, 'idMessage', 'Message ID', true) }),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, idMessage }) => ({ chatId, ...(idMessage ? { idMessage } : {}) }),
	send: async ({ call }, read) => ({ ...(await call('readChat', { ...read }, (json) => conform(expectObject(json, 'setRead'), ANSWER_FIELDS))), chatId: read.chatId }),
});
