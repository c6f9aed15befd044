import { normalizeChatId } from '../../helpers/chatId';
import type { NormalizedNotification } from './normalize';

export type ChatKind = 'all' | 'personal' | 'group';

export interface FilterSettings {
	/** Notification types to keep; empty keeps every type. */
	events: string[];
	chats: ChatKind;
	/** As the user typed them: phone numbers in any form, chat IDs, group IDs. */
	chatIds: string;
}

export type NotificationFilter = (notification: NormalizedNotification) => boolean;

/**
 * Builds the filter once, at activation, so a chat ID that cannot be read stops the
 * activation with the reason instead of silently matching nothing.
 */
export function buildFilter(settings: FilterSettings): NotificationFilter {
	const events = new Set(settings.events);
	const chatIds = parseChatIds(settings.chatIds);
	return (n) => {
		if (events.size > 0 && !events.has(n.type)) return false;
		if (settings.chats === 'personal' && (n.isGroup || n.chatId === '')) return false;
		if (settings.chats === 'group' && !n.isGroup) return false;
		return chatIds.size === 0 || chatIds.has(n.chatId.toLowerCase());
	};
}

export function parseChatIds(list: string): Set<string> {
	const ids = new Set<string>();
	const entries = list.split(/[,;\n]/).map((entry) => entry.trim()).filter(Boolean);
	entries.forEach((entry, index) => {
		if (/@g\.us$/i.test(entry)) {
			ids.add(entry.toLowerCase());
			return;
		}
		const result = normalizeChatId(entry);
		if (!result.ok) throw new Error(`Chat IDs filter, entry ${index + 1}: ${result.reason}`);
		ids.add(result.chatId.toLowerCase());
	});
	return ids;
}
