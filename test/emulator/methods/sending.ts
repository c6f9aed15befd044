// GREEN-API's send methods on the API host: each queues one message and answers its new idMessage.
import { messagingMethod } from './send';
import type { Fields } from './validate';
import {
	array,
	chatId,
	invalid,
	isChatId,
	CHAT_ID_RULE,
	number,
	object,
	optionalBoolean,
	optionalString,
	string,
	typingTime,
} from './validate';

export const MAX_TEXT = 20_000;
const MAX_POLL_QUESTION = 255;
const MAX_POLL_OPTION = 100;

function quoted(fields: Fields): void {
	optionalString(fields, 'quotedMessageId');
}

export const sendMessage = messagingMethod({
	name: 'sendMessage',
	check(fields, { newId }) {
		const chat = chatId(fields);
		string(fields, 'message', MAX_TEXT);
		quoted(fields);
		optionalBoolean(fields, 'linkPreview');
		const preview = optionalString(fields, 'typePreview');
		if (preview !== undefined && preview !== 'large' && preview !== 'small') throw invalid("'typePreview' must be one of [large, small]");
		typingTime(fields);
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

export const sendFileByUrl = messagingMethod({
	name: 'sendFileByUrl',
	check(fields, { newId }) {
		const chat = chatId(fields);
		const url = string(fields, 'urlFile');
		if (!/^https?:\/\/[^\s/]+/i.test(url)) throw invalid("'urlFile' must be a valid uri");
		string(fields, 'fileName');
		optionalString(fields, 'caption', MAX_TEXT);
		quoted(fields);
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

export const sendLocation = messagingMethod({
	name: 'sendLocation',
	check(fields, { newId }) {
		const chat = chatId(fields);
		number(fields, 'latitude', -90, 90);
		number(fields, 'longitude', -180, 180);
		optionalString(fields, 'nameLocation');
		optionalString(fields, 'address');
		quoted(fields);
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

export const sendContact = messagingMethod({
	name: 'sendContact',
	check(fields, { newId }) {
		const chat = chatId(fields);
		const contact = object(fields, 'contact');
		const phone = number(contact, 'phoneContact', 0, Number.MAX_SAFE_INTEGER, true);
		if (!/^\d{11,12}$/.test(String(phone))) throw invalid("'phoneContact' must be 11 or 12 digits");
		const names = ['firstName', 'middleName', 'lastName', 'company'].map((name) => optionalString(contact, name));
		if (!names.some((name) => name !== undefined && name !== '')) {
			throw invalid("'contact' must contain at least one of [firstName, middleName, lastName, company]");
		}
		quoted(fields);
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

export const sendPoll = messagingMethod({
	name: 'sendPoll',
	check(fields, { newId }) {
		const chat = chatId(fields);
		string(fields, 'message', MAX_POLL_QUESTION);
		const options = array(fields, 'options', 2, 12);
		const names = options.map((option, index) => {
			if (option === null || typeof option !== 'object' || Array.isArray(option)) throw invalid(`'options[${index}]' must be an object`);
			return string(option as Fields, 'optionName', MAX_POLL_OPTION);
		});
		if (new Set(names).size !== names.length) throw invalid("'options' contains a duplicate value");
		optionalBoolean(fields, 'multipleAnswers');
		quoted(fields);
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

/** GREEN-API forwards only the first of `messages` today, and answers that one new id. */
export const forwardMessages = messagingMethod({
	name: 'forwardMessages',
	check(fields, { newId }) {
		const chat = chatId(fields);
		if (!isChatId(fields.chatIdFrom)) {
			string(fields, 'chatIdFrom');
			throw invalid(`'chatIdFrom' ${CHAT_ID_RULE}`);
		}
		const messages = array(fields, 'messages', 1, 100);
		messages.forEach((id, index) => {
			if (typeof id !== 'string' || id === '') throw invalid(`'messages[${index}]' must be a string`);
		});
		typingTime(fields);
		const idMessage = newId();
		return { chatId: chat, idMessage, reply: { messages: [idMessage] } };
	},
});
