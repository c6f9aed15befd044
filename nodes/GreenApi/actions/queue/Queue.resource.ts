import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as clearMessagesQueue from './clearMessagesQueue.operation';
import * as getMessagesCount from './getMessagesCount.operation';
import * as showMessagesQueue from './showMessagesQueue.operation';

const operations: OperationTable<'queue'> = { showMessagesQueue, getMessagesCount, clearMessagesQueue };

export const resource: Resource = { name: 'Queue', value: 'queue', operations };
