import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection, PERSONAL_CHAT } from '../common';
import { BETA, buttonsProperty, buttonText, readButtonRows, readButtonsText, textProperties, withoutEmpty } from './buttons';
import type { ButtonsText } from './buttons';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send Interactive Buttons Reply',
	value: 'sendInteractiveButtonsReply',
	action: 'Send reply buttons',
	description: 'Send a message with up to 3 reply buttons: a tap answers in the chat with the button, once (beta at GREEN-API; personal chats only)',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendInteractiveButtonsReply/';

const MAX_ID = 256;

export const properties: INodeProperties[] = [
	{ ...sendChatIdProperty(PERSONAL_CHAT.description), hint: BETA },
	...textProperties(),
	buttonsProperty(
		[{ displayName: 'Button ID', name: 'buttonId', type: 'string', default: '', description: 'What the reply carries to tell the buttons apart (the trigger shows it). Empty: 1, 2, 3 by position.' }],
		'Up to 3 reply buttons; each can be pressed once',
	),
	optionsCollection('sendInteractiveButtonsReply'),
];

type Buttons = ButtonsText & { buttons: IDataObject[] };

function readButtons(item: ItemParameters): IDataObject[] {
	const texts = new Set<string>();
	const ids = new Set<string>();
	return readButtonRows(item).map((row, index) => {
		const given = typeof row.buttonId === 'string' || typeof row.buttonId === 'number' ? String(row.buttonId).trim() : '';
		const buttonId = given || String(index + 1);
		if (buttonId.length > MAX_ID) throw refuse(`Button ${index + 1}'s Button ID has ${buttonId.length} characters; keep it under ${MAX_ID}`, { buttonId: buttonId.slice(0, 40) });
		if (ids.has(buttonId)) throw refuse(`Buttons share the Button ID "${buttonId.slice(0, 40)}": the reply could not tell them apart, give each its own`, { buttonId: buttonId.slice(0, 40) });
		ids.add(buttonId);
		return { buttonId, buttonText: buttonText(row, index, texts) };
	});
}

export const execute = runSends<Buttons>({
	method: 'sendInteractiveButtonsReply',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => ({ ...readButtonsText(item), buttons: readButtons(item) }),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId }) => ({ chatId }),
	send: async ({ call }, message) => queued(await call('sendInteractiveButtonsReply', withoutEmpty({ ...message }), parseSent), message.chatId),
});
