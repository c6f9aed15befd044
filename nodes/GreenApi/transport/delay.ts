/** Node's timers overflow above this and fire after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Any delay made safe for setTimeout: a number, at least 0, at most Node's limit. */
export function clampDelay(ms: number): number {
	if (Number.isNaN(ms) || ms <= 0) return 0;
	return Math.min(MAX_TIMER_MS, Math.ceil(ms));
}

/**
 * Resolves true after `ms` (made timer-safe), or false at once when `signal` aborts: a
 * retry waiting out a back-off, or a closing trigger, never holds on past its cancel.
 */
export async function delay(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	return await new Promise<boolean>((resolve) => {
		const onAbort = (): void => {
			clearTimeout(timer);
			resolve(false);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve(true);
		}, clampDelay(ms));
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
