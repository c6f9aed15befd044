import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as archiveChat from './archiveChat.operation';
import * as getChatHistory from './getChatHistory.operation';
import * as getMessage from './getMessage.operation';
import * as lastIncomingMessages from './lastIncomingMessages.operation';
import * as lastOutgoingMessages from './lastOutgoingMessages.operation';
import * as setDisappearingChat from './setDisappearingChat.operation';
import * as unarchiveChat from './unarchiveChat.operation';

const operations: OperationTable<'chat'> = { getChatHistory, getMessage, lastIncomingMessages, lastOutgoingMessages, archiveChat, unarchiveChat, setDisappearingChat };

export const resource: Resource = { name: 'Chat', value: 'chat', operations };
