import type { Dispatcher } from 'undici';

import { Decorator } from './decorator';

/** Dispatch options of a request whose every attempt must be over within a time. */
export interface DeadlineDispatchOptions extends Dispatcher.DispatchOptions {
	attemptTimeoutMs?: number;
	/**
	 * Called when undici starts writing the request on a connected socket. Until then a
	 * failure (refused, DNS, connect timeout, TLS handshake, proxy) proves GREEN-API never
	 * saw it; after it, a send may have been queued. The send rules (policy.ts) hang on this.
	 */
	onWritten?: () => void;
}

/** The attempt took longer than its deadline, from sending to the answer's last byte. */
export class AttemptTimeoutError extends Error {
	readonly code = 'GREEN_API_ATTEMPT_TIMEOUT';

	constructor(readonly timeoutMs: number) {
		super(`No complete answer within ${timeoutMs} ms`);
		this.name = 'AttemptTimeoutError';
	}
}

/**
 * undici interceptor bounding each attempt as a whole. undici's own headersTimeout and
 * bodyTimeout restart at every chunk, so a body trickling a byte at a time never trips
 * them; this clock starts when the request is written and stops at the last byte.
 * Time spent queued for the rate limit does not count: nothing was sent yet.
 */
export function attemptDeadlineInterceptor(): Dispatcher.DispatcherComposeInterceptor {
	return (dispatch) => (opts, handler) => {
		const { attemptTimeoutMs, onWritten } = opts as DeadlineDispatchOptions;
		if ((!attemptTimeoutMs || attemptTimeoutMs <= 0) && !onWritten) return dispatch(opts, handler);
		return dispatch(opts, new DeadlineHandler(handler, attemptTimeoutMs ?? 0, onWritten));
	};
}

class DeadlineHandler extends Decorator {
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		handler: Dispatcher.DispatchHandler,
		private readonly timeoutMs: number,
		private readonly onWritten: (() => void) | undefined,
	) {
		super(handler);
	}

	onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
		clearTimeout(this.#timer);
		if (this.timeoutMs > 0) this.#timer = setTimeout(() => controller.abort(new AttemptTimeoutError(this.timeoutMs)), this.timeoutMs);
		this.onWritten?.();
		super.onRequestStart(controller, context);
	}

	onResponseEnd(controller: Dispatcher.DispatchController, trailers: Record<string, string | string[] | undefined>): void {
		clearTimeout(this.#timer);
		super.onResponseEnd(controller, trailers);
	}

	onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
		clearTimeout(this.#timer);
		super.onResponseError(controller, error);
	}
}
