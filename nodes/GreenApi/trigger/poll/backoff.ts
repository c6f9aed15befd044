/**
 * Exponential back-off with jitter (a random wait between half the current cap and the cap),
 * so that several n8n processes that lost GREEN-API at the same moment do not return in step,
 * and none retries much sooner than the cap says.
 */
export class Backoff {
	private failures = 0;

	constructor(
		private readonly baseMs: number,
		private readonly maxMs: number,
		private readonly random: () => number = Math.random,
	) {}

	get streak(): number {
		return this.failures;
	}

	/** The wait before the next attempt, after one more failure. */
	next(): number {
		const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 20));
		this.failures++;
		return Math.round(cap / 2 + (this.random() * cap) / 2);
	}

	reset(): void {
		this.failures = 0;
	}
}
