import { delay } from '../../transport/delay';
import type { NormalizedNotification } from '../notification/normalize';
import type { LoopHooks, LoopOptions, LoopTiming } from './types';

export type Verdict = 'delete' | 'keep';

/**
 * The acknowledge rule for one notification that passed the filters.
 *
 * - onReceive: start the execution and delete at once (a crash mid-execution loses it).
 * - afterFinished: delete only once an execution ended successfully. A failed execution
 *   is run again after a back-off (retryBaseMs, doubled each time), up to maxAttempts
 *   executions; then the notification is a poison message: it is deleted so that the
 *   queue behind it moves on, and the loss is recorded for the user (hooks.poison).
 * - When the trigger closes meanwhile, the notification is kept: it comes back on the
 *   next activation, so an emitted but unfinished notification is never deleted.
 */
export async function settle(
	item: NormalizedNotification,
	options: Pick<LoopOptions, 'acknowledge' | 'maxAttempts'>,
	timing: LoopTiming,
	hooks: LoopHooks,
	signal: AbortSignal,
): Promise<Verdict> {
	if (options.acknowledge === 'onReceive') {
		await hooks.start(item);
		return 'delete';
	}
	const attempts = Math.max(1, Math.floor(options.maxAttempts));
	let reason = '';
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const outcome = await hooks.run(item);
		if (outcome.ok) return 'delete';
		reason = outcome.reason;
		if (signal.aborted) return 'keep';
		if (attempt < attempts && !(await delay(timing.retryBaseMs * 2 ** (attempt - 1), signal))) return 'keep';
	}
	hooks.poison(item, attempts, reason);
	return 'delete';
}
