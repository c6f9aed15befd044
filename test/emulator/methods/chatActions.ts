// The messaging methods that act on a chat rather than queue a new message.
import { messagingMethod } from './send';
import { chatId, invalid, optionalBoolean, optionalString, string, typingTime } from './validate';
import { MAX_TEXT } from './sending';

/** Answers the edited message's own id (GREEN-API allows 15 minutes; the emulator does not time it). */
export const editMessage = messagingMethod({
	name: 'editMessage',
	needsServing: true,
	check(fields) {
		const chat = chatId(fields);
		const idMessage = string(fields, 'idMessage');
		string(fields, 'message', MAX_TEXT);
		return { chatId: chat, idMessage, reply: { idMessage } };
	},
});

export const deleteMessage = messagingMethod({
	name: 'deleteMessage',
	needsServing: true,
	check(fields) {
		const chat = chatId(fields);
		string(fields, 'idMessage');
		optionalBoolean(fields, 'onlySenderDelete');
		return { chatId: chat, reply: '' };
	},
});

export const readChat = messagingMethod({
	name: 'readChat',
	needsServing: true,
	check(fields) {
		const chat = chatId(fields);
		optionalString(fields, 'idMessage');
		return { chatId: chat, reply: { setRead: true } };
	},
});

export const sendTyping = messagingMethod({
	name: 'sendTyping',
	needsServing: true,
	check(fields) {
		const chat = chatId(fields);
		typingTime(fields);
		const type = optionalString(fields, 'typingType');
		if (type !== undefined && type !== 'recording') throw invalid("'typingType' must be [recording]");
		return { chatId: chat, reply: '' };
	},
});
