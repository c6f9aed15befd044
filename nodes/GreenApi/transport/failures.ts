import type { Connection } from './connection';
import { MAX_RESPONSE_BYTES } from './dispatcher';
import { POLICY, sendStateOf, statusKind } from './policy';
import type { Facts, FailureKind, SendState } from './policy';
import { proxyFor, proxyPort } from './proxy';
import { quote } from './redact';

/**
 * A failed GREEN-API call, described for a person: what happened and what to do.
 * Built only from the status, the (redacted) server text and error codes, never from
 * a URL or a library error object, so no token can ride along in a message or cause.
 */
export class GreenApiError extends Error {
	constructor(
		message: string,
		readonly description: string,
		readonly httpCode?: string,
		/** Every further call to this instance would fail the same way: stop sending. */
		readonly fatal = false,
		/** Set for calls that change state: whether GREEN-API may have taken it (policy.ts). */
		readonly sendState?: SendState,
	) {
		super(message);
		this.name = 'GreenApiError';
	}
}

export interface CallContext {
	connection: Connection;
	method: string;
	timeoutMs: number;
	/** The execution's signal: only its abort is a cancellation. */
	signal?: AbortSignal;
	/** The call's overall deadline (the credential test has one), and its length. */
	deadline?: { signal: AbortSignal; ms: number };
	/** Set for a call that changes state: what may have happened, said when that is unknown. */
	changesState?: { unknown: string };
}

/** A failure of one attempt, before it becomes a GreenApiError: its kind decides what happens next. */
export interface Failure {
	kind: FailureKind;
	facts: Partial<Facts>;
	/** Retry-After of the answer, for the retry loop's wait. */
	retryAfter?: string | string[];
	/** The request was being written when it failed: GREEN-API may have taken it. */
	written?: boolean;
}

/** Server text in a message: enough to recognise it, never a whole document. */
const SERVER_TEXT_LIMIT = 300;
/** One value of a quota answer (`used`, `total`...). */
const QUOTA_VALUE_LIMIT = 40;

/** The error the user sees for `failure`, after `retries` further attempts. */
export function toError(failure: Failure, call: CallContext, retries: number): GreenApiError {
	const rule = POLICY[failure.kind];
	const facts: Facts = {
		host: call.connection.host,
		idInstance: call.connection.idInstance,
		method: call.method,
		timeoutMs: failure.kind === 'overallDeadline' ? (call.deadline?.ms ?? call.timeoutMs) : call.timeoutMs,
		maxMb: MAX_RESPONSE_BYTES / 1024 / 1024,
		...failure.facts,
	};
	const retried = retries > 0 ? ` (retried ${retries} time${retries === 1 ? '' : 's'})` : '';
	const sendState = call.changesState ? sendStateOf(failure.written === true, facts.status) : undefined;
	const description = [facts.code ? `Error code: ${facts.code}.` : '', facts.note ?? '', rule.todo(facts)].filter(Boolean).join(' ');
	const httpCode = facts.status !== undefined && !failure.kind.startsWith('proxy') ? String(facts.status) : undefined;
	const secrets = call.connection.secrets;
	// In the title: it decides what the user must do before anything else.
	const message = rule.message(facts) + retried + (sendState === 'unknown' ? `. ${call.changesState?.unknown}` : '');
	return new GreenApiError(quote(message, secrets, 600), quote(description, secrets, 1200), httpCode, rule.fatal, sendState);
}

/** A non-2xx answer. */
export function answerFailure(status: number, body: string, headers: Record<string, string | string[] | undefined>, call: CallContext): Failure {
	const kind = statusKind(status);
	if (kind === 'quota') return { kind, facts: { status, ...quotaFacts(body, call) } };
	return { kind, facts: { status, text: serverText(body, call) }, retryAfter: headers['retry-after'] };
}

/** A 200 that is not the documented answer; `message` says how, and may quote the server. */
export function unexpectedAnswer(message: string, call: CallContext): Failure {
	return { kind: 'badAnswer', facts: { status: 200, text: quote(message, call.connection.secrets, SERVER_TEXT_LIMIT) } };
}

/** An attempt that ended without a whole answer: named by its real cause. */
export function errorFailure(error: unknown, call: CallContext): Failure {
	if (call.signal?.aborted) return { kind: 'cancelled', facts: {} };
	if (call.deadline?.signal.aborted) return { kind: 'overallDeadline', facts: {} };
	const { code: rawCode, message, port, hostname } = (error ?? {}) as { code?: unknown; message?: unknown; port?: unknown; hostname?: unknown };
	const code = typeof rawCode === 'string' ? rawCode : undefined;
	const facts = { code: code ?? 'none' };
	const proxied = proxyFailure(call, code, typeof message === 'string' ? message : '', port, hostname);
	if (proxied) return { kind: proxied.kind, facts: { ...facts, ...proxied.facts } };
	return { kind: errorKind(code), facts };
}

function errorKind(code: string | undefined): FailureKind {
	switch (code) {
		case 'GREEN_API_ATTEMPT_TIMEOUT':
		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT':
			return 'timeout';
		case 'UND_ERR_CONNECT_TIMEOUT':
			return 'connectTimeout';
		case 'ECONNREFUSED':
			return 'refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'hostNotFound';
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
		case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
			return 'dropped';
		case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
			return 'tooLarge';
		case 'ERR_SSL_WRONG_VERSION_NUMBER':
		case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
			return 'tlsPlainPort';
	}
	if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return 'tlsUntrusted';
	if (code && /SSL|TLS/.test(code)) return 'tlsFailed';
	return 'unknown';
}

/** The proxy, not GREEN-API, failed: a CONNECT answered other than 200, or the proxy itself out of reach. */
function proxyFailure(call: CallContext, code: string | undefined, message: string, port: unknown, hostname: unknown): Failure | undefined {
	const proxy = proxyFor(call.connection.origin);
	if (!proxy) return undefined;
	const facts = { proxy: proxy.host };
	const answered = /^Proxy response \((\d{3})\)/.exec(message);
	if (answered) {
		const status = Number(answered[1]);
		return { kind: status === 407 ? 'proxyAuth' : 'proxyAnswered', facts: { ...facts, status } };
	}
	if (code === 'UND_ERR_PRX_CONN' || code === 'UND_ERR_PRX_TLS') return { kind: 'proxyFailed', facts };
	const apiPort = Number(new URL(call.connection.origin).port) || (call.connection.origin.startsWith('https:') ? 443 : 80);
	if (code === 'ECONNREFUSED' && port === proxyPort(proxy) && apiPort !== port) return { kind: 'proxyRefused', facts };
	if ((code === 'ENOTFOUND' || code === 'EAI_AGAIN') && hostname === proxy.hostname) return { kind: 'proxyFailed', facts };
	return undefined;
}

function quotaFacts(body: string, call: CallContext): Partial<Facts> {
	const parsed = safeJson(body);
	const secrets = call.connection.secrets;
	const value = (v: unknown, fallback: string) => quote(v === undefined || v === null ? fallback : typeof v === 'string' ? v : JSON.stringify(v), secrets, QUOTA_VALUE_LIMIT);
	const parts: string[] = [];
	const notes: string[] = [];
	for (const key of ['invokeStatus', 'correspondentsStatus']) {
		const status = parsed?.[key];
		if (typeof status !== 'object' || status === null) continue;
		const { method, used, total, status: code, description } = status as Record<string, unknown>;
		parts.push(`${value(method, call.method)} used ${value(used, '?')} of ${value(total, '?')} (${value(code, key)})`);
		if (typeof description === 'string') notes.push(quote(description, secrets, SERVER_TEXT_LIMIT));
	}
	return { text: parts.join('; ') || undefined, note: notes.join(' ') || undefined };
}

/** The server's own words, when it sent JSON with a message, else its text: redacted, then cut. */
function serverText(body: string, call: CallContext): string {
	const parsed = safeJson(body);
	const fromJson = parsed && (parsed.message ?? parsed.description ?? parsed.error);
	// The pre-cut only bounds the work on a huge body; it lies far beyond what the quote keeps
	// (redaction shortens nothing below a few hundred characters), so no piece of a token survives it.
	const text = (typeof fromJson === 'string' ? fromJson : body).slice(0, 100_000).replace(/\s+/g, ' ').trim();
	return quote(text, call.connection.secrets, SERVER_TEXT_LIMIT);
}

function safeJson(body: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(body);
		return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
