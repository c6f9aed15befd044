// Shared vocabulary of the emulator. Kept free of runtime imports so every other file can use it.

export const EMULATOR_ID_INSTANCE = '1101000001';
// Deliberately not hex-looking: nothing here may resemble a real apiTokenInstance.
export const EMULATOR_TOKEN = 'emulator-token-not-a-secret';
export const SEED_CHAT_ID = '71234567890@c.us';

export interface EmulatorOptions {
	idInstance?: string;
	token?: string;
	/** getStateInstance answer; anything but 'authorized'/'yellowCard' also makes getContactInfo answer 400. */
	stateInstance?: string;
	/** Per method (case-insensitive key), requests/second; merged over the defaults. 0 or Infinity = unlimited. */
	rateLimits?: Record<string, number>;
	/** Added before every answer (not before resets or hangs). */
	latencyMs?: number;
	/** The media host's port (sendFileByUpload); default a free one. */
	mediaPort?: number;
	/** Uploaded files up to this many bytes keep their bytes in the message log; default 0 (only size and sha256). */
	keepUploadBytes?: number;
	/** A file part larger than this answers 413; default 100 MB (104,857,600 bytes). */
	maxUploadBytes?: number;
}

/** The file of a sendFileByUpload, as the media host received it. */
export interface LoggedFile {
	/** The fileName form field, else the file part's own filename. */
	fileName: string;
	size: number;
	/** Hex sha256 of the bytes, hashed while they streamed in. */
	sha256: string;
	/** The file part's Content-Type, when it had one. */
	mimeType?: string;
	/** Only for files up to the keepUploadBytes option. */
	bytes?: Buffer;
	/** The most bytes the parser held at once while this request streamed: proof it did not buffer the file. */
	peakBufferedBytes: number;
}

/** One message the emulator accepted (queued), in acceptance order. */
export interface LoggedMessage {
	/** The id the answer carried (forwardMessages: the one new message); absent for readChat, sendTyping, deleteMessage. */
	idMessage?: string;
	/** Canonical method name ('sendMessage'). */
	method: string;
	chatId: string;
	/** performance.now() in ms when it was accepted, the same clock as RequestRecord.at. */
	at: number;
	/** The JSON body, or the form fields without the file. */
	fields: Record<string, unknown>;
	file?: LoggedFile;
}

/** What a handler's success would queue; the server logs it only if it accepts the request. */
export type QueuedMessage = Omit<LoggedMessage, 'at' | 'method'>;

export type FaultKind =
	| 'status'
	| 'quota'
	| 'reset'
	| 'hang'
	| 'malformedJson'
	| 'emptyBody'
	| 'oversized'
	| 'wrongTypes'
	| 'trickle'
	| 'cutBody';

export interface Fault {
	kind: FaultKind;
	/** How many matching requests it applies to; default Infinity. */
	times?: number;
	/** Only requests whose body chatId equals this exact string. */
	chatId?: string;
	/** Only this method (case-insensitive); default getContactInfo. */
	method?: string;
	/** Required for kind 'status'. */
	status?: number;
	retryAfter?: number | string;
	body?: string;
	/**
	 * Puts the full request path, token included, into the body so tests can prove redaction:
	 * as received (true), with its percent escapes in lower case, or with `+` for every %20.
	 */
	echoPath?: boolean | 'lowerCase' | 'plus';
	/** For 'oversized': body size in bytes (default 10 MB); for 'cutBody': bytes sent before the close (default 12). */
	bytes?: number;
	/** For 'quota': also send correspondentsStatus, as the vendor does when the chat quota is used up. */
	correspondents?: boolean;
	/** For 'quota': the `used` value to send instead of 1000 (e.g. a 5,000-character string). */
	used?: unknown;
	/** For 'trickle': the normal answer's headers at once, then one body byte every this many ms (default 600). */
	intervalMs?: number;
	/**
	 * The request takes effect first (a send is logged as queued), then the answer fails as `kind` says:
	 * 'status' (e.g. 502), 'hang', 'cutBody' or 'trickle' of the real answer, 'reset'. Only requests that
	 * would have succeeded consume it.
	 */
	apply?: boolean;
}

export type RecordedStatus = number | 'reset' | 'hang';

export interface RequestRecord {
	/** performance.now() in ms when the request arrived. */
	at: number;
	/** Canonical name ('getContactInfo') for known methods; otherwise the raw path segment, or '' if none. */
	method: string;
	/** The parsed body's chatId, undefined when there is none. */
	chatId?: unknown;
	status: RecordedStatus;
}

export interface RequestFilter {
	chatId?: unknown;
	method?: string;
	status?: RecordedStatus;
}

/** A complete HTTP answer, decided before latency is applied. */
export interface Answer {
	status: number;
	body: string;
	contentType: 'application/json' | 'text/plain; charset=utf-8';
	headers?: Record<string, string>;
	/** Body-level faults: the headers go out whole, the body does not (see writeBody in faults.ts). */
	trickleMs?: number;
	cutAfter?: number;
	/** A send's effect, logged by the server when it accepts the request. */
	queued?: QueuedMessage;
	/** A change of state (a group's), made only when the server accepts the request. */
	effect?: () => void;
}

export type Outcome = Answer | { kind: 'reset' } | { kind: 'hang' };

export function text(status: number, body: string, headers?: Record<string, string>): Answer {
	return { status, body, contentType: 'text/plain; charset=utf-8', headers };
}

export function json(status: number, body: string): Answer {
	return { status, body, contentType: 'application/json' };
}
