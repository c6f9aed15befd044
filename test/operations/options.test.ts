import { readTuning, tuningOptions } from '../../nodes/GreenApi/helpers/options';
import { GREEN_API_RATE_LIMITS } from '../../nodes/GreenApi/helpers/rateLimits';

describe('readTuning', () => {
	it.each(Object.entries(GREEN_API_RATE_LIMITS))('defaults %s to GREEN-API\'s own limit of %d per second', (method, limit) => {
		expect(readTuning({}, method as keyof typeof GREEN_API_RATE_LIMITS)).toEqual({ requestsPerSecond: limit, maxConcurrency: 10, retries: 3, timeoutMs: 30000 });
		expect(tuningOptions(method as keyof typeof GREEN_API_RATE_LIMITS)[0].default).toBe(limit);
	});

	it('lets the option override the method\'s limit, numbers given as text included', () => {
		expect(readTuning({ requestsPerSecond: '3', maxConcurrency: 4, retries: 0, timeout: 5000 }, 'checkWhatsapp')).toEqual({
			requestsPerSecond: 3,
			maxConcurrency: 4,
			retries: 0,
			timeoutMs: 5000,
		});
		expect(readTuning({ requestsPerSecond: 0.5 }, 'getContactInfo')).toMatchObject({ requestsPerSecond: 0.5 });
	});

	it.each([
		[{ requestsPerSecond: -1 }, /Requests per Second.*from 0 to 1000/],
		[{ requestsPerSecond: 2.5 }, /Requests per Second.*whole number, or a fraction below 1/],
		[{ maxConcurrency: 0 }, /Max Concurrent Requests.*whole number from 1 to 100/],
		[{ retries: 1.5 }, /Retries.*whole number/],
		[{ timeout: 'soon' }, /Timeout.*"soon"/],
	])('refuses %j naming the option and its bounds', (options, pattern) => {
		const result = readTuning(options, 'getContactInfo');
		expect(result).toHaveProperty('invalid');
		expect((result as { invalid: string }).invalid).toMatch(pattern);
	});

	it('never repeats a token given as an option value', () => {
		const result = readTuning({ timeout: 'my-secret-token-value' }, 'getAvatar', ['my-secret-token-value']);
		expect(JSON.stringify(result)).not.toContain('my-secret-token-value');
	});
});
