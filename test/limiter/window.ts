// Helpers for the limiter's tests: start times and the busiest window among them.
import type { RateLimiter } from '../../nodes/GreenApi/transport/rateLimiter';

let keys = 0;

/** A limiter key no other test uses, shaped as the transport builds it: idInstance|method. */
export function uniqueKey(method = 'getContactInfo'): string {
	return `${process.pid}${++keys}|${method}`;
}

/** Schedules `count` tasks and resolves with their start times, in start order. */
export function scheduleAll(limiter: { schedule: RateLimiter['schedule'] }, count: number): Promise<number[]> {
	const starts: number[] = [];
	return new Promise((resolve) => {
		for (let i = 0; i < count; i++) {
			limiter.schedule(() => {
				starts.push(performance.now());
				if (starts.length === count) resolve(starts);
			});
		}
	});
}

/** The most starts that any window of `windowMs` holds (times sorted). */
export function busiestWindow(starts: number[], windowMs: number): number {
	let most = 0;
	for (let i = 0; i < starts.length; i++) {
		let j = i;
		while (j < starts.length && starts[j] - starts[i] < windowMs) j++;
		most = Math.max(most, j - i);
	}
	return most;
}
