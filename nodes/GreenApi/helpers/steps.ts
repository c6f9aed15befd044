import { GreenApiError } from '../transport/failures';

/**
 * Calls made one after another for one item (Forward Messages: one call per message). A
 * failure after some went through keeps its own error and send state, and says which
 * steps were done: doing the whole item again would repeat them.
 */
export async function inSteps<S, R>(steps: readonly S[], run: (step: S) => Promise<R>, done: (finished: S[]) => string): Promise<R[]> {
	const results: R[] = [];
	for (const step of steps) {
		try {
			results.push(await run(step));
		} catch (error) {
			// Not a node error yet: the send runner turns every failure into one (errors.ts toNodeError).
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			if (results.length === 0 || !(error instanceof GreenApiError)) throw error;
			const said = `${done(steps.slice(0, results.length))} `;
			// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
			throw new GreenApiError(error.message, said + error.description, error.httpCode, error.fatal, error.sendState);
		}
	}
	return results;
}
