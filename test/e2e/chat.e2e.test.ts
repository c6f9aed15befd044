// Each Chat operation from the packed tarball in a real n8n, against the emulator: what the node
// outputs and what GREEN-API got (its journals read, its chats archived or set to disappear).

import { GreenApiEmulator, SEED_CHAT_ID } from '../emulator';
import { SEED_GROUP_ID, seededHistory } from '../emulator/chats';
import type { Execution, Item, N8n } from './n8n';
import { executeWithoutToken, firstOutput, startOperationRun, stopOperationRun } from './operationRun';
import type { OperationRun } from './operationRun';
import { GREEN_API_NODE } from './workflows';
import type { OperationSetup } from './workflows';

const CREDENTIAL = { id: 'e2eGreenApiChat1', name: 'GREEN-API emulator (chats)' };
const QUOTED = seededHistory(SEED_CHAT_ID)[5] as { idMessage: string };
const chat = (operation: string, parameters: Record<string, unknown> = {}): OperationSetup => ({ resource: 'chat', operation, parameters: { chatId: '={{ $json.chatId }}', options: {}, ...parameters } });

const WORKFLOWS: Record<string, { items: object[]; setup: OperationSetup }> = {
	e2eChatHistory01: { items: [{ chatId: '+7 123 456-78-90' }, { chatId: SEED_GROUP_ID }], setup: chat('getChatHistory', { limit: 2 }) },
	e2eChatMessage01: { items: [{ chatId: SEED_CHAT_ID, messageId: QUOTED.idMessage }], setup: chat('getMessage') },
	e2eLastIncoming1: { items: [{}], setup: chat('lastIncomingMessages', { minutes: 5, returnAll: true }) },
	e2eLastOutgoing1: { items: [{}], setup: chat('lastOutgoingMessages', { limit: 1 }) },
	e2eArchiveChat01: { items: [{ chatId: SEED_CHAT_ID }, { chatId: SEED_GROUP_ID }], setup: chat('archiveChat') },
	e2eUnarchiveChat: { items: [{ chatId: SEED_CHAT_ID }], setup: chat('unarchiveChat') },
	e2eDisappearing1: { items: [{ chatId: SEED_CHAT_ID }], setup: chat('setDisappearingChat', { ephemeralExpiration: 7776000 }) },
	// Bad input among good items: nothing may be changed.
	e2eBadArchive001: { items: [{ chatId: SEED_CHAT_ID }, { chatId: 'somebody' }], setup: chat('archiveChat') },
};

let run: OperationRun | undefined;
let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	run = await startOperationRun('chat', CREDENTIAL, () => WORKFLOWS);
	({ emulator, n8n } = run);
}, 300_000);

afterAll(() => stopOperationRun(run, 'chat'));

async function execute(workflowId: string): Promise<Execution> {
	emulator!.reset();
	return executeWithoutToken(n8n!, workflowId);
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function output(workflowId: string): Promise<Array<Item['json']>> {
	return firstOutput(await execute(workflowId));
}

test('Get Chat History: the newest messages of each chat, CRM-ready, newest first', async () => {
	const items = await output('e2eChatHistory01');
	expect(items.map((item) => [item.chatId, item.type, item.text])).toEqual([
		[SEED_CHAT_ID, 'incoming', 'Is the car still available?'],
		[SEED_CHAT_ID, 'outgoing', 'Yes: https://example.com/car'],
		[SEED_GROUP_ID, 'incoming', 'Is the car still available?'],
		[SEED_GROUP_ID, 'outgoing', 'Yes: https://example.com/car'],
	]);
	expect(items[0]).toMatchObject({ idMessage: expect.stringMatching(/^BAE5/), timestamp: expect.stringMatching(/Z$/), timestampUnix: expect.any(Number), sender: { chatId: SEED_CHAT_ID, name: 'Dealer' } });
	expect(items[2]).toMatchObject({ isGroup: true, sender: { chatId: '79001234569@c.us', name: 'Анна' } });
	expect(emulator!.count({ method: 'getChatHistory', status: 200 })).toBe(2);
});

test('Get Message: the message by the trigger\'s messageId, in the same shape', async () => {
	expect(await output('e2eChatMessage01')).toEqual([expect.objectContaining({ chatId: SEED_CHAT_ID, idMessage: QUOTED.idMessage, messageType: 'quotedMessage', text: 'That one, please' })]);
});

test('Last Incoming / Last Outgoing Messages: every chat, one direction, Minutes and Limit honoured', async () => {
	const incoming = await output('e2eLastIncoming1');
	expect(incoming.map((item) => [item.type, item.text])).toEqual(Array(3).fill(['incoming', 'Is the car still available?']));
	expect(new Set(incoming.map((item) => item.chatId))).toEqual(new Set([SEED_CHAT_ID, '79001234569@c.us', SEED_GROUP_ID]));
	const outgoing = await output('e2eLastOutgoing1');
	expect(outgoing).toEqual([expect.objectContaining({ type: 'outgoing', statusMessage: 'read', sendByApi: true })]);
});

test('Archive / Unarchive Chat and Set Disappearing Messages change the chat; a bad item changes nothing', async () => {
	expect(await output('e2eArchiveChat01')).toEqual([
		{ chatId: SEED_CHAT_ID, archived: true, sendState: 'done' },
		{ chatId: SEED_GROUP_ID, archived: true, sendState: 'done' },
	]);
	expect(emulator!.chats.state(SEED_GROUP_ID).archived).toBe(true);
	expect(await output('e2eUnarchiveChat')).toEqual([{ chatId: SEED_CHAT_ID, archived: false, sendState: 'done' }]);
	expect(emulator!.messages.all().map((m) => [m.method, m.chatId])).toEqual([['unarchiveChat', SEED_CHAT_ID]]);

	expect(await output('e2eDisappearing1')).toEqual([{ chatId: SEED_CHAT_ID, disappearingMessagesInChat: true, ephemeralExpiration: 7776000, sendState: 'done' }]);
	expect(emulator!.chats.state(SEED_CHAT_ID).ephemeralExpiration).toBe(7776000);

	const bad = await execute('e2eBadArchive001');
	expect(bad.status).toBe('error');
	const failed = bad.data.resultData.runData[GREEN_API_NODE][0];
	expect(failed.error?.message).toMatch(/^"somebody" is neither a phone number nor a chat ID/);
	expect((failed.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	expect(emulator!.requests.filter((r) => r.method !== 'getStateInstance')).toEqual([]);
});
