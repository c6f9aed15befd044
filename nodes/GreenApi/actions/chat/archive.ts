import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseEmpty } from '../message/shared';
import { journalChatIdProperty } from './journal';

/**
 * Archive Chat and Unarchive Chat: one POST {chatId} each, answered with an empty 200. They
 * change the chat, so they go through the send runner: never retried once GREEN-API may have
 * taken the request, and such a failure ends the item with sendState "unknown".
 */

type ArchiveMethod = 'archiveChat' | 'unarchiveChat';

export interface ArchiveOperation {
	option: INodePropertyOptions;
	docs: string;
	properties: INodeProperties[];
	execute: ReturnType<typeof runSends<string>>;
}

export function archiveOperation(method: ArchiveMethod): ArchiveOperation {
	const archived = method === 'archiveChat';
	const verb = archived ? 'archive' : 'unarchive';
	const page = archived ? 'ArchiveChat' : 'UnarchiveChat';
	return {
		option: {
			name: archived ? 'Archive Chat' : 'Unarchive Chat',
			value: method,
			action: archived ? 'Archive chat' : 'Unarchive chat',
			description: archived ? 'Move a chat to the archive of the account' : 'Bring a chat back from the archive of the account',
		},
		docs: `https://green-api.com/en/docs/api/service/${page}/`,
		properties: [
			journalChatIdProperty(`The chat to ${verb}: a personal chat (…@c.us, …@lid or a phone number) or a group (…@g.us)`),
			optionsCollection(method),
		],
		execute: runSends<string>({
			method,
			unknown: `GREEN-API may or may not have ${verb}d this chat: check the chat (Get Contact Info's isArchive) before running it again`,
			read: (item) => item.chatId(['personal', 'group']),
			chatOf: (chatId) => chatId,
			// Not `archived`: on an error item it would read as the chat's state.
			given: (chatId) => ({ chatId }),
			send: async ({ call }, chatId) => {
				await call(method, { chatId }, parseEmpty, { emptyAnswer: true });
				return { chatId, archived, sendState: 'done' };
			},
		}),
	};
}
