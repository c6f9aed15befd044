import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as addGroupParticipant from './addGroupParticipant.operation';
import * as createGroup from './createGroup.operation';
import * as getGroupData from './getGroupData.operation';
import * as leaveGroup from './leaveGroup.operation';
import * as removeAdmin from './removeAdmin.operation';
import * as removeGroupParticipant from './removeGroupParticipant.operation';
import * as setGroupAdmin from './setGroupAdmin.operation';
import * as setGroupPicture from './setGroupPicture.operation';
import * as updateGroupName from './updateGroupName.operation';

// Get Group Data stays first: the Operation picker's default, and the only lookup.
const operations: OperationTable<'group'> = { getGroupData, createGroup, updateGroupName, addGroupParticipant, removeGroupParticipant, setGroupAdmin, removeAdmin, setGroupPicture, leaveGroup };

export const resource: Resource = { name: 'Group', value: 'group', operations };
