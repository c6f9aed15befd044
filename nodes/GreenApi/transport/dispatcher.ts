import { EnvHttpProxyAgent, interceptors } from 'undici';
import type { Dispatcher } from 'undici';

import { rateLimitInterceptor } from './rateLimitInterceptor';

/** Big enough for a catalogue of ~50,000 products, small enough to protect n8n's memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Answers worth another try: rate limit, gateway trouble. Never other 4xx, never 500. */
export const RETRY_STATUS_CODES = [429, 502, 503, 504];

/** Network failures worth another try; DNS and TLS failures are not (they need a fix). */
export const RETRY_ERROR_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'UND_ERR_SOCKET',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
];

export const CONNECT_TIMEOUT_MS = 10_000;

let shared: Dispatcher | undefined;

/**
 * One keep-alive dispatcher for the whole n8n process: undici keeps a connection pool
 * per origin inside it, reused across items and executions. Proxies come from the
 * standard HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables. The retry interceptor is
 * outermost, so every attempt passes the rate limiter.
 */
export function sharedDispatcher(): Dispatcher {
	shared ??= new EnvHttpProxyAgent({
		connect: { timeout: CONNECT_TIMEOUT_MS },
		keepAliveTimeout: 10_000,
		maxResponseSize: MAX_RESPONSE_BYTES,
	}).compose(
		rateLimitInterceptor(),
		interceptors.retry({
			methods: ['GET', 'POST'],
			statusCodes: RETRY_STATUS_CODES,
			errorCodes: RETRY_ERROR_CODES,
			minTimeout: 1000,
			maxTimeout: 30_000,
			timeoutFactor: 2,
		}),
	);
	return shared;
}
