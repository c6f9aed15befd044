import { GreenApiError } from '../transport/failures';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };

export interface FetchAllOptions {
	concurrency: number;
	/** Without "continue on fail" the first failure ends the run: start nothing after it. */
	stopAtFirstFailure: boolean;
	signal?: AbortSignal;
}

/**
 * Fetches each key once, at most `concurrency` at a time, starting them in key order.
 *
 * After a fatal failure (wrong token, wrong host, quota) every key not yet started gets
 * the same error without a request: it would fail the same way and spend quota or wait
 * for the rate limit for nothing. Keys left unstarted after a stop have no outcome.
 */
export async function fetchAll<T>(
	keys: readonly string[],
	fetchOne: (key: string) => Promise<T>,
	options: FetchAllOptions,
): Promise<Map<string, Outcome<T>>> {
	const outcomes = new Map<string, Outcome<T>>();
	let next = 0;
	let stopped = false;
	let fatal: Error | undefined;

	const worker = async (): Promise<void> => {
		while (next < keys.length && !stopped) {
			const key = keys[next++];
			if (fatal || options.signal?.aborted) {
				outcomes.set(key, { ok: false, error: fatal ?? cancelled() });
				continue;
			}
			try {
				outcomes.set(key, { ok: true, value: await fetchOne(key) });
			} catch (error) {
				const failure = error instanceof Error ? error : new Error(String(error));
				outcomes.set(key, { ok: false, error: failure });
				if (failure instanceof GreenApiError && failure.fatal) fatal ??= failure;
				if (options.stopAtFirstFailure) stopped = true;
			}
		}
	};

	const workers = Math.max(1, Math.min(options.concurrency, keys.length));
	await Promise.all(Array.from({ length: workers }, worker));
	return outcomes;
}

function cancelled(): GreenApiError {
	return new GreenApiError('The request was not sent: the execution was cancelled', 'Run the workflow again to fetch this contact.');
}
