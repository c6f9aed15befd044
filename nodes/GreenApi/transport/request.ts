import type { Dispatcher } from 'undici';

import type { DeadlineDispatchOptions } from './attemptDeadline';
import { withRetries } from './attempts';
import type { AttemptResult } from './attempts';
import { bodyOf } from './body';
import type { RequestBody } from './body';
import { NO_MEDIA_HOST, pathFor } from './connection';
import type { Connection } from './connection';
import { sharedDispatcher } from './dispatcher';
import { answerFailure, errorFailure, GreenApiError, toError, unexpectedAnswer } from './failures';
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
	/** deleteMessage and sendTyping answer an empty 200: then `read` gets undefined. */
	emptyAnswer?: boolean;
	/** Uploads go to the instance's media host (sendFileByUpload); everything else to the API host. */
	host?: 'api' | 'media';
	/**
	 * Set for a call that changes state (a send, a delete...): it is retried only when GREEN-API
	 * cannot have taken it, and a failure says `unknown` when it may have (policy.ts).
	 */
	changesState?: { unknown: string };
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
	body: RequestBody | undefined,
	options: CallOptions,
	read: (json: unknown, text: string) => T = (json) => json as T,
): Promise<T> {
	const endpoint = options.host === 'media' ? connection.media : connection;
	if (!endpoint) throw new GreenApiError(NO_MEDIA_HOST, 'Nothing was sent.', undefined, true, options.changesState ? 'notSent' : undefined);
	// Messages and the proxy rules name the host really called; the limiter keys stay the instance's.
	const target: Connection = { ...connection, origin: endpoint.origin, basePath: endpoint.basePath, host: endpoint.host };
	const deadline = options.deadlineMs ? { signal: AbortSignal.timeout(options.deadlineMs), ms: options.deadlineMs } : undefined;
	const call: CallContext = { connection: target, method, timeoutMs: options.timeoutMs, signal: options.signal, deadline, changesState: options.changesState };
	const signals = [options.signal, deadline?.signal].filter((signal): signal is AbortSignal => signal !== undefined);
	const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
	const payload = bodyOf(body);
	const request: RateLimitedDispatchOptions & DeadlineDispatchOptions = {
		origin: target.origin,
		path: pathFor(target, method, options.pathSuffix, options.query),
		method: options.verb ?? (body === undefined ? 'GET' : 'POST'),
		headers: { accept: 'application/json', 'user-agent': USER_AGENT, ...payload.headers },
		// undici's own per-chunk timers stay as a backstop; the attempt deadline is the real bound.
		headersTimeout: options.timeoutMs,
		bodyTimeout: options.timeoutMs,
		attemptTimeoutMs: options.timeoutMs,
		signal,
		rateLimiter: limiterFor(`${connection.instanceKey}|${method}`, options.perSecond),
	};

	const text = await withRetries(call, options.maxRetries, signal, async () => await attempt({ ...request, body: payload.open() }, call));
	// A 200 was answered: whatever is wrong with it, GREEN-API took the request.
	const answered = (message: string) => toError({ ...unexpectedAnswer(message, call), written: true }, call, 0);
	if (text.trim() === '') {
		if (options.emptyAnswer) return read(undefined, text);
		throw answered('GREEN-API answered with an empty body');
	}
	let json: unknown;
	try {
		json = redactJson(JSON.parse(text), connection.secrets, text);
	} catch {
		throw answered(`GREEN-API answered with a body that is not valid JSON (${text.length} characters)`);
	}
	try {
		return read(json, text);
	} catch (error) {
		throw answered((error as Error).message);
	}
}

async function attempt(request: RateLimitedDispatchOptions & DeadlineDispatchOptions, call: CallContext): Promise<AttemptResult> {
	let written = false;
	try {
		const options: DeadlineDispatchOptions = { ...request, onWritten: () => (written = true) };
		const response = await sharedDispatcher().request(options as Parameters<Dispatcher['request']>[0]);
		const text = await response.body.text();
		if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, text };
		return { ok: false, failure: { ...answerFailure(response.statusCode, text, response.headers, call), written: true } };
	} catch (error) {
		return { ok: false, failure: { ...errorFailure(error, call), written } };
	}
}
