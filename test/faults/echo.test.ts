import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';
import { chatIdOf, numbers, runChecked } from './invariants';

// A token with characters that travel percent-encoded, so its echoes have many spellings.
const TOKEN = 'Echo/Token with Spaces+Plus=0123456789abcdef';
const options = { requestsPerSecond: 0, retries: 0, timeout: 1000, maxConcurrency: 4 };
let stage: GreenApiStage;

useStage({ token: TOKEN, rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

describe('a server echoing the tokened path in any spelling leaks no piece of the token', () => {
	const phones = numbers(6, '7900800');

	it.each([
		['as sent', true],
		['with lower-case percent escapes', 'lowerCase'],
		['with + for a space', 'plus'],
	] as const)('%s', async (_, echoPath) => {
		expect(stage.secrets).toContain(TOKEN);
		for (const [index, status] of [[1, 400], [2, 500], [4, 418]]) {
			stage.emulator.inject({ kind: 'status', status, echoPath, body: 'x'.repeat(250), chatId: chatIdOf(phones[index]) });
		}
		const { failed } = await runChecked(stage, phones, { options });
		expect([...failed.keys()]).toEqual([1, 2, 4]);
		for (const message of failed.values()) expect(message.length).toBeLessThan(450);
	});

	it('a 400 quoting the path right at the cut: redacted first, then cut', async () => {
		// 290 characters put the token across the 300-character cut of quoted server text.
		stage.emulator.inject({ kind: 'status', status: 400, echoPath: 'lowerCase', body: 'y'.repeat(290 - '(request /waInstance'.length) });
		const { failed } = await runChecked(stage, phones.slice(0, 2), { options });
		expect(failed.size).toBe(2);
	});
});
