import { SEED_CHAT_ID } from '../../emulator';
import { pairedIndexes, useStage } from '../../support/greenApiRun';
import type { GreenApiStage } from '../../support/greenApiRun';

let stage: GreenApiStage;
useStage({ rateLimits: { checkWhatsapp: 0 } }, (started) => (stage = started));

const check = { operation: 'checkWhatsapp', options: { requestsPerSecond: 0 } };

describe('Check WhatsApp through n8n\'s engine', () => {
	it('answers each number in any human form once, keeping the @lid chatId GREEN-API found', async () => {
		const phones = ['+7 (123) 456-78-90', SEED_CHAT_ID, '70001234567', '+7 555 123 45 67'];
		const { outputs, error } = await stage.runNode(phones.map((chatId) => ({ chatId })), check);
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json)).toEqual([
			{ phoneNumber: '71234567890', chatId: SEED_CHAT_ID, existsWhatsapp: true },
			{ phoneNumber: '71234567890', chatId: SEED_CHAT_ID, existsWhatsapp: true },
			{ phoneNumber: '70001234567', chatId: '70001234567@c.us', existsWhatsapp: false },
			{ phoneNumber: '75551234567', chatId: '1234567@lid', existsWhatsapp: true },
		]);
		expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2, 3]);
		expect(outputs[1]).toEqual([]);
		expect(stage.emulator.requests.map((request) => request.chatId)).toEqual([SEED_CHAT_ID, '70001234567@c.us', '75551234567@c.us']);
	});

	it('routes numbers without WhatsApp to the second output when asked', async () => {
		const { outputs } = await stage.runNode([{ chatId: '70001234567' }, { chatId: SEED_CHAT_ID }], {
			...check,
			options: { requestsPerSecond: 0, splitByResult: true },
		});
		expect(outputs[0].map((item) => item.json.chatId)).toEqual([SEED_CHAT_ID]);
		expect(pairedIndexes(outputs[0])).toEqual([1]);
		expect(outputs[1].map((item) => item.json.phoneNumber)).toEqual(['70001234567']);
		expect(pairedIndexes(outputs[1])).toEqual([0]);
	});

	it('with "Route by Result" and On Error: Continue, a failed check goes to the second output, never to "Has WhatsApp"', async () => {
		stage.emulator.inject({ kind: 'status', status: 400, method: 'checkWhatsapp', chatId: '79001111111@c.us', body: 'check phone number timeout limit exceeded' });
		const items = [{ chatId: SEED_CHAT_ID }, { chatId: '79001111111' }, { chatId: 'not a number' }];
		const { outputs } = await stage.runNode(items, { ...check, options: { requestsPerSecond: 0, splitByResult: true }, onError: 'continueRegularOutput' });
		expect(outputs[0].map((item) => item.json.chatId)).toEqual([SEED_CHAT_ID]);
		expect(outputs[1].map((item) => [item.json.chatId, item.json.error])).toEqual([
			['79001111111@c.us', 'GREEN-API rejected the request: check phone number timeout limit exceeded'],
			['not a number', expect.stringMatching(/neither a phone number nor a chat ID/)],
		]);
		expect(pairedIndexes(outputs[1])).toEqual([1, 2]);

		const toErrorOutput = await stage.runNode(items, { ...check, options: { requestsPerSecond: 0, splitByResult: true }, onError: 'continueErrorOutput' });
		expect(toErrorOutput.outputs.map((output) => pairedIndexes(output))).toEqual([[0], [], [1, 2]]);
	});

	it('explains the monthly quota (466) and sends nothing more after it', async () => {
		stage.emulator.setQuota('checkWhatsapp', 1);
		const { outputs } = await stage.runNode([{ chatId: '79001111111' }, { chatId: '79002222222' }, { chatId: '79003333333' }], {
			...check,
			options: { requestsPerSecond: 0, maxConcurrency: 1 },
			onError: 'continueRegularOutput',
		});
		expect(outputs[0][0].json.existsWhatsapp).toBe(true);
		expect(outputs[0][1].json).toMatchObject({ httpCode: '466', chatId: '79002222222@c.us', error: expect.stringMatching(/^GREEN-API quota exceeded: checkWhatsapp used 1 of 1/) });
		expect(outputs[0][2].json.error).toMatch(/quota exceeded/);
		expect(stage.emulator.count({ method: 'checkWhatsapp' })).toBe(2);
	});
});
