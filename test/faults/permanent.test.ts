import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';
import { chatIdOf, numbers, runChecked } from './invariants';

const options = { requestsPerSecond: 0, retries: 2, timeout: 2000, maxConcurrency: 6 };
let stage: GreenApiStage;

useStage({ rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

describe('permanent faults end as clear error items, only on the items they hit', () => {
	const phones = numbers(20, '7900300');
	const hit = [phones[3], phones[11]];

	it.each([
		['malformed JSON', { kind: 'malformedJson' }, /not valid JSON/],
		['an empty body', { kind: 'emptyBody' }, /empty body/],
		['wrong JSON types in fields', { kind: 'wrongTypes' }, /answered \w+ as .*; the documented type is/],
		['a 400 whose text carries the URL and token', { kind: 'status', status: 400, echoPath: true }, /rejected the request: .*\[redacted\]/],
		['a 502 that never clears', { kind: 'status', status: 502 }, /unavailable \(HTTP 502\) \(retried 2 times\)/],
	] as const)('%s', async (_, fault, pattern) => {
		for (const phone of hit) stage.emulator.inject({ ...fault, chatId: chatIdOf(phone) });
		const { failed } = await runChecked(stage, phones, { options });
		expect([...failed.keys()]).toEqual([3, 11]);
		for (const message of failed.values()) expect(message).toMatch(pattern);
	}, 30_000);

	it('an oversized answer is refused, and the rest still succeed', async () => {
		stage.emulator.inject({ kind: 'oversized', bytes: 70 * 1024 * 1024, chatId: chatIdOf(phones[5]) });
		const { failed } = await runChecked(stage, phones.slice(0, 8), { options });
		expect([...failed.entries()]).toEqual([[5, expect.stringMatching(/larger than 64 MB and was refused/)]]);
	}, 30_000);

	it('quota exceeded (466) fails every item with the quota message, and stops sending', async () => {
		stage.emulator.inject({ kind: 'quota' });
		const { failed } = await runChecked(stage, phones, { options });
		expect(failed.size).toBe(phones.length);
		for (const message of failed.values()) expect(message).toMatch(/quota exceeded: getContactInfo used/);
		expect(stage.emulator.requests.length).toBeLessThanOrEqual(options.maxConcurrency);
	}, 30_000);

	it('every fault at once, with repeated and invalid chatIds among many items', async () => {
		const many = numbers(40, '7900400');
		stage.emulator.inject({ kind: 'status', status: 429, times: 6, retryAfter: 1 });
		stage.emulator.inject({ kind: 'reset', times: 3 });
		stage.emulator.inject({ kind: 'malformedJson', chatId: chatIdOf(many[7]) });
		stage.emulator.inject({ kind: 'wrongTypes', chatId: chatIdOf(many[19]) });
		stage.emulator.inject({ kind: 'status', status: 502, times: 2, chatId: chatIdOf(many[23]) });
		stage.emulator.inject({ kind: 'status', status: 400, echoPath: true, chatId: chatIdOf(many[31]) });
		const input: unknown[] = [...many, `+${many[7]}`, null, '120363043968066561@g.us', many[0], true];
		const { failed, contacts } = await runChecked(stage, input, { options });
		expect([...failed.keys()].sort((a, b) => a - b)).toEqual([7, 19, 31, 40, 41, 42, 44]);
		expect(contacts[43].json.chatId).toBe(chatIdOf(many[0]));
		// Each distinct chatId once, plus exactly the attempts the transient faults cost:
		// the repeated numbers (items 40 and 43) added no request.
		expect(stage.emulator.requests).toHaveLength(many.length + 6 + 3 + 2);
		expect(stage.emulator.count({ status: 500 })).toBe(0);
	}, 30_000);
});
