import { DEFAULT_TUNING, readTuning } from '../../nodes/GreenApi/helpers/options';

describe('readTuning', () => {
	it('defaults to GREEN-API\'s own limit of 1 request per second', () => {
		expect(readTuning({})).toEqual({ requestsPerSecond: 1, maxConcurrency: 10, retries: 3, timeoutMs: 30000 });
		expect(DEFAULT_TUNING.requestsPerSecond).toBe(1);
	});

	it('reads every knob, numbers given as text included', () => {
		expect(readTuning({ requestsPerSecond: '2.5', maxConcurrency: 4, retries: 0, timeout: 5000 })).toEqual({
			requestsPerSecond: 2.5,
			maxConcurrency: 4,
			retries: 0,
			timeoutMs: 5000,
		});
	});

	it.each([
		[{ requestsPerSecond: -1 }, /Requests per Second.*from 0 to 1000/],
		[{ maxConcurrency: 0 }, /Max Concurrent Requests.*whole number from 1 to 100/],
		[{ retries: 1.5 }, /Retries.*whole number/],
		[{ timeout: 'soon' }, /Timeout.*"soon"/],
	])('refuses %j naming the option and its bounds', (options, pattern) => {
		const result = readTuning(options);
		expect(result).toHaveProperty('invalid');
		expect((result as { invalid: string }).invalid).toMatch(pattern);
	});
});
