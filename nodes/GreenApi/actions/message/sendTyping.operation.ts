import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readTypingSeconds, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseEmpty, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Show Typing',
	value: 'sendTyping',
	action: 'Show typing',
	description: 'Show "typing…" or "recording audio…" in a chat for a few seconds',
};

export const docs = 'https://green-api.com/en/docs/api/service/SendTyping/';

export const properties: INodeProperties[] = [
	sendChatIdProperty('The chat to show it in'),
	{ displayName: 'Seconds', name: 'seconds', type: 'number', default: 5, typeOptions: { minValue: SEND_LIMITS.typingSeconds.min, maxValue: SEND_LIMITS.typingSeconds.max }, description: `${SEND_LIMITS.typingSeconds.min} to ${SEND_LIMITS.typingSeconds.max}` },
	{
		displayName: 'Show',
		name: 'typingType',
		type: 'options',
		options: [
			{ name: 'Typing…', value: 'typing' },
			{ name: 'Recording Audio…', value: 'recording' },
		],
		default: 'typing',
	},
	optionsCollection('sendTyping'),
];

interface Typing {
	chatId: string;
	typingTime: number;
	typingType?: 'recording';
}

export const execute = runSends<Typing>({
	method: 'sendTyping',
	unknown: 'GREEN-API may or may not have shown it',
	read: (item) => ({
		chatId: item.chatId(['personal', 'group']),
		typingTime: readTypingSeconds(item, 'seconds') * 1000,
		typingType: item.value('typingType', 'Show', 'typing') === 'recording' ? 'recording' : undefined,
	}),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId }) => ({ chatId }),
	send: async ({ call }, typing) => ({ ...(await call('sendTyping', { ...typing }, parseEmpty, { emptyAnswer: true })), chatId: typing.chatId, typingTime: typing.typingTime }),
});
