// The Chat methods: the journals (getChatHistory, getMessage, lastIncomingMessages,
// lastOutgoingMessages) read the emulator's chats; archiveChat, unarchiveChat and
// setDisappearingChat change them, and are logged like the other chat actions.
import { json, text } from '../types';
import type { Answer } from '../types';
import { notServing } from './method';
import type { MethodHandler, MethodRequest } from './method';
import { messagingMethod } from './send';
import { chatId, invalid, Invalid, optionalNumber, parseObject, string } from './validate';

/** GREEN-API's journals look back at most this many minutes. */
export const MAX_MINUTES = 10_000;
export const EXPIRATIONS: readonly number[] = [0, 86_400, 604_800, 7_776_000];

function journal(request: MethodRequest) {
	if (!request.chats) throw new Error('the emulator serves the Chat methods only with its chats');
	return request.chats;
}

/** A POST journal method: its body checked as GREEN-API's validator does, then answered. */
function journalMethod(name: string, answer: (fields: Record<string, unknown>, request: MethodRequest) => Answer): MethodHandler {
	return {
		name,
		verb: 'POST',
		serve(request) {
			const down = notServing(request.state);
			if (down) return down;
			try {
				return answer(parseObject(request.body), request);
			} catch (error) {
				if (error instanceof Invalid) return error.answer;
				throw error;
			}
		},
	};
}

/** {chatId, count} → the chat's newest `count` messages (GREEN-API's default 100). */
export const getChatHistory = journalMethod('getChatHistory', (fields, request) => {
	const chat = chatId(fields);
	const count = optionalNumber(fields, 'count', 1, Number.MAX_SAFE_INTEGER, true) ?? 100;
	return json(200, JSON.stringify(journal(request).history(chat).slice(0, count)));
});

/** {chatId, idMessage} → that message; an id the chat does not hold answers 400. */
export const getMessage = journalMethod('getMessage', (fields, request) => {
	const chat = chatId(fields);
	const idMessage = string(fields, 'idMessage');
	const found = journal(request).history(chat).find((entry) => entry.idMessage === idMessage);
	return found ? json(200, JSON.stringify(found)) : text(400, 'message not found');
});

function lastMessages(name: string, type: 'incoming' | 'outgoing'): MethodHandler {
	return {
		name,
		verb: 'GET',
		serve(request) {
			const down = notServing(request.state);
			if (down) return down;
			const raw = request.query?.get('minutes');
			const minutes = raw === null || raw === undefined ? 1440 : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
			if (!(minutes >= 1 && minutes <= MAX_MINUTES)) return text(400, 'Validation failed');
			return json(200, JSON.stringify(journal(request).recent(type, minutes)));
		},
	};
}

export const lastIncomingMessages = lastMessages('lastIncomingMessages', 'incoming');
export const lastOutgoingMessages = lastMessages('lastOutgoingMessages', 'outgoing');

function archiveMethod(name: string, archived: boolean): MethodHandler {
	return messagingMethod({
		name,
		needsServing: true,
		check(fields, request) {
			const chat = chatId(fields);
			journal(request).update(chat, { archived });
			return { chatId: chat, reply: '' };
		},
	});
}

/** Empty 200, as documented; archiving an archived chat changes nothing and is fine too. */
export const archiveChat = archiveMethod('archiveChat', true);
export const unarchiveChat = archiveMethod('unarchiveChat', false);

export const setDisappearingChat = messagingMethod({
	name: 'setDisappearingChat',
	needsServing: true,
	check(fields, request) {
		const chat = chatId(fields);
		const value = fields.ephemeralExpiration;
		if (value === undefined || value === null) throw invalid("'ephemeralExpiration' is required");
		if (typeof value !== 'number' || !EXPIRATIONS.includes(value)) throw invalid(`'ephemeralExpiration' must be one of [${EXPIRATIONS.join(', ')}]`);
		journal(request).update(chat, { ephemeralExpiration: value });
		return { chatId: chat, reply: { chatId: chat, disappearingMessagesInChat: value > 0, ephemeralExpiration: value } };
	},
});
