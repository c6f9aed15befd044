import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readPollOptions, readText, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send Poll',
	value: 'sendPoll',
	action: 'Send poll',
	description: 'Send a poll with 2 to 12 options; the votes arrive at the trigger as poll updates',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendPoll/';

export const properties: INodeProperties[] = [
	sendChatIdProperty(),
	{ displayName: 'Question', name: 'message', type: 'string', required: true, default: '', description: `Up to ${SEND_LIMITS.pollQuestion} characters` },
	{
		displayName: 'Options',
		name: 'pollOptions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add poll option',
		default: { option: [{ name: '' }, { name: '' }] },
		description: `${SEND_LIMITS.pollOptions.min} to ${SEND_LIMITS.pollOptions.max} different answers, up to ${SEND_LIMITS.pollOption} characters each`,
		options: [{ name: 'option', displayName: 'Option', values: [{ displayName: 'Text', name: 'name', type: 'string', default: '' }] }],
	},
	{ displayName: 'Multiple Answers', name: 'multipleAnswers', type: 'boolean', default: false, description: 'Whether a voter may choose more than one option' },
	optionsCollection('sendPoll'),
];

interface Poll {
	chatId: string;
	message: string;
	options: Array<{ optionName: string }>;
	multipleAnswers: boolean;
}

export const execute = runSends<Poll>({
	method: 'sendPoll',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => ({
		chatId: item.chatId(['personal', 'group']),
		message: readText(item, 'message', 'Question', SEND_LIMITS.pollQuestion) as string,
		options: readPollOptions(item).map((optionName) => ({ optionName })),
		multipleAnswers: item.value('multipleAnswers', 'Multiple Answers', false) === true,
	}),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, message }) => ({ chatId, message }),
	send: async ({ call }, poll) => queued(await call('sendPoll', { ...poll }, parseSent), poll.chatId),
});
