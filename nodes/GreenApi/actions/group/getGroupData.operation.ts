import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runner';
import { withIsoTimes } from '../../helpers/time';
import { conform, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';

export const option: INodePropertyOptions = {
	name: 'Get Group Data',
	value: 'getGroupData',
	action: 'Get group data',
	description: "Get a group's subject, owner, invite link and participants",
};

export const docs = 'https://green-api.com/en/docs/api/groups/GetGroupData/';

export const outputs = { names: ['Group', 'Participants'] };

export const properties: INodeProperties[] = [
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '120363043968066561@g.us',
		description: 'The group chat ID, ending in @g.us',
	},
	optionsCollection('getGroupData'),
];

const GROUP_FIELDS = fieldRules({
	groupId: { type: 'string' },
	owner: { type: 'string' },
	subject: { type: 'string' },
	creation: { type: 'integer' },
	participants: { type: 'list', nullable: true },
	subjectTime: { type: 'integer', nullable: true },
	subjectOwner: { type: 'string' },
	groupInviteLink: { type: 'string' },
});
const PARTICIPANT_FIELDS = fieldRules({ id: { type: 'string' }, isAdmin: { type: 'boolean' }, isSuperAdmin: { type: 'boolean' } });

interface Group {
	group: IDataObject;
	participants: IDataObject[];
}

function parseGroup(json: unknown): Group {
	const group = conform(expectObject(json, 'group data'), GROUP_FIELDS);
	const list = (group.participants ?? []) as unknown[];
	const participants = list.map((entry, index) => conform(expectObject(entry, `participants[${index}]`), PARTICIPANT_FIELDS, `participants[${index}].`));
	delete group.participants;
	// The list last: the editor's table opens on the short fields.
	return { group: { ...withIsoTimes(group, ['creation', 'subjectTime']), participantCount: participants.length, participants }, participants };
}

/** Group: one item per input item. Participants: one item per member, paired to that input item. */
export const execute = runPerItem<string, Group>({
	method: 'getGroupData',
	read: (item) => item.chatId(['group'], 'groupId', 'Group ID'),
	keyOf: (groupId) => groupId,
	given: (groupId) => ({ groupId }),
	fetch: ({ call }, groupId) => call({ groupId }, parseGroup),
	toItems: ({ group, participants }, groupId) => [
		{ output: 0, item: { json: group } },
		...participants.map((participant) => ({ output: 1, item: { json: { chatId: participant.id, ...participant, groupId: group.groupId ?? groupId } } })),
	],
	outputCount: () => 2,
});
