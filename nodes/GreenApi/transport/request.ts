import type { IDataObject } from 'n8n-workflow';

import type { DeadlineDispatchOptions } from './attemptDeadline';
import { withRetries } from './attempts';
import type { AttemptResult } from './attempts';
import { pathFor } from './connection';
import type { Connection } from './connection';
import { sharedDispatcher } from './dispatcher';
import { answerFailure, errorFailure, toError, unexpectedAnswer } from './failures';
import type { CallContext } from './failures';
import type { RateLimitedDispatchOptions } from './rateLimitInterceptor';
import { limiterFor } from './rateLimiter';
import { redactJson } from './redact';

export interface CallOptions {
	/** Requests per second allowed for this method on this instance; 0 = no limit. */
	perSecond: number;
	/** Further attempts after the first, for what the failure policy retries (policy.ts). */
	maxRetries: number;
	/** Deadline of each attempt, from sending the request to the last byte of the answer. */
	timeoutMs: number;
	signal?: AbortSignal;
	/** Deadline of the whole call, queueing, retries and waits included (the credential test). */
	deadlineMs?: number;
	/** Default: POST with a body, GET without. deleteNotification needs DELETE. */
	verb?: 'GET' | 'POST' | 'DELETE';
	/** Query parameters, e.g. receiveNotification's receiveTimeout. */
	query?: Record<string, string | number>;
	/** Path segments after the token, e.g. deleteNotification's receiptId. */
	pathSuffix?: readonly (string | number)[];
}

const USER_AGENT = 'n8n-nodes-green-api';

/**
 * One GREEN-API call: `{apiUrl}/waInstance{id}/{method}/{token}`, JSON in and out.
 * Resolves with the answer as `read` makes it from the JSON (an error `read` throws says
 * how the answer differs from the documented one); rejects only with a GreenApiError.
 * `read` also gets the answer's text, for numbers JSON.parse would round (receipt IDs above 2^53).
 */
export async function callGreenApi<T = unknown>(
	connection: Connection,
	method: string,
	body: IDataObject | undefined,
	options: CallOptions,
	read: (json: unknown, text: string) => T = (json) => json as T,
): Promise<T> {
	const deadline = options.deadlineMs ? { signal: AbortSignal.timeout(options.deadlineMs), ms: options.deadlineMs } : undefined;
	const call: CallContext = { connection, method, timeoutMs: options.timeoutMs, signal: options.signal, deadline };
	const signals = [options.signal, deadline?.signal].filter((signal): signal is AbortSignal => signal !== undefined);
	const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
	const request: RateLimitedDispatchOptions & DeadlineDispatchOptions = {
		origin: connection.origin,
		path: pathFor(connection, method, options.pathSuffix, options.query),
		method: options.verb ?? (body === undefined ? 'GET' : 'POST'),
		headers: {
			accept: 'application/json',
			'user-agent': USER_AGENT,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		// undici's own per-chunk timers stay as a backstop; the attempt deadline is the real bound.
		headersTimeout: options.timeoutMs,
		bodyTimeout: options.timeoutMs,
		attemptTimeoutMs: options.timeoutMs,
		signal,
		rateLimiter: limiterFor(`${connection.instanceKey}|${method}`, options.perSecond),
	};

	const text = await withRetries(call, options.maxRetries, signal, async () => await attempt(request, call));
	if (text.trim() === '') throw toError(unexpectedAnswer('GREEN-API answered with an empty body', call), call, 0);
	let json: unknown;
	try {
		json = redactJson(JSON.parse(text), [connection.token], text);
	} catch {
		throw toError(unexpectedAnswer(`GREEN-API answered with a body that is not valid JSON (${text.length} characters)`, call), call, 0);
	}
	try {
		return read(json, text);
	} catch (error) {
		throw toError(unexpectedAnswer((error as Error).message, call), call, 0);
	}
}

async function attempt(request: RateLimitedDispatchOptions, call: CallContext): Promise<AttemptResult> {
	try {
		const response = await sharedDispatcher().request(request);
		const text = await response.body.text();
		if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, text };
		return { ok: false, failure: answerFailure(response.statusCode, text, response.headers, call) };
	} catch (error) {
		return { ok: false, failure: errorFailure(error, call) };
	}
}
