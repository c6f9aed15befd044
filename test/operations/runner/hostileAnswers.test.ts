import { isoFromUnixSeconds } from '../../../nodes/GreenApi/helpers/time';
import { SEED_CHAT_ID } from '../../emulator';
import { exposedText, pairedIndexes, useStage } from '../../support/greenApiRun';
import type { GreenApiStage } from '../../support/greenApiRun';

let stage: GreenApiStage;
useStage({ rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

/** As text: JSON.stringify itself overflows the stack on such an object. */
function nested(depth: number): string {
	return `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;
}

describe('every item ends as one result or one error, whatever the answer', () => {
	it('a 5,000-deep answer for a chatId asked twice: two per-item errors, the other items intact', async () => {
		const deep = '79005555555@c.us';
		stage.emulator.setContact(deep, `{"chatId":"${deep}","x":${nested(5000)}}`);
		const { contacts, error } = await stage.runNode([{ chatId: deep }, { chatId: SEED_CHAT_ID }, { chatId: deep }], {
			options: { requestsPerSecond: 0 },
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(pairedIndexes(contacts)).toEqual([0, 1, 2]);
		expect(contacts[0].json.error).toMatch(/nested more than 64 levels deep$/);
		expect(contacts[1].json.name).toBe('Dealer');
		expect(contacts[2].json.error).toBe(contacts[0].json.error);
		expect(stage.emulator.count({ chatId: deep })).toBe(1);
	});

	it('a huge string where a boolean belongs: the message does not quote it', async () => {
		const chatId = '79006666666@c.us';
		stage.emulator.setContact(chatId, { chatId, isBusiness: `${stage.emulator.token} ${'x'.repeat(100_000)}` });
		const { contacts } = await stage.runNode([{ chatId }], { onError: 'continueRegularOutput', options: { requestsPerSecond: 0 } });
		// The token in it was redacted when the answer was read: 27 characters became "[redacted]".
		expect(contacts[0].json.error).toMatch(/isBusiness as a text of 100011 characters/);
		expect(String(contacts[0].json.error).length).toBeLessThan(300);
	});

	it('a token pasted into Chat ID is refused before any request, without repeating it', async () => {
		const pasted = `my key is ${stage.emulator.token.toUpperCase()}`;
		const { contacts, run } = await stage.runNode([{ chatId: pasted }, { chatId: SEED_CHAT_ID }], { onError: 'continueRegularOutput' });
		expect(contacts[0].json.error).toMatch(/^Chat ID holds the credential's API token/);
		expect(contacts[1].json.name).toBe('Dealer');
		expect(stage.emulator.requests.map((request) => request.chatId)).toEqual([SEED_CHAT_ID]);
		expect(exposedText(run.data.resultData.runData['GREEN-API']).toLowerCase()).not.toContain(stage.emulator.token.toLowerCase());
	});
});

describe('timestamps get an ISO companion, whatever the answer holds', () => {
	it.each([
		[1700000000, '2023-11-14T22:13:20.000Z'],
		['1700000000', '2023-11-14T22:13:20.000Z'],
		[0, null],
		[-5, null],
		[1e300, null],
		['soon', null],
		[null, null],
	])('lastSeen %j → lastSeenIso %j', (lastSeen, iso) => {
		expect(isoFromUnixSeconds(lastSeen)).toBe(iso);
	});
});
