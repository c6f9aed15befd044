import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { DONE, expectTrue, groupNameProperty, parseFlag, readGroupName, readParticipants } from './shared';

export const option: INodePropertyOptions = {
	name: 'Create Group',
	value: 'createGroup',
	action: 'Create group',
	description: 'Create a WhatsApp group with this account as its admin, and get its ID and invite link',
};

export const docs = 'https://green-api.com/en/docs/api/groups/CreateGroup/';

export const properties: INodeProperties[] = [
	{
		...groupNameProperty('Group Name', "The new group's name"),
		// WhatsApp blocks accounts that create groups quickly: GREEN-API's own advice, said where it matters.
		hint: 'GREEN-API asks for at most one new group every 5 minutes, as a person would create them: WhatsApp may block an account that creates faster.',
	},
	{
		displayName: 'Participants',
		name: 'participants',
		type: 'string',
		required: true,
		default: '',
		placeholder: '71234567890@c.us, +7 900 200-00-02',
		description: 'The members besides this account: phone numbers written any usual way or chat IDs (…@c.us, …@lid), separated by commas or new lines, or an expression giving a list',
	},
	optionsCollection('createGroup'),
];

interface NewGroup {
	groupName: string;
	participants: string[];
}

const parseCreated = parseFlag(['created'], { chatId: { type: 'string', nullable: true }, groupInviteLink: { type: 'string', nullable: true } });

export const execute = runSends<NewGroup>({
	method: 'createGroup',
	unknown: 'GREEN-API may or may not have created this group: look for it in WhatsApp (or Get Contacts) before creating it again',
	read: (item) => ({ groupName: readGroupName(item, 'Group Name'), participants: readParticipants(item) }),
	// Different groups do not wait for each other (the 1/s limit paces them); an equal item after
	// one that failed or may have created its group is held back rather than create it twice.
	chatOf: ({ groupName, participants }) => `${groupName}\n${participants.join(',')}`,
	given: ({ groupName, participants }) => ({ groupName, participants }),
	send: async ({ call }, { groupName, participants }) => {
		const answer = expectTrue(
			await call('createGroup', { groupName, chatIds: participants }, parseCreated),
			'created',
			'GREEN-API did not create the group',
			'Check that the participants are WhatsApp users and that this account may create groups now (WhatsApp refuses accounts that create many groups quickly).',
		);
		return { created: true, chatId: answer.chatId, groupInviteLink: answer.groupInviteLink ?? '', groupName, participants, sendState: DONE };
	},
});
