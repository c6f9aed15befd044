import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { participantChange, participantProperties } from './participants';

export const option: INodePropertyOptions = {
	name: 'Promote to Admin',
	value: 'setGroupAdmin',
	action: 'Promote to admin',
	description: 'Make a member an admin of the group; this account must be an admin of the group',
};

export const docs = 'https://green-api.com/en/docs/api/groups/SetGroupAdmin/';

export const properties: INodeProperties[] = participantProperties('setGroupAdmin');

export const execute = participantChange({
	method: 'setGroupAdmin',
	flag: 'setGroupAdmin',
	what: 'make the participant an admin',
	check: 'Check that this account is an admin of the group, that the participant is a member of it and not an admin already (Get Group Data lists both).',
});
