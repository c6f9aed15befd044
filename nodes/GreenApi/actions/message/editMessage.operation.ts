import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readMessageId, readText, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseSent, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Edit Message',
	value: 'editMessage',
	action: 'Edit message',
	description: 'Change the text of a message sent from this instance, within 15 minutes of sending',
};

export const docs = 'https://green-api.com/en/docs/api/service/EditMessage/';

export const properties: INodeProperties[] = [
	{ ...sendChatIdProperty('The chat the message is in'), hint: 'WhatsApp allows edits for 15 minutes after sending; a later edit is answered as done but changes nothing' },
	{ displayName: 'Message ID', name: 'idMessage', type: 'string', required: true, default: '={{ $json.idMessage }}', description: 'The idMessage a send answered' },
	{ displayName: 'New Text', name: 'message', type: 'string', required: true, default: '', typeOptions: { rows: 4 } },
	optionsCollection('editMessage'),
];

interface Edit {
	chatId: string;
	idMessage: string;
	message: string;
}

export const execute = runSends<Edit>({
	method: 'editMessage',
	unknown: 'GREEN-API may or may not have edited this message: check the chat before editing it again',
	read: (item) => ({
		chatId: item.chatId(['personal', 'group']),
		idMessage: readMessageId(item, 'idMessage', 'Message ID') as string,
		message: readText(item, 'message', 'New Text', SEND_LIMITS.text) as string,
	}),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, idMessage }) => ({ chatId, idMessage }),
	send: async ({ call }, edit) => ({ ...(await call('editMessage', { ...edit }, parseSent)), chatId: edit.chatId, edited: true }),
});
