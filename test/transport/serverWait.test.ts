import { POLICY, statusKind } from '../../nodes/GreenApi/transport/policy';
import {
	describeWait,
	INSTANCE_PAUSE_CAP_MS,
	instancePauseMs,
	RETRY_WAIT_CAP_MS,
	retryAfterMs,
	retryWait,
} from '../../nodes/GreenApi/transport/serverWait';

const MAX_TIMER_MS = 2 ** 31 - 1;

describe('how long a server may make us wait', () => {
	const now = Date.parse('2026-11-29T12:00:00Z');

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
		expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});

	it('waits what the server asks up to the back-off cap, and refuses beyond it', () => {
		expect(retryWait(1, '3')).toEqual({ ok: true, ms: 3000 });
		expect(retryWait(1, String(RETRY_WAIT_CAP_MS / 1000 + 1))).toEqual({ ok: false, askedMs: RETRY_WAIT_CAP_MS + 1000 });
		expect(retryWait(1, '999999')).toEqual({ ok: false, askedMs: 999_999_000 });
	});

	it('backs off 1 s, 2 s, 4 s... without Retry-After, never beyond the cap', () => {
		expect([1, 2, 3].map((retry) => retryWait(retry, undefined))).toEqual([1000, 2000, 4000].map((ms) => ({ ok: true, ms })));
		expect(retryWait(40, undefined)).toEqual({ ok: true, ms: RETRY_WAIT_CAP_MS });
	});

	it.each([['999999'], ['1e300'], [new Date(Date.now() + 40 * 86_400_000).toUTCString()], [undefined]])(
		'pauses the instance at most a few seconds, whatever the header (%s)',
		(header) => {
			const pause = instancePauseMs(header, 1e12);
			expect(pause).toBeLessThanOrEqual(INSTANCE_PAUSE_CAP_MS);
			expect(pause).toBeLessThan(MAX_TIMER_MS);
		},
	);

	it('says a wait as a person would', () => {
		expect(describeWait(999_999_000)).toBe('11 days');
		expect(describeWait(3 * 3_600_000 + 5)).toBe('3 hours');
		expect(describeWait(61_000)).toBe('1 minute');
		expect(describeWait(45_000)).toBe('45 seconds');
	});
});

describe('the failure policy', () => {
	it('retries only 429 and gateway errors among the statuses', () => {
		const retried = [400, 401, 403, 404, 418, 429, 466, 500, 502, 503, 504].filter((status) => POLICY[statusKind(status)].retry);
		expect(retried).toEqual([429, 502, 503, 504]);
	});

	it('is never both retried and fatal: a failure either may pass or needs a fix', () => {
		for (const [kind, rule] of Object.entries(POLICY)) expect([kind, rule.retry && rule.fatal]).toEqual([kind, false]);
	});
});
