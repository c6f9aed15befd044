import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readMessageId, readText, readTypingSeconds, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, quotedMessageOption, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send Text',
	value: 'sendMessage',
	action: 'Send text',
	// Read by an AI agent when the node is its tool: what it does and what it needs.
	description: 'Send a WhatsApp text message to a chat (a phone number, a personal chat ID or a group ID); answers the idMessage of the queued message',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendMessage/';

export const properties: INodeProperties[] = [
	sendChatIdProperty(),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `The text, 1 to ${SEND_LIMITS.text.toLocaleString('en-US')} characters. WhatsApp formatting works: *bold*, _italic_, ~strike~, \`\`\`code\`\`\`.`,
	},
	optionsCollection('sendMessage', [
		quotedMessageOption,
		{
			displayName: 'Link Preview',
			name: 'linkPreview',
			type: 'boolean',
			default: true,
			description: 'Whether WhatsApp shows a preview of the first link in the text',
		},
		{
			displayName: 'Typing Time (Seconds)',
			name: 'typingSeconds',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: SEND_LIMITS.typingSeconds.max },
			description: `Show "typing…" in the chat for this long before the message appears (${SEND_LIMITS.typingSeconds.min} to ${SEND_LIMITS.typingSeconds.max}; 0 = none)`,
		},
	]),
];

interface Text {
	chatId: string;
	message: string;
	quotedMessageId?: string;
	linkPreview?: boolean;
	typingTime?: number;
}

export const execute = runSends<Text>({
	method: 'sendMessage',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => {
		const chatId = item.chatId(['personal', 'group']);
		const message = readText(item, 'message', 'Message', SEND_LIMITS.text) as string;
		const quotedMessageId = readMessageId(item, 'options.quotedMessageId', 'Quote Message ID', true);
		const linkPreview = item.value('options.linkPreview', 'Link Preview', true);
		const typing = item.value('options.typingSeconds', 'Typing Time', 0);
		const typingTime = typing === 0 || typing === '' ? undefined : readTypingSeconds(item, 'options.typingSeconds') * 1000;
		return { chatId, message, quotedMessageId, linkPreview: linkPreview === false ? false : undefined, typingTime };
	},
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, message }) => ({ chatId, message: message.length > 200 ? `${message.slice(0, 200)}…` : message }),
	send: async ({ call }, text) => queued(await call('sendMessage', { ...text }, parseSent), text.chatId),
});
