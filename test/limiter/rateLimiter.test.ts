import { limiterFor } from '../../nodes/GreenApi/transport/rateLimiter';
import type { RateLimiter } from '../../nodes/GreenApi/transport/rateLimiter';
import { clampDelay, EaseOff, lowestRate, MAX_TIMER_MS, nextPacedStart, shape } from '../../nodes/GreenApi/transport/limiter/window';
import { busiestWindow, scheduleAll, uniqueKey } from './window';

/** A limiter of its own for each test: limiters live as long as the process. */
const fresh = (perSecond: number): RateLimiter => limiterFor(uniqueKey(), perSecond);

describe('the in-process window', () => {
	it.each([1, 5, 20])('never starts more than %i tasks in any one-second window', async (perSecond) => {
		const starts = await scheduleAll(fresh(perSecond), perSecond * 2 + 1);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(perSecond);
		expect(starts).toHaveLength(perSecond * 2 + 1);
	}, 10_000);

	it('spaces starts evenly instead of sending the window as one burst: 50/s starts about one every 20 ms', async () => {
		const starts = await scheduleAll(fresh(50), 60);
		const gaps = starts.slice(1).map((at, i) => at - starts[i]);
		// A late timer's delay is made up by the next start, never by more than half a gap.
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10);
		expect(starts[49] - starts[0]).toBeGreaterThanOrEqual(49 * 20);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(50);
	}, 10_000);

	it('rounds rates above 1 down: 2.5 per second never starts 3 in one second', async () => {
		const starts = await scheduleAll(fresh(2.5), 5);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(2);
	}, 10_000);

	it('stretches the window below 1 per second: 0.5 starts one per two seconds', async () => {
		const starts = await scheduleAll(fresh(0.5), 2);
		expect(busiestWindow(starts, 2000)).toBe(1);
	}, 10_000);

	it('starts tasks in the order they came', async () => {
		const limiter = fresh(50);
		const order: number[] = [];
		await new Promise<void>((resolve) => {
			for (let i = 0; i < 60; i++) limiter.schedule(() => (order.push(i), i === 59 && resolve()));
		});
		expect(order).toEqual([...Array(60).keys()]);
	}, 10_000);

	it('does not wait at all when the limit is off (0)', () => {
		const limiter = fresh(0);
		let started = 0;
		for (let i = 0; i < 1000; i++) limiter.schedule(() => started++);
		expect(started).toBe(1000);
	});

	it('lets an aborted task leave the queue at once without taking a slot', async () => {
		const limiter = fresh(1);
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
		const limiter = fresh(1);
		let sentAt = 0;
		limiter.schedule((markSent) => {
			setTimeout(() => {
				sentAt = performance.now();
				markSent();
			}, 300);
		});
		const [next] = await scheduleAll(limiter, 1);
		expect(next - sentAt).toBeGreaterThanOrEqual(1000);
	}, 10_000);

	it('is shared per key', async () => {
		const key = uniqueKey();
		limiterFor(key, 1).schedule(() => {});
		const first = performance.now();
		const [second] = await scheduleAll(limiterFor(key, 1), 1);
		expect(second - first).toBeGreaterThanOrEqual(1000);
		expect(limiterFor(uniqueKey(), 1).queued).toBe(0);
	}, 10_000);
});

describe('after a 429', () => {
	it('holds every start for the time the server asked', async () => {
		const limiter = fresh(0);
		const penalizedAt = performance.now();
		limiter.penalize(300);
		const [start] = await scheduleAll(limiter, 1);
		expect(start - penalizedAt).toBeGreaterThanOrEqual(299);
	});

	it('keeps wider gaps for a while: five starts at 5/s span more than a bare window', async () => {
		const limiter = fresh(5);
		limiter.penalize(0);
		limiter.penalize(0);
		const starts = await scheduleAll(limiter, 6);
		// 200 ms wider at first, fading by 100 ms a second: the sixth start waits ~1114 ms.
		expect(starts[5] - starts[0]).toBeGreaterThanOrEqual(1100);
	}, 10_000);

	it('lets the widening fade with time, with no request sent at all', async () => {
		const limiter = fresh(5);
		limiter.penalize(0);
		limiter.penalize(0);
		expect(limiter.windowMs).toBeGreaterThan(1200);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(limiter.windowMs).toBeLessThan(1130);
	});

	it('never sets a timer beyond Node\'s limit, however long the server asks to wait', () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.name);
		process.on('warning', onWarning);
		try {
			const limiter = fresh(1);
			limiter.penalize(2 ** 40);
			limiter.penalize(Number.POSITIVE_INFINITY);
			const controller = new AbortController();
			let ran = false;
			limiter.schedule(() => (ran = true), controller.signal);
			expect(ran).toBe(false);
			controller.abort();
			expect(ran).toBe(true);
		} finally {
			process.off('warning', onWarning);
		}
		expect(warnings).not.toContain('TimeoutOverflowWarning');
	});
});

describe('lowest rate wins', () => {
	it('never exceeds the lowest rate asked by the tasks using an instance and method', async () => {
		const key = uniqueKey();
		// The execution asking 2/s comes first; the one asking 10/s must not outrun it while
		// the slow one still has tasks waiting or started within the last window.
		const [slow, fast] = await Promise.all([scheduleAll(limiterFor(key, 2), 3), scheduleAll(limiterFor(key, 10), 4)]);
		const whileSlowIsLive = [...slow, ...fast].filter((at) => at < slow[2] + 1000).sort((a, b) => a - b);
		expect(busiestWindow(whileSlowIsLive, 1000)).toBeLessThanOrEqual(2);
		expect(fast[0]).toBeGreaterThanOrEqual(slow[2]);
		expect(fast[0] - slow[0]).toBeGreaterThanOrEqual(1000);
	}, 15_000);

	it('lets a rate fade out once its tasks have started and left the window', async () => {
		const key = uniqueKey();
		await scheduleAll(limiterFor(key, 1), 1);
		expect(limiterFor(key, 10).effectivePerSecond).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(limiterFor(key, 10).effectivePerSecond).toBe(10);
		const started = performance.now();
		const starts = await scheduleAll(limiterFor(key, 10), 10);
		// Paced at 10/s: nine gaps of about 0.1 s. Still held at 1/s it would take nine seconds.
		expect(starts[9] - started).toBeLessThan(2000);
	}, 10_000);
});

describe('window arithmetic', () => {
	it('fades a penalty linearly with time: 100 ms a second', () => {
		const ease = new EaseOff();
		ease.widen(0);
		ease.widen(0);
		ease.widen(0);
		expect(ease.valueAt(0)).toBe(300);
		expect(ease.valueAt(1000)).toBe(200);
		expect(ease.valueAt(5000)).toBe(0);
		for (let i = 0; i < 20; i++) ease.widen(5000);
		expect(ease.valueAt(5000)).toBe(1000);
	});

	it('clamps every delay to what setTimeout takes', () => {
		expect(clampDelay(2 ** 40)).toBe(MAX_TIMER_MS);
		expect(clampDelay(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS);
		expect(clampDelay(Number.NaN)).toBe(0);
		expect(clampDelay(-5)).toBe(0);
	});

	it('paces from when a start was due: a late one is made up by up to half a gap, an idle spell is not', () => {
		expect(nextPacedStart(100, 101, 20)).toBe(120);
		expect(nextPacedStart(100, 110, 20)).toBe(120);
		expect(nextPacedStart(100, 111, 20)).toBe(131);
		expect(nextPacedStart(100, 5000, 20)).toBe(5020);
	});

	it('treats 0 as no limit and picks the lowest positive rate', () => {
		expect(lowestRate([0, 5, 2.5])).toBe(2.5);
		expect(lowestRate([0])).toBe(0);
		expect(shape(0.5, 0)).toEqual({ burst: 1, windowMs: 2050, spacingMs: 2050 });
		expect(shape(2.5, 100)).toEqual({ burst: 2, windowMs: 1125, spacingMs: 562.5 });
	});
});
