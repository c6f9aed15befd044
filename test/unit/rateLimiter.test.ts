import { limiterFor, RateLimiter } from '../../nodes/GreenApi/transport/rateLimiter';

/** Schedules `count` tasks and resolves with their start times, in start order. */
function run(limiter: RateLimiter, count: number): Promise<number[]> {
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

/** The most starts that any window of `windowMs` holds. */
function busiestWindow(starts: number[], windowMs: number): number {
	let most = 0;
	for (let i = 0; i < starts.length; i++) {
		let j = i;
		while (j < starts.length && starts[j] - starts[i] < windowMs) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

describe('RateLimiter', () => {
	it.each([1, 5, 20])('never starts more than %i tasks in any one-second window', async (perSecond) => {
		const starts = await run(new RateLimiter(perSecond), perSecond * 2 + 1);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(perSecond);
		expect(starts).toHaveLength(perSecond * 2 + 1);
	}, 10_000);

	it('rounds rates above 1 down: 2.5 per second never starts 3 in one second', async () => {
		const starts = await run(new RateLimiter(2.5), 5);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(2);
	}, 10_000);

	it('stretches the window below 1 per second: 0.5 starts one per two seconds', async () => {
		const starts = await run(new RateLimiter(0.5), 2);
		expect(busiestWindow(starts, 2000)).toBe(1);
	}, 10_000);

	it('starts tasks in the order they came', async () => {
		const limiter = new RateLimiter(50);
		const order: number[] = [];
		await new Promise<void>((resolve) => {
			for (let i = 0; i < 60; i++) limiter.schedule(() => (order.push(i), i === 59 && resolve()));
		});
		expect(order).toEqual([...Array(60).keys()]);
	}, 10_000);

	it('does not wait at all when the limit is off (0)', async () => {
		const limiter = new RateLimiter(0);
		let started = 0;
		for (let i = 0; i < 1000; i++) limiter.schedule(() => started++);
		expect(started).toBe(1000);
	});

	it('holds every start after a 429 for the time the server asked', async () => {
		const limiter = new RateLimiter(0);
		const penalizedAt = performance.now();
		limiter.penalize(300);
		const [start] = await run(limiter, 1);
		expect(start - penalizedAt).toBeGreaterThanOrEqual(299);
	});

	it('eases off after a 429: the following starts keep wider gaps', async () => {
		const limiter = new RateLimiter(5);
		limiter.penalize(0);
		limiter.penalize(0);
		const starts = await run(limiter, 6);
		// Five starts may share a window, but the window is now 1000 + 25 + 200 ms long.
		expect(starts[5] - starts[0]).toBeGreaterThanOrEqual(1200);
	}, 10_000);

	it('lets an aborted task leave the queue at once without taking a slot', async () => {
		const limiter = new RateLimiter(1);
		const ran: string[] = [];
		limiter.schedule(() => ran.push('first'));
		const controller = new AbortController();
		limiter.schedule(() => ran.push('aborted'), controller.signal);
		const third = new Promise<void>((resolve) => limiter.schedule(() => (ran.push('third'), resolve())));
		expect(limiter.queued).toBe(2);
		controller.abort();
		expect(ran).toEqual(['first', 'aborted']);
		expect(limiter.queued).toBe(1);
		await third;
		expect(ran).toEqual(['first', 'aborted', 'third']);
	});

	it('counts a start from when the request is sent, so a slow connect cannot squeeze the next one', async () => {
		const limiter = new RateLimiter(1);
		let sentAt = 0;
		limiter.schedule((markSent) => {
			setTimeout(() => {
				sentAt = performance.now();
				markSent();
			}, 300);
		});
		const [next] = await run(limiter, 1);
		expect(next - sentAt).toBeGreaterThanOrEqual(1000);
	}, 10_000);

	it('is shared per key, and the latest rate wins', () => {
		const a = limiterFor('https://host|1|getContactInfo', 1);
		expect(limiterFor('https://host|1|getContactInfo', 3)).toBe(a);
		expect(a.perSecond).toBe(3);
		expect(limiterFor('https://host|2|getContactInfo', 1)).not.toBe(a);
	});
});
