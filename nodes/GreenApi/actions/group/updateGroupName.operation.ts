import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { DONE, expectTrue, groupIdProperty, groupNameProperty, NOT_ADMIN, parseFlag, readGroupId, readGroupName } from './shared';

export const option: INodePropertyOptions = {
	name: 'Rename Group',
	value: 'updateGroupName',
	action: 'Rename group',
	description: "Change a group's name (its subject); this account must be an admin of the group",
};

export const docs = 'https://green-api.com/en/docs/api/groups/UpdateGroupName/';

export const properties: INodeProperties[] = [groupIdProperty, groupNameProperty('New Name', "The group's new name"), optionsCollection('updateGroupName')];

interface Rename {
	groupId: string;
	groupName: string;
}

const parseRenamed = parseFlag(['updateGroupName']);

export const execute = runSends<Rename>({
	method: 'updateGroupName',
	unknown: "GREEN-API may or may not have renamed this group: check its name (Get Group Data's subject) before renaming it again",
	read: (item) => ({ groupId: readGroupId(item), groupName: readGroupName(item, 'New Name') }),
	chatOf: ({ groupId }) => groupId,
	given: ({ groupId, groupName }) => ({ groupId, groupName }),
	send: async ({ call }, { groupId, groupName }) => {
		const answer = await call('updateGroupName', { groupId, groupName }, parseRenamed);
		return { ...expectTrue(answer, 'updateGroupName', 'GREEN-API did not rename the group', NOT_ADMIN), groupId, groupName, sendState: DONE };
	},
});
