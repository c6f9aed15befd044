import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as getGroupData from './getGroupData.operation';

const operations: OperationTable<'group'> = { getGroupData };

export const resource: Resource = { name: 'Group', value: 'group', operations };
