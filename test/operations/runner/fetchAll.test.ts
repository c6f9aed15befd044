import { fetchAll } from '../../../nodes/GreenApi/helpers/fetchAll';
import { GreenApiError } from '../../../nodes/GreenApi/transport/failures';

const keys = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('fetchAll', () => {
	it('fetches every key once with at most `concurrency` in flight', async () => {
		let inFlight = 0;
		let most = 0;
		const outcomes = await fetchAll(
			keys,
			async (key) => {
				most = Math.max(most, ++inFlight);
				await new Promise((resolve) => setTimeout(resolve, 5));
				inFlight--;
				return key.toUpperCase();
			},
			{ concurrency: 2, stopAtFirstFailure: false },
		);
		expect(most).toBe(2);
		expect([...outcomes.entries()]).toEqual(keys.map((key) => [key, { ok: true, value: key.toUpperCase() }]));
	});

	it('keeps going after an ordinary failure when told to continue', async () => {
		const outcomes = await fetchAll(keys, async (key) => {
			if (key === 'b') throw new GreenApiError('no', 'd', '400');
			return key;
		}, { concurrency: 1, stopAtFirstFailure: false });
		expect(outcomes.get('b')).toMatchObject({ ok: false });
		expect(outcomes.get('f')).toEqual({ ok: true, value: 'f' });
	});

	it('starts nothing after the first failure when told to stop', async () => {
		const started: string[] = [];
		const outcomes = await fetchAll(keys, async (key) => {
			started.push(key);
			if (key === 'b') throw new GreenApiError('no', 'd', '400');
			return key;
		}, { concurrency: 1, stopAtFirstFailure: true });
		expect(started).toEqual(['a', 'b']);
		expect(outcomes.has('c')).toBe(false);
	});

	it('answers the rest with the same error, without fetching, after a fatal failure', async () => {
		const started: string[] = [];
		const fatal = new GreenApiError('Wrong API token', 'd', '401', true);
		const outcomes = await fetchAll(keys, async (key) => {
			started.push(key);
			throw fatal;
		}, { concurrency: 1, stopAtFirstFailure: false });
		expect(started).toEqual(['a']);
		expect([...outcomes.values()].every((outcome) => !outcome.ok && outcome.error === fatal)).toBe(true);
		expect(outcomes.size).toBe(keys.length);
	});

	it('does not start anything once the execution is cancelled', async () => {
		const controller = new AbortController();
		controller.abort();
		const outcomes = await fetchAll(keys, async () => 'x', { concurrency: 3, stopAtFirstFailure: false, signal: controller.signal });
		expect([...outcomes.values()].every((outcome) => !outcome.ok && /cancelled/.test(outcome.error.message))).toBe(true);
	});
});
