// GREEN-API's status methods (beta). Sends queue a status like a message (logged under the
// status broadcast "chat"); the lists answer the documented samples, newest timestamps now.
import { json, text } from '../types';
import type { Answer } from '../types';
import { notServing } from './method';
import type { MethodHandler, MethodRequest } from './method';
import { messagingMethod } from './send';
import { MAX_TEXT } from './sending';
import { array, invalid, isChatId, optionalString, string } from './validate';
import type { Fields } from './validate';

export const STATUS_CHAT = 'status@broadcast';
const FONTS = new Set(['SERIF', 'SANS_SERIF', 'NORICAN_REGULAR', 'BRYNDAN_WRITE', 'OSWALD_HEAVY']);

function participants(fields: Fields): void {
	if (fields.participants === undefined) return;
	array(fields, 'participants', 0, 1024).forEach((id, index) => {
		if (!isChatId(id)) throw invalid(`'participants[${index}]' must be a chat ID`);
	});
}

function color(fields: Fields): void {
	const value = optionalString(fields, 'backgroundColor');
	if (value !== undefined && !/^#[0-9a-f]{6}$/i.test(value)) throw invalid("'backgroundColor' must be a hex color");
}

function link(fields: Fields): void {
	if (!/^https?:\/\/[^\s/]+/i.test(string(fields, 'urlFile'))) throw invalid("'urlFile' must be a valid uri");
	string(fields, 'fileName');
}

export const sendTextStatus = messagingMethod({
	name: 'sendTextStatus',
	check(fields, { newId }) {
		string(fields, 'message', MAX_TEXT);
		color(fields);
		const font = optionalString(fields, 'font');
		if (font !== undefined && !FONTS.has(font)) throw invalid(`'font' must be one of [${[...FONTS].join(', ')}]`);
		participants(fields);
		const idMessage = newId();
		return { chatId: STATUS_CHAT, idMessage, reply: { idMessage } };
	},
});

export const sendVoiceStatus = messagingMethod({
	name: 'sendVoiceStatus',
	check(fields, { newId }) {
		link(fields);
		color(fields);
		participants(fields);
		const idMessage = newId();
		return { chatId: STATUS_CHAT, idMessage, reply: { idMessage } };
	},
});

export const sendMediaStatus = messagingMethod({
	name: 'sendMediaStatus',
	check(fields, { newId }) {
		link(fields);
		optionalString(fields, 'caption', MAX_TEXT);
		participants(fields);
		const idMessage = newId();
		return { chatId: STATUS_CHAT, idMessage, reply: { idMessage } };
	},
});

export const deleteStatus = messagingMethod({
	name: 'deleteStatus',
	needsServing: true,
	check(fields) {
		const idMessage = string(fields, 'idMessage');
		return { chatId: STATUS_CHAT, idMessage, reply: '' };
	},
});

/** uploadFile, on the media host: the raw file, answered with its link (named by its hash, so a test can check the bytes). */
export const uploadFile: MethodHandler = {
	name: 'uploadFile',
	verb: 'POST',
	host: 'media',
	serve({ form, baseUrl }): Answer {
		if (form === 'tooLarge') return text(413, 'Request Entity Too Large');
		if (typeof form !== 'object' || !form.file || form.file.size === 0) return text(400, 'Validation failed');
		const extension = /\.[A-Za-z0-9]{1,10}$/.exec(form.file.filename)?.[0]?.toLowerCase() ?? '';
		return json(200, JSON.stringify({ urlFile: `${baseUrl}/uploads/${form.file.sha256}${extension}` }));
	},
};

const now = () => Math.floor(Date.now() / 1000);

function minutesOf(request: MethodRequest): number | Answer {
	const raw = request.query?.get('minutes');
	if (raw === null || raw === undefined) return 1440;
	return /^\d{1,6}$/.test(raw) ? Number(raw) : text(400, 'Validation failed');
}

function list(name: string, entries: (at: number) => Record<string, unknown>[]): MethodHandler {
	return {
		name,
		verb: 'GET',
		serve(request) {
			const minutes = minutesOf(request);
			if (typeof minutes !== 'number') return minutes;
			const at = now();
			return notServing(request.state) ?? json(200, JSON.stringify(entries(at).filter((entry) => (entry.timestamp as number) >= at - minutes * 60)));
		},
	};
}

/** One text and one picture, posted 10 and 90 minutes ago: Minutes 60 keeps only the first. */
export const getIncomingStatuses = list('getIncomingStatuses', (at) => [
	{ type: 'incoming', idMessage: 'BAE5INSTATUS0001', timestamp: at - 600, typeMessage: 'extendedTextMessage', chatId: '79001234569@c.us', senderId: '79001234569@c.us', senderName: 'Анна', textMessage: 'Open today till 9', extendedTextMessage: { text: 'Open today till 9', backgroundColor: '#228B22', font: 'SERIF' } },
	{ type: 'incoming', idMessage: 'BAE5INSTATUS0002', timestamp: at - 5400, typeMessage: 'imageMessage', chatId: '71234567890@c.us', senderId: '71234567890@c.us', senderName: 'Dealer', downloadUrl: 'https://example.com/status.jpg', caption: 'New stock', fileName: 'status.jpg', mimeType: 'image/jpeg' },
]);

export const getOutgoingStatuses = list('getOutgoingStatuses', (at) => [
	{ type: 'outgoing', idMessage: 'BAE5OUTSTATUS001', timestamp: at - 600, typeMessage: 'extendedTextMessage', chatId: '79001234569@c.us', textMessage: 'Sale today', extendedTextMessage: { text: 'Sale today', backgroundColor: '#228B22', font: 'SERIF', participants: ['79001234569@c.us'] }, statusMessage: 'read', sendByApi: true },
	{ type: 'outgoing', idMessage: 'BAE5OUTSTATUS002', timestamp: at - 5400, typeMessage: 'imageMessage', chatId: '79001234569@c.us', participants: [], downloadUrl: 'https://example.com/offer.jpg', caption: 'Offer', fileName: 'offer.jpg', mimeType: 'image/jpeg', statusMessage: 'delivered', sendByApi: true },
]);

export const getStatusStatistic: MethodHandler = {
	name: 'getStatusStatistic',
	verb: 'GET',
	serve(request) {
		const down = notServing(request.state);
		if (down) return down;
		if (!request.query?.get('idMessage')) return text(400, 'Validation failed');
		return json(200, JSON.stringify([
			{ timestamp: 1587129319, participant: '79001234569@c.us', status: 'read' },
			{ timestamp: 1587129320, participant: '71234567890@c.us', status: 'delivered' },
		]));
	},
};
