import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { participantChange, participantProperties } from './participants';

export const option: INodePropertyOptions = {
	name: 'Add Participant',
	value: 'addGroupParticipant',
	action: 'Add participant',
	description: 'Add a member to a group; this account must be an admin of the group',
};

export const docs = 'https://green-api.com/en/docs/api/groups/AddGroupParticipant/';

export const properties: INodeProperties[] = participantProperties('addGroupParticipant');

export const execute = participantChange({
	method: 'addGroupParticipant',
	flag: 'addParticipant',
	what: 'add the participant',
	check: "Check that this account is an admin of the group, that the number is saved in the phone's contacts (WhatsApp may refuse others) and that it is not a member already (Get Group Data lists the members).",
});
