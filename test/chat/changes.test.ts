import type { IDataObject } from 'n8n-workflow';

import { SEED_CHAT_ID } from '../emulator';
import { SEED_GROUP_ID } from '../emulator/chats';
import { exposedText, pairedIndexes, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Chat → Archive / Unarchive Chat and Set Disappearing Messages through n8n's engine: what the
// node outputs, what the emulator's chat became, bad input refused before any request, and
// never twice: a failure after GREEN-API may have taken the change ends the item "unknown".
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const run = (operation: string, parameters: IDataObject = {}, items: object[] = [{ chatId: SEED_CHAT_ID }], options: IDataObject = {}, onError?: 'continueErrorOutput') =>
	stage.runNode(items, { resource: 'chat', operation, parameters, options, ...(onError ? { onError } : {}) });

describe('Archive Chat / Unarchive Chat', () => {
	it('archive and unarchive the chat, one item each, paired', async () => {
		const archived = await run('archiveChat', {}, [{ chatId: SEED_CHAT_ID }, { chatId: SEED_GROUP_ID }]);
		expect(archived.error).toBeUndefined();
		expect(archived.contacts.map((item) => item.json)).toEqual([
			{ chatId: SEED_CHAT_ID, archived: true, sendState: 'done' },
			{ chatId: SEED_GROUP_ID, archived: true, sendState: 'done' },
		]);
		expect(pairedIndexes(archived.contacts)).toEqual([0, 1]);
		expect([stage.emulator.chats.state(SEED_CHAT_ID).archived, stage.emulator.chats.state(SEED_GROUP_ID).archived]).toEqual([true, true]);
		const back = await run('unarchiveChat', {}, [{ chatId: '+7 123 456-78-90' }]);
		expect(back.contacts[0].json).toEqual({ chatId: SEED_CHAT_ID, archived: false, sendState: 'done' });
		expect(stage.emulator.chats.state(SEED_CHAT_ID).archived).toBe(false);
		expect(stage.emulator.messages.all().map((m) => [m.method, m.chatId])).toEqual([
			['archiveChat', SEED_CHAT_ID],
			['archiveChat', SEED_GROUP_ID],
			['unarchiveChat', SEED_CHAT_ID],
		]);
	});

	it('a batch with a bad Chat ID changes nothing, and the error names the item', async () => {
		const { error } = await run('archiveChat', {}, [{ chatId: SEED_CHAT_ID }, { chatId: '12' }]);
		expect(error?.message).toMatch(/^"12" has 2 digits/);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(stage.emulator.requests).toHaveLength(0);
		expect(stage.emulator.chats.state(SEED_CHAT_ID).archived).toBe(false);
	});

	it.each([
		['answered 502 after archiving', { kind: 'status', status: 502 }],
		['reset after archiving', { kind: 'reset' }],
		['never answered after archiving', { kind: 'hang' }],
	] as const)('%s: one request, and the item ends sendState unknown', async (_, fault) => {
		stage.emulator.inject({ ...fault, method: 'archiveChat', apply: true, times: 5 });
		const { outputs: [output, errors] } = await run('archiveChat', {}, [{ chatId: SEED_CHAT_ID }], { retries: 3, timeout: 1000 }, 'continueErrorOutput');
		expect(stage.emulator.count({ method: 'archiveChat' })).toBe(1);
		expect(output).toEqual([]);
		expect(errors[0].json).toMatchObject({ chatId: SEED_CHAT_ID, details: { sendState: 'unknown', chatId: SEED_CHAT_ID }, error: expect.stringMatching(/may or may not have archived this chat/) });
		expect(exposedText(errors)).not.toContain(stage.emulator.token);
	});

	it('a 429 (rejected, nothing changed) is tried again; a 400 ends the item notSent', async () => {
		stage.emulator.inject({ kind: 'status', status: 429, method: 'unarchiveChat', times: 1 });
		const retried = await run('unarchiveChat');
		expect(retried.contacts[0].json).toMatchObject({ archived: false, sendState: 'done' });
		expect(stage.emulator.count({ method: 'unarchiveChat' })).toBe(2);
		stage.emulator.setState('notAuthorized');
		const { outputs: [, errors] } = await run('archiveChat', {}, [{ chatId: SEED_CHAT_ID }], {}, 'continueErrorOutput');
		expect(errors[0].json).toMatchObject({ details: { sendState: 'notSent' } });
	});

	it('keeps to GREEN-API\'s 10 per second: twelve chats take over a second, each archived once', async () => {
		const items = Array.from({ length: 12 }, (_, i) => ({ chatId: `7900100${String(i).padStart(4, '0')}@c.us` }));
		const started = Date.now();
		const { contacts: output, error } = await run('archiveChat', {}, items);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(12);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		// Each chat archived once, whatever a loaded machine's timing did (a 429 is retried: nothing was changed).
		expect(stage.emulator.messages.all().map((m) => m.chatId).sort()).toEqual(items.map((item) => item.chatId).sort());
	});
});

describe('Set Disappearing Messages', () => {
	it('sends the seconds of the choice and gives GREEN-API\'s answer', async () => {
		const { contacts: output, error } = await run('setDisappearingChat', { ephemeralExpiration: 604800 });
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ chatId: SEED_CHAT_ID, disappearingMessagesInChat: true, ephemeralExpiration: 604800, sendState: 'done' });
		expect(stage.emulator.messages.all()[0]).toMatchObject({ method: 'setDisappearingChat', fields: { chatId: SEED_CHAT_ID, ephemeralExpiration: 604800 } });
		expect(stage.emulator.chats.state(SEED_CHAT_ID).ephemeralExpiration).toBe(604800);
	});

	it('Off (the default) turns them off', async () => {
		stage.emulator.chats.update(SEED_CHAT_ID, { ephemeralExpiration: 86400 });
		const { contacts: output } = await run('setDisappearingChat');
		expect(output[0].json).toMatchObject({ disappearingMessagesInChat: false, ephemeralExpiration: 0 });
		expect(stage.emulator.chats.state(SEED_CHAT_ID).ephemeralExpiration).toBe(0);
	});

	it('refuses any other number of seconds before any request', async () => {
		const { error } = await run('setDisappearingChat', { ephemeralExpiration: '={{ $json.seconds }}' }, [{ chatId: SEED_CHAT_ID, seconds: 86400 }, { chatId: SEED_CHAT_ID, seconds: 3600 }]);
		expect(error?.message).toMatch(/^Messages Disappear After must be Off \(0\), 24 hours \(86400\), 7 days \(604800\) or 90 days \(7776000\) in seconds, not 3600/);
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('a 502 after the change is not tried again and says it may have happened', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'setDisappearingChat', apply: true, times: 5 });
		const { error } = await run('setDisappearingChat', { ephemeralExpiration: 86400 }, [{ chatId: SEED_CHAT_ID }], { retries: 3 });
		expect(error?.message).toMatch(/may or may not have changed disappearing messages in this chat/);
		expect(stage.emulator.count({ method: 'setDisappearingChat' })).toBe(1);
		expect(stage.emulator.chats.state(SEED_CHAT_ID).ephemeralExpiration).toBe(86400);
		for (const secret of stage.secrets) expect(exposedText(error)).not.toContain(secret);
	});
});
