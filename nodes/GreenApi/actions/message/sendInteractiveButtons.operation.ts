import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection, PERSONAL_CHAT } from '../common';
import { BETA, buttonPhone, buttonsProperty, buttonText, buttonUrl, readButtonRows, readButtonsText, textProperties, withoutEmpty } from './buttons';
import type { ButtonsText } from './buttons';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send Interactive Buttons',
	value: 'sendInteractiveButtons',
	action: 'Send buttons',
	description: 'Send a message with up to 3 buttons that copy a code, call a number or open a link (beta at GREEN-API; personal chats only)',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendInteractiveButtons/';

const TYPES = ['copy', 'call', 'url'] as const;
type ButtonType = (typeof TYPES)[number];
const show = (type: ButtonType) => ({ show: { type: [type] } });

export const properties: INodeProperties[] = [
	{ ...sendChatIdProperty(PERSONAL_CHAT.description), hint: BETA },
	...textProperties(),
	buttonsProperty(
		[
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [
					{ name: 'Copy Code', value: 'copy', description: 'Copies a text (a promo code, an order number) to the clipboard' },
					{ name: 'Call', value: 'call', description: 'Calls a phone number' },
					{ name: 'URL', value: 'url', description: 'Opens a link' },
				],
				default: 'url',
			},
			{ displayName: 'Code to Copy', name: 'copyCode', type: 'string', default: '', displayOptions: show('copy') },
			{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '', placeholder: '+7 123 456-78-90', displayOptions: show('call') },
			{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'https://example.com/order/42', displayOptions: show('url') },
		],
		'Up to 3 buttons, each copying a code, calling a number or opening a link',
	),
	optionsCollection('sendInteractiveButtons'),
];

type Buttons = ButtonsText & { buttons: IDataObject[] };

function readButtons(item: ItemParameters): IDataObject[] {
	const seen = new Set<string>();
	return readButtonRows(item).map((row, index) => {
		const type = String(row.type ?? 'url') as ButtonType;
		if (!TYPES.includes(type)) throw refuse(`Button ${index + 1}'s Type "${type.slice(0, 20)}" is not one of copy, call or url`, { type: type.slice(0, 20) });
		const button: IDataObject = { type, buttonId: String(index + 1), buttonText: buttonText(row, index, seen) };
		if (type === 'copy') {
			const code = typeof row.copyCode === 'string' || typeof row.copyCode === 'number' ? String(row.copyCode) : '';
			if (code.trim() === '') throw refuse(`Button ${index + 1} copies a code, but its Code to Copy is empty`, { copyCode: '' });
			button.copyCode = code;
		}
		if (type === 'call') button.phoneNumber = buttonPhone(row.phoneNumber, index);
		if (type === 'url') button.url = buttonUrl(row.url, index);
		return button;
	});
}

export const execute = runSends<Buttons>({
	method: 'sendInteractiveButtons',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => ({ ...readButtonsText(item), buttons: readButtons(item) }),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId }) => ({ chatId }),
	send: async ({ call }, message) => queued(await call('sendInteractiveButtons', withoutEmpty({ ...message }), parseSent), message.chatId),
});
