import { chatDigits, generateContact } from '../contacts';
import { json, SEED_CHAT_ID, text } from '../types';
import { bodyField, notServing } from './method';
import type { MethodHandler } from './method';

export const AVATAR_PATH = '/avatars/';
/** A tiny JPEG (SOI, APP0 JFIF, EOI): enough for a binary property and its mime type. */
export const AVATAR_JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/** A picture for groups and for contacts whose generated profile has one; the rest hide it. */
export const getAvatar: MethodHandler = {
	name: 'getAvatar',
	verb: 'POST',
	serve({ body, state, baseUrl }) {
		const down = notServing(state);
		if (down) return down;
		const field = bodyField(body, 'chatId');
		if (!field.ok) return field.answer;
		const chatId = field.value;
		if (!/^[\d-]+@(?:c\.us|lid|g\.us)$/.test(chatId)) return text(400, 'Validation failed');
		const shown = chatId === SEED_CHAT_ID || chatId.endsWith('@g.us') || generateContact(chatId).avatar !== '';
		const urlAvatar = shown ? `${baseUrl}${AVATAR_PATH}${chatDigits(chatId)}.jpg` : '';
		return json(200, JSON.stringify({ urlAvatar, available: shown }));
	},
};
