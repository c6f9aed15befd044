import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseChatId } from '../../helpers/chatId';
import type { ChatKind } from '../../helpers/chatId';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import type { FieldRule } from '../../helpers/values';
import { GreenApiError } from '../../transport/failures';

/**
 * What the Group operations that change a group share. GREEN-API makes these changes at once
 * (nothing is queued), so a success is `sendState: "done"`; an answer of `false` changed
 * nothing and ends "notSent" with what to check, never a silent success.
 */
export const DONE = 'done';

/** GREEN-API's limit for createGroup's and updateGroupName's groupName. */
export const MAX_GROUP_NAME = 100;

/** WhatsApp's group size, the creator included. */
const MAX_PARTICIPANTS = 1023;

export const groupIdProperty: INodeProperties = {
	displayName: 'Group ID',
	name: 'groupId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '120363043968066561@g.us',
	description: 'The group chat ID, ending in @g.us (Create Group answers it as chatId)',
};

export const participantProperty: INodeProperties = {
	displayName: 'Participant',
	name: 'participantChatId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '71234567890@c.us or +7 123 456-78-90',
	description: 'The member: a chat ID (…@c.us or …@lid) or a phone number in international format, written any usual way',
};

export function groupNameProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'groupName', type: 'string', required: true, default: '', description: `${description}, up to ${MAX_GROUP_NAME} characters` };
}

/** One chat ID of the kinds asked for; the refusal names the field, whatever the rule said. */
export function readChat(item: ItemParameters, name: string, label: string, kinds: readonly ChatKind[]): string {
	const value = item.value(name, label);
	const result = parseChatId(value, kinds);
	if (result.ok) return result.chatId;
	const reason = result.reason.startsWith('Chat ID') ? result.reason.replace(/^Chat ID/, label) : `${label}: ${result.reason}`;
	throw refuse(reason, { [name]: typeof value === 'string' ? value.slice(0, 80) : (value as string) });
}

/** A group chat ID: a personal chat or a phone here is refused before any request. */
export const readGroupId = (item: ItemParameters) => readChat(item, 'groupId', 'Group ID', ['group']);

/** A member: a phone written any usual way, …@c.us or …@lid. */
export const readParticipant = (item: ItemParameters) => readChat(item, 'participantChatId', 'Participant', ['personal']);

/** A group name of 1 to 100 characters (trimmed: WhatsApp drops the spaces around it). */
export function readGroupName(item: ItemParameters, label: string): string {
	const value = item.value('groupName', label);
	const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
	if (text === undefined) throw refuse(`${label} must be text, but it is ${Array.isArray(value) ? 'a list' : typeof value}: map one text field into it`);
	if (text === '') throw refuse(`${label} is empty: write the group's name`, { groupName: '' });
	if (text.length > MAX_GROUP_NAME) throw refuse(`${label} has ${text.length} characters; GREEN-API takes at most ${MAX_GROUP_NAME}: shorten it`, { groupName: `${text.slice(0, 60)}…` });
	return text;
}

/** Participants from a comma/new-line separated text or a mapped list: personal chat IDs, each once. */
export function readParticipants(item: ItemParameters): string[] {
	const raw = item.value('participants', 'Participants');
	const values: unknown[] = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;\n]/) : [raw];
	const entries = values.filter((value) => !(typeof value === 'string' && value.trim() === '') && value !== null && value !== undefined);
	const given = { participants: Array.isArray(raw) ? `${raw.length} entries` : String(raw ?? '').slice(0, 80) };
	if (entries.length === 0) throw refuse('Participants is empty: a group needs at least one member besides this account (phone numbers or chat IDs, separated by commas)', given);
	if (entries.length > MAX_PARTICIPANTS) throw refuse(`Participants has ${entries.length} entries; a WhatsApp group holds at most ${MAX_PARTICIPANTS} besides its creator`, given);
	const chats = entries.map((value, index) => {
		const result = parseChatId(value, ['personal']);
		if (!result.ok) throw refuse(`Participants entry ${index + 1}: ${result.reason}`, given);
		return result.chatId;
	});
	return [...new Set(chats)];
}

/**
 * `{ <flag>: boolean }` (leaveGroup: one of two flags) and whatever else GREEN-API adds. A 200
 * without the flag is not the documented answer: the parser throws, and the call ends "unknown".
 */
export function parseFlag(flags: readonly string[], more: Record<string, FieldRule> = {}) {
	const rules = fieldRules({ ...Object.fromEntries(flags.map((flag) => [flag, { type: 'boolean' as const }])), ...more });
	return (json: unknown): IDataObject => {
		const answer = conform(expectObject(json, flags.join(' or ')), rules);
		if (!flags.some((flag) => typeof answer[flag] === 'boolean')) throw new UnexpectedAnswerError(`GREEN-API answered without ${flags.join(' or ')}`);
		return answer;
	};
}

/**
 * GREEN-API answered, and said no: nothing changed, so it is "notSent" (safe to run again once
 * `check` is fixed). Thrown from a send; the send runner turns it into the item's error.
 */
export function refused(message: string, check: string): GreenApiError {
	return new GreenApiError(message, `${check} Nothing was changed for this item.`, undefined, false, 'notSent');
}

/** The answer's flag is true, or the change is refused with what to check. */
export function expectTrue(answer: IDataObject, flag: string, message: string, check: string): IDataObject {
	if (answer[flag] !== true) throw refused(`${message} (GREEN-API answered ${flag}: ${JSON.stringify(answer[flag] ?? null)})`, check);
	return answer;
}

export const NOT_ADMIN = 'Check the Group ID and that this WhatsApp account is an admin of the group (Get Group Data lists the admins).';
