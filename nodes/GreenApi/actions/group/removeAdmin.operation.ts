import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { participantChange, participantProperties } from './participants';

export const option: INodePropertyOptions = {
	name: 'Demote Admin',
	value: 'removeAdmin',
	action: 'Demote admin',
	description: "Take a member's admin rights away (they stay in the group); this account must be an admin of the group",
};

export const docs = 'https://green-api.com/en/docs/api/groups/RemoveAdmin/';

export const properties: INodeProperties[] = participantProperties('removeAdmin');

export const execute = participantChange({
	method: 'removeAdmin',
	flag: 'removeAdmin',
	what: "take the participant's admin rights away",
	check: "Check that this account is an admin of the group and that the participant is an admin of it (the group's creator cannot be demoted).",
});
