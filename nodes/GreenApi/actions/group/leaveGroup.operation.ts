import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { DONE, groupIdProperty, parseFlag, readGroupId, refused } from './shared';

export const option: INodePropertyOptions = {
	name: 'Leave Group',
	value: 'leaveGroup',
	action: 'Leave group',
	description: 'This WhatsApp account leaves the group at once; it cannot rejoin from here',
};

export const docs = 'https://green-api.com/en/docs/api/groups/LeaveGroup/';

export const properties: INodeProperties[] = [
	groupIdProperty,
	{
		displayName:
			'This account leaves the group as soon as the node runs, once per input item, and stops receiving its messages. This cannot be undone from here: only an admin of the group can add the account back (or it joins again by an invite link).',
		name: 'leaveGroupNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection('leaveGroup'),
];

// An admin that leaves is answered removeAdmin: true instead of leaveGroup: true (GREEN-API's page).
const parseLeft = parseFlag(['leaveGroup', 'removeAdmin']);

export const execute = runSends<string>({
	method: 'leaveGroup',
	unknown: 'GREEN-API may or may not have left this group: check whether the account is still a member (Get Group Data) before running it again',
	read: (item) => readGroupId(item),
	chatOf: (groupId) => groupId,
	given: (groupId) => ({ groupId }),
	send: async ({ call }, groupId) => {
		const answer = await call('leaveGroup', { groupId }, parseLeft);
		if (answer.leaveGroup !== true && answer.removeAdmin !== true) {
			throw refused(`GREEN-API did not leave the group (it answered ${JSON.stringify(answer).slice(0, 80)})`, 'Check the Group ID and that this account is still a member of the group.');
		}
		return { ...answer, left: true, groupId, sendState: DONE };
	},
});
