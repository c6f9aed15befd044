import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { checkMessageId } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import type { SendContext } from '../../helpers/sendRunner';
import { inSteps } from '../../helpers/steps';
import { expectObject, UnexpectedAnswerError } from '../../helpers/values';
import { optionsCollection } from '../common';
import { MAY_HAVE_BEEN_SENT, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Forward Messages',
	value: 'forwardMessages',
	action: 'Forward messages',
	description: 'Forward messages from one chat to another',
};

export const docs = 'https://green-api.com/en/docs/api/sending/ForwardMessages/';

export const properties: INodeProperties[] = [
	sendChatIdProperty('The chat to forward to: a personal chat, a phone number or a group'),
	{ displayName: 'From Chat ID', name: 'chatIdFrom', type: 'string', required: true, default: '', placeholder: '71234567890@c.us', description: 'The chat the messages are in' },
	{
		displayName: 'Message IDs',
		name: 'messages',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3EB0C767D097B7C7C030, 3EB0C767D097B7C7C031',
		description: 'The idMessage of each message to forward, separated by commas, or a mapped list',
	},
	optionsCollection('forwardMessages'),
];

const MAX_MESSAGES = 100;

interface Forward {
	chatId: string;
	chatIdFrom: string;
	messages: string[];
}

function readIds(item: ItemParameters): string[] {
	const raw = item.value('messages', 'Message IDs');
	const list = Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/);
	const ids = list.map((value) => String(value ?? '').trim()).filter((id) => id !== '');
	if (ids.length === 0) throw refuse('Message IDs is empty: give the idMessage of at least one message to forward', { messages: '' });
	if (ids.length > MAX_MESSAGES) throw refuse(`Message IDs has ${ids.length} IDs; forward at most ${MAX_MESSAGES} per item`, { messages: ids.length });
	// Checked one by one with the same rule as a single ID field.
	return ids.map((id, index) => checkMessageId(id, 'messages', `Message ID ${index + 1}`) as string);
}

/** `{ messages: [ids] }`: the IDs of the new copies in the target chat. */
function parseForwarded(json: unknown): string[] {
	const { messages } = expectObject(json, 'the IDs of the forwarded messages');
	if (!Array.isArray(messages) || messages.length === 0 || messages.some((id) => typeof id !== 'string')) throw new UnexpectedAnswerError('GREEN-API answered without the IDs of the forwarded messages');
	return messages as string[];
}

/**
 * GREEN-API forwards only the first ID of a call today, so each message is its own call, in
 * order; a failure after some went through says which did.
 */
async function forward(call: SendContext['call'], { chatId, chatIdFrom, messages }: Forward): Promise<IDataObject> {
	const ids = await inSteps(
		messages,
		async (id) => (await call('forwardMessages', { chatId, chatIdFrom, messages: [id] }, parseForwarded))[0],
		(done) => `${done.length} of ${messages.length} messages were forwarded (${done.join(', ')}) before this one failed: forward only the rest again.`,
	);
	return { chatId, chatIdFrom, idMessages: ids, forwarded: messages.map((from, index) => ({ from, idMessage: ids[index] })), sendState: 'queued' };
}

export const execute = runSends<Forward>({
	method: 'forwardMessages',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => ({ chatId: item.chatId(['personal', 'group']), chatIdFrom: item.chatId(['personal', 'group'], 'chatIdFrom', 'From Chat ID'), messages: readIds(item) }),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, chatIdFrom, messages }) => ({ chatId, chatIdFrom, messages: messages.join(', ') }),
	send: async ({ call }, params) => await forward(call, params),
});
