import { checkChatIdFormat, contactBody } from '../contacts';
import { json, text } from '../types';
import { bodyField, notServing } from './method';
import type { MethodHandler } from './method';

export const getContactInfo: MethodHandler = {
	name: 'getContactInfo',
	verb: 'POST',
	serve({ body, state, contacts }) {
		const down = notServing(state);
		if (down) return down;
		const field = bodyField(body, 'chatId');
		if (!field.ok) return field.answer;
		const override = contacts.get(field.value);
		if (override) return json(200, typeof override === 'string' ? override : JSON.stringify(override));
		const bad = checkChatIdFormat(field.value);
		if (bad) return text(bad.status, bad.message);
		return json(200, contactBody(field.value));
	},
};
