import type { IDataObject } from 'n8n-workflow';

import { pathFor } from './connection';
import type { Connection } from './connection';
import { sharedDispatcher } from './dispatcher';
import { answerFailure, httpFailure, networkFailure } from './failures';
import type { CallContext } from './failures';
import type { RateLimitedDispatchOptions } from './rateLimitInterceptor';
import { limiterFor } from './rateLimiter';

export interface CallOptions {
	/** Requests per second allowed for this method on this instance; 0 = no limit. */
	perSecond: number;
	/** Further attempts after the first, for 429, 502-504 and dropped connections. */
	maxRetries: number;
	/** Longest wait for the answer's headers, and between two chunks of its body. */
	timeoutMs: number;
	signal?: AbortSignal;
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
 */
export async function callGreenApi<T = unknown>(
	connection: Connection,
	method: string,
	body: IDataObject | undefined,
	options: CallOptions,
	read: (json: unknown) => T = (json) => json as T,
): Promise<T> {
	const call: CallContext = { connection, method, timeoutMs: options.timeoutMs, maxRetries: options.maxRetries };
	const request: RateLimitedDispatchOptions & { retryOptions: { maxRetries: number } } = {
		origin: connection.origin,
		path: pathFor(connection, method, options.pathSuffix, options.query),
		method: options.verb ?? (body === undefined ? 'GET' : 'POST'),
		headers: {
			accept: 'application/json',
			'user-agent': USER_AGENT,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
		headersTimeout: options.timeoutMs,
		bodyTimeout: options.timeoutMs,
		signal: options.signal,
		retryOptions: { maxRetries: options.maxRetries },
		rateLimiter: limiterFor(`${connection.instanceKey}|${method}`, options.perSecond),
	};

	let status: number;
	let text: string;
	try {
		const response = await sharedDispatcher().request(request);
		status = response.statusCode;
		text = await response.body.text();
	} catch (error) {
		throw networkFailure(error, call);
	}

	if (status < 200 || status >= 300) throw httpFailure(status, text, call);
	if (text.trim() === '') throw answerFailure('GREEN-API answered with an empty body', call);
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw answerFailure(`GREEN-API answered with a body that is not valid JSON (${text.length} characters)`, call);
	}
	try {
		return read(json);
	} catch (error) {
		throw answerFailure((error as Error).message, call);
	}
}
