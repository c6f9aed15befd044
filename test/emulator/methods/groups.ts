// GREEN-API's group-changing methods (https://green-api.com/en/docs/api/groups/). Each answers
// its documented flag; `false` where WhatsApp refuses (this account is not an admin, the member
// is not in the group, ...). The change is made only when the request is accepted (not for a 429
// or a fault before it), and logged like a send (chatId = the group) so a test sees what arrived.
import { accountIsAdmin, ACCOUNT, memberOf } from '../groups';
import type { Group, GroupStore } from '../groups';
import { json, text } from '../types';
import type { Answer } from '../types';
import { NOT_ON_WHATSAPP_PREFIX } from './checkWhatsapp';
import { notServing } from './method';
import type { MethodHandler, MethodRequest } from './method';
import { array, Invalid, invalid, isChatId, parseObject, string } from './validate';
import type { Fields } from './validate';

const MAX_NAME = 100;
const GROUP_ID = /^\d{5,20}(?:-\d{5,20})?@g\.us$/;
const PERSONAL = /^(?:\d{5,20}@c\.us|\d{1,20}@lid)$/;

interface Decision {
	reply: Record<string, unknown>;
	/** The group as the change leaves it; stored once the request is accepted. */
	changed?: Group;
}

function groupId(fields: Fields): string {
	const value = string(fields, 'groupId');
	if (!GROUP_ID.test(value)) throw invalid("'groupId' must be a group chat ID ('group_id@g.us')");
	return value;
}

function participant(fields: Fields): string {
	const value = string(fields, 'participantChatId');
	if (!PERSONAL.test(value)) throw invalid("'participantChatId' must be one of the next formats: 'phone_number@c.us' or 'id@lid'");
	return value;
}

const hasWhatsapp = (id: string) => !id.startsWith(NOT_ON_WHATSAPP_PREFIX);

function groupMethod(name: string, decide: (fields: Fields, groups: GroupStore, request: MethodRequest) => Decision, fieldsOf?: (request: MethodRequest) => Fields): MethodHandler {
	return {
		name,
		verb: 'POST',
		serve(request): Answer {
			const down = notServing(request.state);
			if (down) return down;
			const groups = request.groups;
			if (!groups) throw new Error('the emulator serves groups only with its group store');
			try {
				const fields = fieldsOf ? fieldsOf(request) : parseObject(request.body);
				const { reply, changed } = decide(fields, groups, request);
				const chatId = changed?.groupId ?? (typeof fields.groupId === 'string' ? fields.groupId : '');
				return { ...json(200, JSON.stringify(reply)), queued: { chatId, fields }, ...(changed ? { effect: () => groups.put(changed) } : {}) };
			} catch (error) {
				if (error instanceof Invalid) return error.answer;
				throw error;
			}
		},
	};
}

export const createGroup = groupMethod('createGroup', (fields, groups) => {
	const name = string(fields, 'groupName', MAX_NAME);
	const ids = array(fields, 'chatIds', 1, 1023).map((id, index) => {
		if (!isChatId(id) || !PERSONAL.test(id)) throw invalid(`'chatIds[${index}]' must be one of the next formats: 'phone_number@c.us' or 'id@lid'`);
		return id;
	});
	// WhatsApp leaves out whoever has no WhatsApp; with nobody left there is no group (the documented false).
	const members = [...new Set(ids)].filter((id) => id !== ACCOUNT && hasWhatsapp(id));
	if (members.length === 0) return { reply: { created: false, chatId: '', groupInviteLink: '' } };
	const group = groups.draft(name, members);
	return { reply: { created: true, chatId: group.groupId, groupInviteLink: group.groupInviteLink }, changed: group };
});

export const updateGroupName = groupMethod('updateGroupName', (fields, groups) => {
	const group = groups.get(groupId(fields));
	const name = string(fields, 'groupName', MAX_NAME);
	if (!accountIsAdmin(group)) return { reply: { updateGroupName: false } };
	return { reply: { updateGroupName: true }, changed: { ...group, subject: name, subjectTime: Math.floor(Date.now() / 1000), subjectOwner: ACCOUNT } };
});

/** One member changed by an admin: `allowed` says whether WhatsApp does it, `change` how. */
function memberMethod(name: string, flag: string, allowed: (group: Group, id: string) => boolean, change: (group: Group, id: string) => Member[]): MethodHandler {
	return groupMethod(name, (fields, groups) => {
		const group = groups.get(groupId(fields));
		const id = participant(fields);
		if (!accountIsAdmin(group) || !allowed(group, id)) return { reply: { [flag]: false } };
		return { reply: { [flag]: true }, changed: { ...group, participants: change(group, id) } };
	});
}

type Member = Group['participants'][number];
const withAdmin = (group: Group, id: string, isAdmin: boolean) => group.participants.map((member) => (member.id === id ? { ...member, isAdmin } : member));

export const addGroupParticipant = memberMethod(
	'addGroupParticipant',
	'addParticipant',
	(group, id) => hasWhatsapp(id) && !memberOf(group, id),
	(group, id) => [...group.participants, { id, isAdmin: false, isSuperAdmin: false }],
);

export const removeGroupParticipant = memberMethod(
	'removeGroupParticipant',
	'removeParticipant',
	(group, id) => memberOf(group, id) !== undefined && id !== ACCOUNT && memberOf(group, id)?.isSuperAdmin !== true,
	(group, id) => group.participants.filter((member) => member.id !== id),
);

export const setGroupAdmin = memberMethod(
	'setGroupAdmin',
	'setGroupAdmin',
	(group, id) => memberOf(group, id)?.isAdmin === false,
	(group, id) => withAdmin(group, id, true),
);

export const removeAdmin = memberMethod(
	'removeAdmin',
	'removeAdmin',
	(group, id) => memberOf(group, id)?.isAdmin === true && memberOf(group, id)?.isSuperAdmin !== true,
	(group, id) => withAdmin(group, id, false),
);

export const leaveGroup = groupMethod('leaveGroup', (fields, groups) => {
	const group = groups.get(groupId(fields));
	const me = memberOf(group, ACCOUNT);
	if (!me) return { reply: { leaveGroup: false } };
	const changed = { ...group, participants: group.participants.filter((member) => member.id !== ACCOUNT) };
	// As GREEN-API's page shows it: an admin that leaves is answered removeAdmin: true.
	return { reply: me.isAdmin ? { removeAdmin: true } : { leaveGroup: true }, changed };
});

/** setGroupPicture: multipart/form-data on the API host, {groupId, file}; a JPG only. */
export const setGroupPicture = groupMethod(
	'setGroupPicture',
	(fields, groups, { form, baseUrl }) => {
		const group = groups.get(groupId(fields));
		if (typeof form !== 'object' || !form.file || form.file.field !== 'file') throw invalid("'file' is required");
		if (form.file.size === 0) throw new Invalid(text(400, 'File is empty'));
		const jpeg = form.file.mimeType === 'image/jpeg' || /\.jpe?g$/i.test(form.file.filename);
		if (!jpeg) throw new Invalid(text(400, 'Unsupported media type'));
		// The documented refusal: WhatsApp times out on a group it will not change for this account.
		if (!accountIsAdmin(group)) return { reply: { reason: 'Timed Out', urlAvatar: null, setGroupPicture: false } };
		const urlAvatar = `${baseUrl}/avatars/${group.groupId.replace(/@.*$/, '')}-${form.file.sha256.slice(0, 16)}.jpg`;
		return { reply: { setGroupPicture: true, urlAvatar, reason: '' }, changed: { ...group, urlAvatar } };
	},
	({ form }) => {
		if (form === 'tooLarge') throw new Invalid(text(413, 'Request Entity Too Large'));
		if (form === undefined || form === 'malformed') throw invalid();
		return { ...form.fields, ...(form.file ? { file: { fileName: form.file.filename, size: form.file.size, sha256: form.file.sha256, mimeType: form.file.mimeType } } : {}) };
	},
);
