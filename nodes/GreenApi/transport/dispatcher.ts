import { EnvHttpProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';

import { attemptDeadlineInterceptor } from './attemptDeadline';
import { proxySetting } from './proxy';
import { rateLimitInterceptor } from './rateLimitInterceptor';

/** Big enough for a catalogue of ~50,000 products, small enough to protect n8n's memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export const CONNECT_TIMEOUT_MS = 10_000;

const dispatchers = new Map<string, Dispatcher>();

/**
 * One keep-alive dispatcher per proxy setting for the whole n8n process: undici keeps a
 * connection pool per origin inside it, reused across items and executions. Proxies come
 * from the standard HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables; a changed setting gets a
 * dispatcher of its own instead of silently keeping the old one. Retries are not undici's
 * (see attempts.ts): each attempt is one dispatch, held by the rate limiter (outermost)
 * and bounded as a whole by the attempt deadline.
 */
export function sharedDispatcher(): Dispatcher {
	return dispatcherFor('api', MAX_RESPONSE_BYTES);
}

/**
 * The same for received files (fileStream.ts), without undici's response cap: their cap is
 * an option of its own (up to WhatsApp's 2 GB), counted while the body streams to n8n's store.
 */
export function fileDispatcher(): Dispatcher {
	return dispatcherFor('files', -1);
}

function dispatcherFor(kind: string, maxResponseSize: number): Dispatcher {
	const setting = `${kind}\n${proxySetting()}`;
	let dispatcher = dispatchers.get(setting);
	if (!dispatcher) {
		dispatcher = new EnvHttpProxyAgent({
			connect: { timeout: CONNECT_TIMEOUT_MS },
			keepAliveTimeout: 10_000,
			maxResponseSize,
			// Through a proxy, always a CONNECT tunnel, plain http included: a forwarding proxy
			// would see, and may log, the whole request path, token included.
			proxyTunnel: true,
		}).compose(attemptDeadlineInterceptor(), rateLimitInterceptor());
		dispatchers.set(setting, dispatcher);
	}
	return dispatcher;
}
