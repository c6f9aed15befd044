// The instance's send queue as showMessagesQueue lists it: every message a send method queued
// since the last reset or clearMessagesQueue. The emulator never delivers, so nothing leaves it
// on its own; getMessagesCount counts it at once (GREEN-API's ~10 s refresh is not modelled).
import type { MessageLog } from './message-log';
import type { LoggedMessage } from './types';

/** GREEN-API's `type` of each queued send; an upload is listed as sendFileByUrl (its docs say so). */
const TYPES: Readonly<Record<string, string>> = {
	sendMessage: 'sendMessage',
	sendPoll: 'sendPoll',
	sendFileByUrl: 'sendFileByUrl',
	sendFileByUpload: 'sendFileByUrl',
	sendLocation: 'sendLocation',
	sendContact: 'sendContact',
	forwardMessages: 'ForwardMessages',
	sendTextStatus: 'sendTextStatus',
	sendVoiceStatus: 'sendVoiceStatus',
	sendMediaStatus: 'sendMediaStatus',
	// No type is documented for them: their method name, as for the others (a guess).
	sendInteractiveButtons: 'sendInteractiveButtons',
	sendInteractiveButtonsReply: 'sendInteractiveButtonsReply',
};

const STATUS_METHODS = new Set(['sendTextStatus', 'sendVoiceStatus', 'sendMediaStatus']);

export interface QueueEntry {
	messageID?: string;
	messagesIDs?: string[];
	type: string;
	body: Record<string, unknown>;
}

/** GREEN-API lists the first 500 queued messages only. */
export const MAX_LISTED = 500;

export class Outbox {
	private entries: QueueEntry[] = [];

	constructor(messages: MessageLog) {
		messages.onAdd((entry) => this.add(entry));
	}

	/** In the order they were queued (FIFO), at most the first 500. */
	list(): QueueEntry[] {
		return structuredClone(this.entries.slice(0, MAX_LISTED));
	}

	get count(): number {
		return this.entries.length;
	}

	clear(): void {
		this.entries = [];
	}

	private add(logged: LoggedMessage): void {
		const type = TYPES[logged.method];
		if (type === undefined || logged.idMessage === undefined) return; // read, type, edit, delete: nothing queued to send
		// A status has no chat of its own (the log files it under status@broadcast).
		const body = STATUS_METHODS.has(logged.method) ? { ...logged.fields } : { ...logged.fields, chatId: logged.chatId };
		this.entries.push(type === 'ForwardMessages' ? { messagesIDs: [logged.idMessage], type, body } : { messageID: logged.idMessage, type, body });
	}
}
