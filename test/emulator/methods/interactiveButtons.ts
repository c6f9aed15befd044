// sendInteractiveButtons / sendInteractiveButtonsReply (beta): personal chats only, 1–3 buttons of at most 25 characters.
import { messagingMethod } from './send';
import { MAX_TEXT } from './sending';
import { array, chatId, invalid, optionalString, string } from './validate';
import type { Fields } from './validate';

const TYPES: Record<string, string> = { copy: 'copyCode', call: 'phoneNumber', url: 'url' };

function text(fields: Fields): string {
	const chat = chatId(fields);
	if (chat.endsWith('@g.us')) throw invalid("'chatId' must be a personal chat");
	optionalString(fields, 'header');
	string(fields, 'body', MAX_TEXT);
	optionalString(fields, 'footer');
	return chat;
}

function buttons(fields: Fields): Fields[] {
	return array(fields, 'buttons', 1, 3).map((button, index) => {
		if (button === null || typeof button !== 'object' || Array.isArray(button)) throw invalid(`'buttons[${index}]' must be an object`);
		string(button as Fields, 'buttonText', 25);
		return button as Fields;
	});
}

export const sendInteractiveButtons = messagingMethod({
	name: 'sendInteractiveButtons',
	check(fields, { newId }) {
		const chat = text(fields);
		buttons(fields).forEach((button, index) => {
			const field = TYPES[String(button.type)];
			if (!field) throw invalid(`'buttons[${index}].type' must be one of [copy, call, url]`);
			string(button, field);
		});
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

export const sendInteractiveButtonsReply = messagingMethod({
	name: 'sendInteractiveButtonsReply',
	check(fields, { newId }) {
		const chat = text(fields);
		buttons(fields).forEach((button) => string(button, 'buttonId'));
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});
