import { json, text } from '../types';
import { bodyField, notServing } from './method';
import type { MethodHandler } from './method';

/**
 * A fresh link to a received file, by chat and message (GREEN-API.md: 400 when the file is
 * unknown, 500 when WhatsApp no longer has it), in the words of the vendor's docs page.
 */
export const downloadFile: MethodHandler = {
	name: 'downloadFile',
	verb: 'POST',
	serve({ body, state, files }) {
		const down = notServing(state);
		if (down) return down;
		const chat = bodyField(body, 'chatId');
		if (!chat.ok) return chat.answer;
		const message = bodyField(body, 'idMessage');
		if (!message.ok) return message.answer;
		const link = files?.freshLink(chat.value, message.value) ?? { missing: 'unknown' as const };
		if ('url' in link) return json(200, JSON.stringify({ downloadUrl: link.url }));
		const which = `by chatId ${chat.value} and idMessage ${message.value}`;
		return link.missing === 'gone' ? text(500, `Internal error while downloading file ${which}`) : text(400, `File message encrypted url not found ${which}`);
	},
};
