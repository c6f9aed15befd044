import type { Dispatcher } from 'undici';

import type { RateLimiter } from './rateLimiter';

/** Dispatch options of a request that must wait for its instance's rate limit. */
export interface RateLimitedDispatchOptions extends Dispatcher.DispatchOptions {
	rateLimiter?: RateLimiter;
	signal?: AbortSignal | null;
}

/**
 * undici interceptor that holds each attempt until the instance's limiter allows it.
 * It sits inside the retry interceptor, so retries wait for the limit like first
 * attempts do, and it sees every 429 first-hand to hold the whole instance back.
 */
export function rateLimitInterceptor(): Dispatcher.DispatcherComposeInterceptor {
	return (dispatch) => (opts, handler) => {
		const { rateLimiter, signal } = opts as RateLimitedDispatchOptions;
		if (!rateLimiter) return dispatch(opts, handler);
		rateLimiter.schedule((markSent) => {
			try {
				dispatch(opts, new RateLimitedHandler(handler, rateLimiter, markSent));
			} catch (error) {
				handler.onResponseError?.(null as unknown as Dispatcher.DispatchController, error as Error);
			}
		}, signal);
		return true;
	};
}

/** Tells the limiter when the request goes out, and holds the instance back on a 429. */
class RateLimitedHandler implements Dispatcher.DispatchHandler {
	constructor(
		private readonly handler: Dispatcher.DispatchHandler,
		private readonly limiter: RateLimiter,
		private readonly markSent: () => void,
	) {}

	/** undici calls this on a connected socket, right before writing the request. */
	onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
		this.markSent();
		this.handler.onRequestStart?.(controller, context);
	}

	onResponseStart(
		controller: Dispatcher.DispatchController,
		statusCode: number,
		headers: Record<string, string | string[] | undefined>,
		statusMessage?: string,
	): void {
		if (statusCode === 429) {
			this.limiter.penalize(retryAfterMs(headers['retry-after']) ?? this.limiter.windowMs);
		}
		this.handler.onResponseStart?.(controller, statusCode, headers, statusMessage);
	}

	onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
		this.handler.onResponseData?.(controller, chunk);
	}

	onResponseEnd(controller: Dispatcher.DispatchController, trailers: Record<string, string | string[] | undefined>): void {
		this.handler.onResponseEnd?.(controller, trailers);
	}

	onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
		this.handler.onResponseError?.(controller, error);
	}
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
