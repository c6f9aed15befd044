import { chatDigits } from '../contacts';
import { json, text } from '../types';
import { notServing } from './method';
import type { MethodHandler } from './method';

/** Numbers starting 7000 have no WhatsApp; numbers starting 7555 answer with a linked id (…@lid). */
export const NOT_ON_WHATSAPP_PREFIX = '7000';
export const LID_PREFIX = '7555';

function requested(raw: string): string | undefined {
	try {
		const parsed = JSON.parse(raw) as { chatId?: unknown; phoneNumber?: unknown } | null;
		if (typeof parsed?.chatId === 'string') return chatDigits(parsed.chatId);
		if (typeof parsed?.phoneNumber === 'number') return String(parsed.phoneNumber); // the deprecated form
	} catch {
		// answered as a bad number below
	}
	return undefined;
}

export const checkWhatsapp: MethodHandler = {
	name: 'checkWhatsapp',
	verb: 'POST',
	serve({ body, state }) {
		const down = notServing(state);
		if (down) return down;
		const digits = requested(body);
		if (digits === undefined || !/^\d{11,16}$/.test(digits)) return text(400, 'bad phone number, valid from 11 to 16 digits');
		if (digits.startsWith(NOT_ON_WHATSAPP_PREFIX)) return json(200, JSON.stringify({ existsWhatsapp: false }));
		const chatId = digits.startsWith(LID_PREFIX) ? `${digits.slice(4)}@lid` : `${digits}@c.us`;
		return json(200, JSON.stringify({ existsWhatsapp: true, chatId }));
	},
};
