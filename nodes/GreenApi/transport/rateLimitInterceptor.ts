import type { Dispatcher } from 'undici';

import { Decorator } from './decorator';
import type { RateLimiter } from './rateLimiter';
import { instancePauseMs } from './serverWait';

/** Dispatch options of a request that must wait for its instance's rate limit. */
export interface RateLimitedDispatchOptions extends Dispatcher.DispatchOptions {
	rateLimiter?: RateLimiter;
	signal?: AbortSignal | null;
}

/**
 * undici interceptor that holds each attempt until the instance's limiter allows it.
 * Every attempt (retries too) is its own dispatch through here, so retries wait for the
 * limit like first attempts do, and every 429 is seen first-hand to hold the instance back.
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
class RateLimitedHandler extends Decorator {
	constructor(
		handler: Dispatcher.DispatchHandler,
		private readonly limiter: RateLimiter,
		private readonly markSent: () => void,
	) {
		super(handler);
	}

	/** undici calls this on a connected socket, right before writing the request. */
	onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
		this.markSent();
		super.onRequestStart(controller, context);
	}

	onResponseStart(
		controller: Dispatcher.DispatchController,
		statusCode: number,
		headers: Record<string, string | string[] | undefined>,
		statusMessage?: string,
	): void {
		// Capped: one answer must not hold every item and execution of the instance for long.
		if (statusCode === 429) this.limiter.penalize(instancePauseMs(headers['retry-after'], this.limiter.windowMs));
		super.onResponseStart(controller, statusCode, headers, statusMessage);
	}
}
