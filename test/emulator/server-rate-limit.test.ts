import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, contactInfo, newAgent, useEmulator } from './http-client';
import { RateLimiter } from './rate-limit';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describe('RateLimiter (synthetic clock)', () => {
	it('admits at most R in any trailing 1000 ms, open at the old end', () => {
		const limiter = new RateLimiter({ getContactInfo: 2 });
		const admitted = [0, 10, 20, 999, 1000, 1005, 1010, 1999, 2000].map((t) => limiter.admit('getContactInfo', t));
		expect(admitted).toEqual([true, true, false, false, true, false, true, false, true]);
	});

	it('does not let rejected requests consume the window', () => {
		const limiter = new RateLimiter({ getContactInfo: 1 });
		expect(limiter.admit('getContactInfo', 0)).toBe(true);
		for (let t = 100; t < 1000; t += 100) expect(limiter.admit('getContactInfo', t)).toBe(false);
		expect(limiter.admit('getContactInfo', 1000)).toBe(true);
	});

	it('keys methods case-insensitively, defaults to 1/s, and treats 0 or Infinity as unlimited', () => {
		const limiter = new RateLimiter({ GETCONTACTINFO: 3, checkWhatsapp: 0, getAvatar: Infinity });
		expect([0, 1, 2, 3].map((t) => limiter.admit('getContactInfo', t))).toEqual([true, true, true, false]);
		expect([0, 1].map((t) => limiter.admit('GetStateInstance', t))).toEqual([true, false]);
		for (let t = 0; t < 50; t++) {
			expect(limiter.admit('checkWhatsapp', t)).toBe(true);
			expect(limiter.admit('getAvatar', t)).toBe(true);
		}
		expect(() => limiter.set('getContactInfo', -1)).toThrow(RangeError);
	});

	it('turns a rate below 1/s into one request per 1000/R ms', () => {
		const limiter = new RateLimiter({ getContactInfo: 0.5 });
		expect([0, 1000, 1999, 2000].map((t) => limiter.admit('getContactInfo', t))).toEqual([true, false, false, true]);
	});
});

describe('GREEN-API emulator rate limit over HTTP', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;

	useEmulator({ rateLimits: { GetContactInfo: 5 } }, agent, (started) => (emu = started));

	it('answers a burst of 8 at R=5 with 5x200 and 3x429, then accepts again after the window', async () => {
		const burst = () => Promise.all(Array.from({ length: 8 }, () => contactInfo(emu, SEED_CHAT_ID, agent)));
		const first = await burst();
		expect(first.filter((r) => r.status === 200)).toHaveLength(5);
		const rejected = first.filter((r) => r.status === 429);
		expect(rejected).toHaveLength(3);
		// No Retry-After on the vendor's rate-limit 429s: a client must pace itself.
		expect(rejected.every((r) => r.headers['retry-after'] === undefined)).toBe(true);

		const lastAccepted = Math.max(...emu.requests.filter((r) => r.status === 200).map((r) => r.at));
		await sleep(lastAccepted + 1010 - performance.now());
		const second = await burst();
		expect(second.filter((r) => r.status === 200)).toHaveLength(5);
		expect(emu.statusCounts()).toEqual({ '200': 10, '429': 6 });
	});

	it('uses the 1/s default for getStateInstance and honours setRateLimit at runtime', async () => {
		const states = [await call(emu, 'getStateInstance', { dispatcher: agent }), await call(emu, 'getStateInstance', { dispatcher: agent })];
		expect(states.map((r) => r.status)).toEqual([200, 429]);
		emu.setRateLimit('getstateinstance', 0);
		const more = await Promise.all(Array.from({ length: 5 }, () => call(emu, 'getStateInstance', { dispatcher: agent })));
		expect(more.every((r) => r.status === 200)).toBe(true);
	});

	it('counts invalid bodies against the limit (validation runs after the rate limit)', async () => {
		emu.setRateLimit('getContactInfo', 1);
		expect((await contactInfo(emu, true, agent)).status).toBe(500);
		expect((await contactInfo(emu, SEED_CHAT_ID, agent)).status).toBe(429);
	});

	it('keeps accepted requests at most R per trailing second in the records', async () => {
		emu.setRateLimit('getContactInfo', 3);
		for (let i = 0; i < 9; i++) {
			await Promise.all(Array.from({ length: 3 }, () => contactInfo(emu, SEED_CHAT_ID, agent)));
			await sleep(150);
		}
		const accepted = emu.requests.filter((r) => r.status === 200).map((r) => r.at);
		expect(accepted.length).toBeGreaterThanOrEqual(6);
		for (let i = 3; i < accepted.length; i++) expect(accepted[i] - accepted[i - 3]).toBeGreaterThanOrEqual(1000);
	});
});
