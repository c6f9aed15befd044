import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as deleteMessage from './deleteMessage.operation';
import * as downloadFile from './downloadFile.operation';
import * as editMessage from './editMessage.operation';
import * as forwardMessages from './forwardMessages.operation';
import * as readChat from './readChat.operation';
import * as sendContact from './sendContact.operation';
import * as sendFile from './sendFile.operation';
import * as sendInteractiveButtons from './sendInteractiveButtons.operation';
import * as sendInteractiveButtonsReply from './sendInteractiveButtonsReply.operation';
import * as sendLocation from './sendLocation.operation';
import * as sendMessage from './sendMessage.operation';
import * as sendPoll from './sendPoll.operation';
import * as sendTyping from './sendTyping.operation';
import * as sendAndWait from './sendAndWait/sendAndWait.operation';

const operations: OperationTable<'message'> = { sendMessage, sendFile, sendLocation, sendContact, sendPoll, sendInteractiveButtons, sendInteractiveButtonsReply, sendAndWait, forwardMessages, editMessage, deleteMessage, readChat, sendTyping, downloadFile };

export const resource: Resource = { name: 'Message', value: 'message', operations };
