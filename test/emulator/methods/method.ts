import type { ChatStore } from '../chats';
import type { Answer } from '../types';
import type { LinkAnswer } from '../files';
import type { GroupStore } from '../groups';
import type { MultipartError, UploadForm } from '../multipart';
import type { Outbox } from '../outbox';

/** What a method's handler may read: the request body, the instance, and the test's overrides. */
export interface MethodRequest {
	body: string;
	state: string;
	/** http://127.0.0.1:port, for URLs the emulator serves itself (avatars). */
	baseUrl: string;
	/** setContact(): getContactInfo answers by chatId. */
	contacts: ReadonlyMap<string, Record<string, unknown> | string>;
	/** setContactList(): getContacts' answer, when set. */
	contactList?: ReadonlyArray<Record<string, unknown>>;
	/** The URL's query (getIncomingStatuses' ?minutes=, getStatusStatistic's ?idMessage=). */
	query?: URLSearchParams;
	/** A fresh idMessage, as GREEN-API assigns one to each queued message. */
	newId(): string;
	/** sendFileByUpload: the form the media host parsed (the file already hashed), instead of a JSON body. */
	form?: UploadForm | MultipartError;
	/** The Chat methods: each chat's journal and state (archived, disappearing messages). */
	chats?: ChatStore;
	/** downloadFile: the file host's fresh link to a received file. */
	files?: { freshLink(chatId: string, idMessage: string): LinkAnswer };
	/** The queue methods: the send queue the send methods filled. */
	outbox?: Pick<Outbox, 'list' | 'count' | 'clear'>;
	/** The groups created and changed so far (getGroupData and the group-changing methods). */
	groups?: GroupStore;
	/** reboot and logout: what they do to the instance, seen by every later request. */
	instance?: { setState(state: string): void; reboot(): void };
}

export interface MethodHandler {
	name: string;
	verb: 'GET' | 'POST';
	/** 'media': served only on the media host (404 on the API host), and the media host serves nothing else. */
	host?: 'media';
	serve(request: MethodRequest): Answer;
}

// yellowCard only restricts sending, so reading still works.
const SERVING_STATES = new Set(['authorized', 'yellowCard']);

/** The vendor's standard 400 for an instance that cannot serve requests, or undefined. */
export function notServing(state: string): Answer | undefined {
	if (SERVING_STATES.has(state)) return undefined;
	return {
		status: 400,
		body: state === 'starting' ? 'instance in starting process try later' : 'instance is starting or not authorized',
		contentType: 'text/plain; charset=utf-8',
	};
}

/** The body's string field, or the vendor's 400/500 when it is missing or of another JSON type. */
export function bodyField(raw: string, field: string): { ok: true; value: string } | { ok: false; answer: Answer } {
	const bad = (status: number, body: string) => ({ ok: false as const, answer: { status, body, contentType: 'text/plain; charset=utf-8' as const } });
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return bad(400, 'Validation failed');
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !(field in parsed)) return bad(400, 'Validation failed');
	const value = (parsed as Record<string, unknown>)[field];
	if (typeof value !== 'string') return bad(500, `interface conversion: interface {} is ${goType(value)}, not string`);
	if (value === '') return bad(400, 'Validation failed');
	return { ok: true, value };
}

// Go's type names as they appear in the vendor's "interface conversion" panics.
function goType(value: unknown): string {
	if (value === null) return 'nil';
	if (Array.isArray(value)) return '[]interface {}';
	switch (typeof value) {
		case 'boolean':
			return 'bool';
		case 'number':
			return 'float64';
		case 'object':
			return 'map[string]interface {}';
		default:
			return typeof value;
	}
}
