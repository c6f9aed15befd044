import type { LoggedMessage, QueuedMessage } from './types';

export interface MessageFilter {
	chatId?: string;
	method?: string;
}

/** What the emulator queued, in the order it accepted it: the ground truth for "sent once, in order". */
export class MessageLog {
	private readonly entries: LoggedMessage[] = [];
	private readonly listeners = new Set<(entry: LoggedMessage) => void>();

	add(at: number, method: string, queued: QueuedMessage): LoggedMessage {
		const entry: LoggedMessage = { ...queued, method, at };
		this.entries.push(entry);
		for (const listener of this.listeners) listener(entry);
		return entry;
	}

	/** Calls `listener` with each message accepted from now on (what follows a send: its statuses); returns the way to stop. */
	onAdd(listener: (entry: LoggedMessage) => void): () => void {
		this.listeners.add(listener);
		return () => void this.listeners.delete(listener);
	}

	/** A copy, so a test holding it sees a snapshot. */
	all(): LoggedMessage[] {
		return [...this.entries];
	}

	forChat(chatId: string): LoggedMessage[] {
		return this.entries.filter((m) => m.chatId === chatId);
	}

	count(filter: MessageFilter = {}): number {
		const method = filter.method?.toLowerCase();
		return this.entries.filter((m) => (filter.chatId === undefined || m.chatId === filter.chatId) && (method === undefined || m.method.toLowerCase() === method)).length;
	}

	clear(): void {
		this.entries.length = 0;
	}
}
