import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { participantChange, participantProperties } from './participants';

export const option: INodePropertyOptions = {
	name: 'Remove Participant',
	value: 'removeGroupParticipant',
	action: 'Remove participant',
	description: 'Remove a member from a group at once; this account must be an admin of the group',
};

export const docs = 'https://green-api.com/en/docs/api/groups/RemoveGroupParticipant/';

export const properties: INodeProperties[] = participantProperties(
	'removeGroupParticipant',
	'Removes the participant from the group as soon as the node runs, once per input item. This cannot be undone from here: adding them back takes Add Participant, which WhatsApp may refuse (their privacy settings, or a number not in the contacts).',
);

export const execute = participantChange({
	method: 'removeGroupParticipant',
	flag: 'removeParticipant',
	what: 'remove the participant',
	check: 'Check that this account is an admin of the group and that the participant is a member of it (Get Group Data lists the members).',
});
