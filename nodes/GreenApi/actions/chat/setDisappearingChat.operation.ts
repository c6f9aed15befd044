import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import { runSends } from '../../helpers/sendRunner';
import { conform, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';
import { journalChatIdProperty } from './journal';

export const option: INodePropertyOptions = {
	name: 'Set Disappearing Messages',
	value: 'setDisappearingChat',
	action: 'Set disappearing',
	description: 'Turn disappearing messages in a chat off, or on for 24 hours, 7 days or 90 days',
};

export const docs = 'https://green-api.com/en/docs/api/service/SetDisappearingChat/';

/** WhatsApp's only choices, in seconds: GREEN-API refuses any other ephemeralExpiration. */
export const EXPIRATIONS = { off: 0, '24 hours': 86_400, '7 days': 604_800, '90 days': 7_776_000 } as const;
const ALLOWED: ReadonlySet<number> = new Set(Object.values(EXPIRATIONS));

export const properties: INodeProperties[] = [
	journalChatIdProperty('The chat: a personal chat (…@c.us, …@lid or a phone number) or a group (…@g.us)', 'New messages of the chat disappear after the time chosen, for everyone in it; WhatsApp tells the chat that it changed'),
	{
		displayName: 'Messages Disappear After',
		name: 'ephemeralExpiration',
		type: 'options',
		options: [
			{ name: 'Off', value: 0 },
			{ name: '24 Hours', value: 86400 },
			{ name: '7 Days', value: 604800 },
			{ name: '90 Days', value: 7776000 },
		],
		default: 0,
		description: 'How long new messages stay; Off keeps them',
	},
	optionsCollection('setDisappearingChat'),
];

interface Disappearing {
	chatId: string;
	ephemeralExpiration: number;
}

const ANSWER_FIELDS = fieldRules({ chatId: { type: 'string' }, disappearingMessagesInChat: { type: 'boolean' }, ephemeralExpiration: { type: 'integer' } });

function readExpiration(value: unknown): number {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof seconds !== 'number' || !ALLOWED.has(seconds)) {
		throw refuse(`Messages Disappear After must be Off (0), 24 hours (86400), 7 days (604800) or 90 days (7776000) in seconds, not ${JSON.stringify(value)?.slice(0, 40)}`, { ephemeralExpiration: value as number });
	}
	return seconds;
}

export const execute = runSends<Disappearing>({
	method: 'setDisappearingChat',
	unknown: 'GREEN-API may or may not have changed disappearing messages in this chat: check the chat (Get Contact Info\'s messageExpiration) before running it again',
	read: (item) => ({ chatId: item.chatId(['personal', 'group']), ephemeralExpiration: readExpiration(item.value('ephemeralExpiration', 'Messages Disappear After', 0)) }),
	chatOf: ({ chatId }) => chatId,
	given: (params) => ({ ...params }),
	send: async ({ call }, params) => {
		const answer: IDataObject = await call('setDisappearingChat', { ...params }, (json) => conform(expectObject(json, 'the chat\'s disappearing-messages setting'), ANSWER_FIELDS));
		return { chatId: params.chatId, disappearingMessagesInChat: params.ephemeralExpiration > 0, ephemeralExpiration: params.ephemeralExpiration, ...answer, sendState: 'done' };
	},
});
