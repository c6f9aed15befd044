import { errorFailure, toError } from './failures';
import type { CallContext, Failure } from './failures';
import { mayRetry } from './policy';
import { describeWait, pause, retryWait } from './serverWait';

export type AttemptResult = { ok: true; text: string } | { ok: false; failure: Failure };

/**
 * Runs `attempt` until it succeeds or the policy says stop. Our own loop rather than
 * undici's retry handler: that one resumes a cut body with a Range header (wrong for a
 * POST: the answer is not a file), reads Retry-After on its own terms, and cannot bound
 * each attempt as a whole. Here every attempt is a fresh request, each wait comes from
 * serverWait.ts, and the error counts only the retries that really happened.
 */
export async function withRetries(
	call: CallContext,
	maxRetries: number,
	signal: AbortSignal | undefined,
	attempt: () => Promise<AttemptResult>,
): Promise<string> {
	for (let retries = 0; ; retries++) {
		const result = await attempt();
		if (result.ok) return result.text;
		const { failure } = result;
		if (!mayRetry(failure.kind, failure.written === true, call.changesState !== undefined)) throw toError(failure, call, retries);
		const wait = retryWait(retries + 1, failure.retryAfter);
		if (!wait.ok) {
			const facts = { status: failure.facts.status, wait: describeWait(wait.askedMs) };
			throw toError({ kind: 'waitTooLong', facts }, call, retries);
		}
		if (retries >= maxRetries) throw toError(failure, call, retries);
		await pause(wait.ms, signal);
		if (signal?.aborted) throw toError(errorFailure(signal.reason, call), call, retries);
	}
}
