import type { Connection } from './connection';
import { MAX_RESPONSE_BYTES } from './dispatcher';
import { redact } from './redact';

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
	) {
		super(message);
		this.name = 'GreenApiError';
	}
}

export interface CallContext {
	connection: Connection;
	method: string;
	timeoutMs: number;
	maxRetries: number;
}

const SERVER_TEXT_LIMIT = 300;

export function httpFailure(status: number, body: string, call: CallContext): GreenApiError {
	const { connection, method } = call;
	const text = serverText(body, connection);
	const retried = call.maxRetries > 0 ? ` after ${call.maxRetries + 1} attempts` : '';
	const code = String(status);
	switch (status) {
		case 400:
			return new GreenApiError(
				`GREEN-API rejected the request: ${text || 'Bad Request'}`,
				'GREEN-API answers 400 for invalid request data, or when the instance is not authorized, starting or expired: check its state in the GREEN-API console.',
				code,
			);
		case 401:
			return new GreenApiError(
				`Wrong API token: GREEN-API did not accept the API token for instance ${connection.idInstance}`,
				"Copy apiTokenInstance from the GREEN-API console into the credential's API Token field.",
				code,
				true,
			);
		case 403:
			return new GreenApiError(
				`Wrong Instance ID or API URL: ${connection.host} does not serve instance ${connection.idInstance}`,
				'Use the apiUrl shown next to this instance in the GREEN-API console (e.g. https://7105.api.greenapi.com) and its idInstance; a wrong host is the usual cause.',
				code,
				true,
			);
		case 404:
			return new GreenApiError(
				`${connection.host} has no GREEN-API method ${method}`,
				'Check the API URL in the credential: it must be the apiUrl from the GREEN-API console.',
				code,
				true,
			);
		case 429:
			return new GreenApiError(
				`GREEN-API rate limit still exceeded${retried}`,
				`GREEN-API allows 1 ${method} request per second per instance. Lower "Requests per Second" in the node options if you raised it, and check that nothing else uses this instance at the same time.`,
				code,
			);
		case 466:
			return quotaFailure(body, call);
		case 500:
			return new GreenApiError(
				`GREEN-API failed to process the request: ${text || 'Internal Server Error'}`,
				'An internal error of GREEN-API; it is not retried because the same request fails the same way.',
				code,
			);
		case 502:
		case 503:
		case 504:
			return new GreenApiError(
				`GREEN-API is unavailable (HTTP ${status})${retried}`,
				'A gateway error on GREEN-API\'s side. Run the workflow again later, or raise "Retries" in the node options.',
				code,
			);
		default:
			return new GreenApiError(`GREEN-API answered HTTP ${status}${text ? `: ${text}` : ''}`, 'An answer GREEN-API does not document for this method.', code);
	}
}

function quotaFailure(body: string, call: CallContext): GreenApiError {
	const parsed = safeJson(body);
	const parts: string[] = [];
	const notes: string[] = [];
	for (const key of ['invokeStatus', 'correspondentsStatus']) {
		const status = parsed?.[key];
		if (typeof status !== 'object' || status === null) continue;
		const { method, used, total, status: code, description } = status as Record<string, unknown>;
		parts.push(`${String(method ?? call.method)} used ${String(used ?? '?')} of ${String(total ?? '?')} (${String(code ?? key)})`);
		if (typeof description === 'string') notes.push(redact(description, [call.connection.token]));
	}
	return new GreenApiError(
		`GREEN-API quota exceeded${parts.length ? `: ${parts.join('; ')}` : ''}`,
		[...notes, 'Upgrade the instance tariff in the GREEN-API console or wait until the quota renews.'].join(' '),
		'466',
		true,
	);
}

export function networkFailure(error: unknown, call: CallContext): GreenApiError {
	const { connection } = call;
	if (error instanceof GreenApiError) return error;
	const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
	if (code === 'UND_ERR_REQ_RETRY' && typeof statusCode === 'number') return httpFailure(statusCode, '', call);
	const retried = call.maxRetries > 0 ? ` (retried ${call.maxRetries} times)` : '';
	const detail = `Error code: ${typeof code === 'string' ? code : 'none'}.`;
	switch (code) {
		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT':
			return new GreenApiError(
				`No answer from ${connection.host} within ${call.timeoutMs} ms${retried}`,
				`${detail} Raise "Timeout" in the node options if GREEN-API is slow, or try again later.`,
			);
		case 'UND_ERR_CONNECT_TIMEOUT':
			return new GreenApiError(`Could not connect to ${connection.host} in time${retried}`, `${detail} Check the API URL and the network.`);
		case 'ECONNREFUSED':
			return new GreenApiError(`${connection.host} refused the connection${retried}`, `${detail} Check the API URL in the credential.`, undefined, true);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return new GreenApiError(`Cannot find the host ${connection.host}`, `${detail} Check the API URL in the credential.`, undefined, true);
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
			return new GreenApiError(`The connection to ${connection.host} closed before GREEN-API answered${retried}`, `${detail} Try again later.`);
		case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
			return new GreenApiError(
				`The answer from ${connection.host} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB and was refused`,
				`${detail} The size cap protects n8n's memory.`,
			);
		case 'UND_ERR_ABORTED':
		case 'ABORT_ERR':
			return new GreenApiError('The request was cancelled with the execution', detail);
	}
	if (error instanceof Error && error.name === 'AbortError') {
		return new GreenApiError('The request was cancelled with the execution', detail);
	}
	if (typeof code === 'string' && /CERT|SSL|TLS/.test(code)) {
		return new GreenApiError(`The TLS certificate of ${connection.host} is not trusted`, `${detail} Check the API URL.`, undefined, true);
	}
	return new GreenApiError(`The request to ${connection.host} failed${retried}`, detail);
}

export function answerFailure(message: string, call: CallContext): GreenApiError {
	return new GreenApiError(
		redact(message, [call.connection.token]),
		`GREEN-API answered ${call.method} with HTTP 200 but not with the documented answer.`,
		'200',
	);
}

/** The server's own words, when it sent JSON with a message, else its text. */
function serverText(body: string, connection: Connection): string {
	const parsed = safeJson(body);
	const fromJson = parsed && (parsed.message ?? parsed.description ?? parsed.error);
	const text = (typeof fromJson === 'string' ? fromJson : body).replace(/\s+/g, ' ').trim();
	const redacted = redact(text, [connection.token]);
	return redacted.length > SERVER_TEXT_LIMIT ? `${redacted.slice(0, SERVER_TEXT_LIMIT)}…` : redacted;
}

function safeJson(body: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(body);
		return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}
