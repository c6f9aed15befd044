import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';
import { chatIdOf, numbers, runChecked } from './invariants';

// The server has no rate limit here, so every 429 seen is one the test injected.
const options = { requestsPerSecond: 0, retries: 3, timeout: 1000, maxConcurrency: 8 };
let stage: GreenApiStage;

useStage({ rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

describe('transient faults end in success within the retry budget, for many items at once', () => {
	const phones = numbers(24);

	it.each([
		['a burst of 429s without Retry-After', { kind: 'status', status: 429, times: 10 }],
		['a burst of 429s with Retry-After: 1', { kind: 'status', status: 429, times: 10, retryAfter: 1 }],
		['502s', { kind: 'status', status: 502, times: 12 }],
		['503s and 504s', [{ kind: 'status', status: 503, times: 6 }, { kind: 'status', status: 504, times: 6 }]],
		['connection resets', { kind: 'reset', times: 8 }],
		['answers that never come', { kind: 'hang', times: 6 }],
	] as const)('%s', async (_, faults) => {
		for (const fault of [faults].flat()) stage.emulator.inject({ ...fault });
		const { failed, contacts } = await runChecked(stage, phones, { options });
		expect([...failed.values()]).toEqual([]);
		expect(contacts.map((item) => item.json.chatId)).toEqual(phones.map(chatIdOf));
		const injected = [faults].flat().reduce((sum, fault) => sum + fault.times, 0);
		expect(stage.emulator.requests).toHaveLength(phones.length + injected);
	}, 30_000);

	it('a 502 that clears after two tries costs that contact exactly three requests', async () => {
		const [flaky] = phones;
		stage.emulator.inject({ kind: 'status', status: 502, times: 2, chatId: chatIdOf(flaky) });
		const { failed } = await runChecked(stage, phones, { options });
		expect(failed.size).toBe(0);
		expect(stage.emulator.count({ chatId: chatIdOf(flaky) })).toBe(3);
		expect(stage.emulator.count({ chatId: chatIdOf(phones[1]) })).toBe(1);
	}, 30_000);
});
