import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';
import { chatIdOf, numbers, runChecked } from './invariants';

// The server has no rate limit here: every 429 is one the test injected.
const options = { requestsPerSecond: 0, retries: 2, timeout: 1000, maxConcurrency: 4 };
let stage: GreenApiStage;

useStage({ rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

/** Runs `action`, collecting Node's process warnings (a TimeoutOverflowWarning is one). */
async function withWarnings<T>(action: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
	const warnings: string[] = [];
	const listener = (warning: Error) => warnings.push(warning.name);
	process.on('warning', listener);
	try {
		return { result: await action(), warnings };
	} finally {
		process.off('warning', listener);
	}
}

describe('no server header holds an item, a run or the instance beyond the budget', () => {
	const phones = numbers(8, '7900600');

	it('Retry-After: 999999 (11 days), or an HTTP date a month away (beyond setTimeout\'s limit): those items end at once, the others carry on after a capped pause', async () => {
		const monthAway = new Date(Date.now() + 31 * 86_400_000).toUTCString();
		stage.emulator.inject({ kind: 'status', status: 429, times: 1, retryAfter: 999999, chatId: chatIdOf(phones[2]) });
		stage.emulator.inject({ kind: 'status', status: 429, times: 1, retryAfter: monthAway, chatId: chatIdOf(phones[5]) });
		const started = performance.now();
		const { result, warnings } = await withWarnings(() => runChecked(stage, phones, { options }));
		expect([...result.failed.keys()]).toEqual([2, 5]);
		expect(result.failed.get(2)).toMatch(/^GREEN-API asked to wait 11 days \(Retry-After\)/);
		expect(result.failed.get(5)).toMatch(/^GREEN-API asked to wait 30 days \(Retry-After\)/);
		for (const message of result.failed.values()) expect(message).not.toMatch(/\(retried/);
		expect(stage.emulator.count({ chatId: chatIdOf(phones[2]) })).toBe(1);
		expect(stage.emulator.count({ chatId: chatIdOf(phones[5]) })).toBe(1);
		// The instance pause is capped at 5 s; a generous bound for a loaded machine.
		expect(performance.now() - started).toBeLessThan(15_000);
		expect(warnings).not.toContain('TimeoutOverflowWarning');
	}, 30_000);
});

describe('body faults end as one outcome per item', () => {
	const phones = numbers(12, '7900700');

	it('bodies trickling a byte every 600 ms fail at the Timeout, only on their items', async () => {
		for (const i of [1, 6]) stage.emulator.inject({ kind: 'trickle', intervalMs: 600, chatId: chatIdOf(phones[i]) });
		const started = performance.now();
		const { failed } = await runChecked(stage, phones, { options: { ...options, retries: 0 } });
		expect([...failed.keys()]).toEqual([1, 6]);
		for (const message of failed.values()) expect(message).toMatch(/^No answer from 127\.0\.0\.1:\d+ within 1000 ms$/);
		expect(performance.now() - started).toBeLessThan(10_000);
	}, 30_000);

	it('bodies cut short are resent whole and succeed within the budget', async () => {
		stage.emulator.inject({ kind: 'cutBody', bytes: 12, times: 6 });
		const { failed, contacts } = await runChecked(stage, phones, { options });
		expect(failed.size).toBe(0);
		expect(contacts).toHaveLength(phones.length);
		expect(stage.emulator.requests).toHaveLength(phones.length + 6);
	}, 30_000);

	it('a body cut short on every try is a dropped connection, never "HTTP 200"', async () => {
		stage.emulator.inject({ kind: 'cutBody', bytes: 12, chatId: chatIdOf(phones[4]) });
		const { failed } = await runChecked(stage, phones, { options: { ...options, retries: 1 } });
		expect([...failed.keys()]).toEqual([4]);
		expect(failed.get(4)).toMatch(/^The connection to 127\.0\.0\.1:\d+ closed before GREEN-API answered \(retried 1 time\)$/);
	}, 30_000);

	it('a 466 whose `used` is 5,000 characters with the token inside: quoted short, token-free', async () => {
		const used = `${'u'.repeat(2000)} ${stage.emulator.token} ${'v'.repeat(3000)}`;
		stage.emulator.inject({ kind: 'quota', used, correspondents: true });
		const { failed } = await runChecked(stage, phones.slice(0, 3), { options });
		expect(failed.size).toBe(3);
		for (const message of failed.values()) {
			expect(message).toMatch(/^GREEN-API quota exceeded: getContactInfo used u+… of 1000/);
			expect(message.length).toBeLessThan(400);
		}
	}, 30_000);
});
