import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseChatId } from '../../helpers/chatId';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';

/**
 * What the Status operations share. A status goes to the contacts of the account (or only
 * to the Participants given), not to a chat: there is no Chat ID, and the send runner keeps
 * all of one run's statuses in one order under this key.
 */
export const STATUS_CHAT = 'status@broadcast';

/** GREEN-API queues statuses like messages: a failure after the request may hide a posted status. */
export const MAY_HAVE_POSTED = 'GREEN-API may or may not have queued this status (it may have been posted): check the account\'s statuses (Get Outgoing Statuses) before sending it again';

export const BETA_NOTE = 'GREEN-API marks its status methods beta: the account may need them switched on by GREEN-API support (otherwise 403)';

/** At most this many, so a mapped list of thousands is refused here, not by GREEN-API. */
const MAX_PARTICIPANTS = 1024;

export const participantsProperty: INodeProperties = {
	displayName: 'Participants',
	name: 'participants',
	type: 'string',
	default: '',
	placeholder: '71234567890@c.us, +7 900 200-00-02',
	description:
		'Only these contacts see the status: chat IDs or phone numbers, separated by commas or new lines, or a mapped list. Empty: every contact of the account (GREEN-API sends statuses to the first 1,024 contacts that have a name).',
};

export const backgroundColorProperty: INodeProperties = {
	displayName: 'Background Color',
	name: 'backgroundColor',
	type: 'color',
	default: '',
	description: 'The background, as #RRGGBB. Empty: GREEN-API\'s default (black). The text is white, so do not choose white.',
};

/** Participants as personal chat IDs, or undefined for "all contacts". */
export function readParticipants(item: ItemParameters): string[] | undefined {
	const raw = item.value('participants', 'Participants', '');
	const values: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;\n]/) : [raw];
	const entries = values.filter((value) => !(typeof value === 'string' && value.trim() === '') && value !== null && value !== undefined);
	if (entries.length === 0) return undefined;
	if (entries.length > MAX_PARTICIPANTS) throw refuse(`Participants has ${entries.length} entries; a status goes to at most ${MAX_PARTICIPANTS} contacts`, { participants: `${entries.length} entries` });
	const chats = entries.map((value, index) => {
		const result = parseChatId(value, ['personal']);
		if (!result.ok) throw refuse(`Participants entry ${index + 1}: ${result.reason}`, { participants: String(value).slice(0, 60) });
		return result.chatId;
	});
	return [...new Set(chats)];
}

/** #RRGGBB (or #RGB, widened), or undefined for GREEN-API's default. */
export function readBackgroundColor(item: ItemParameters): string | undefined {
	const value = item.value('backgroundColor', 'Background Color', '');
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '' && (value === '' || value === null || value === undefined)) return undefined;
	const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
	if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
	if (!/^#[0-9a-f]{6}$/i.test(text)) throw refuse(`Background Color ${JSON.stringify(value)?.slice(0, 40)} is not a color: write it as #RRGGBB, e.g. #228B22`, { backgroundColor: String(value).slice(0, 40) });
	return text.toUpperCase();
}

/** Drops the optional fields left empty, so the request carries only what was given. */
export function compact(body: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** A status send's output: GREEN-API's answer, and that it is queued (not yet posted). */
export function queuedStatus(answer: IDataObject, extra: IDataObject): IDataObject {
	return { ...answer, ...extra, sendState: 'queued' };
}
