import { DEFAULT_CONTACT_LIST } from '../../emulator/methods/getContacts';
import { pairedIndexes, useStage } from '../../support/greenApiRun';
import type { GreenApiStage } from '../../support/greenApiRun';

let stage: GreenApiStage;
useStage({ rateLimits: { getContacts: 0 } }, (started) => (stage = started));

const list = (parameters: Record<string, string | number | boolean>) => ({ operation: 'getContacts', parameters });

describe('Get Contacts through n8n\'s engine', () => {
	it('returns one item per contact, filtered by type and limited, with one request for all input items', async () => {
		const { outputs, error } = await stage.runNode([{}, {}], list({ contactType: 'group', returnAll: true }));
		expect(error).toBeUndefined();
		const groups = DEFAULT_CONTACT_LIST.filter((contact) => contact.type === 'group');
		expect(outputs[0].map((item) => item.json)).toEqual([...groups, ...groups].map((contact) => ({ chatId: contact.id, ...contact })));
		expect(pairedIndexes(outputs[0])).toEqual([0, 0, 1, 1]);
		expect(stage.emulator.count({ method: 'getContacts' })).toBe(1);

		const limited = await stage.runNode([{}], list({ contactType: 'all', returnAll: false, limit: 2 }));
		expect(limited.outputs[0].map((item) => item.json.id)).toEqual(DEFAULT_CONTACT_LIST.slice(0, 2).map((contact) => contact.id));
	});

	it('says an empty list right after authorisation may not be loaded yet', async () => {
		stage.emulator.setContactList([]);
		const { outputs, run } = await stage.runNode([{}], list({ returnAll: true }));
		expect(outputs[0]).toEqual([]);
		expect(JSON.stringify(run.data.resultData.runData['GREEN-API'][0].hints)).toMatch(/not be loaded yet/);
	});

	it('200,000 contacts for 100 input items: each item copies only the contacts it emits', async () => {
		const contacts = Array.from({ length: 200_000 }, (_, i) => ({ id: `7900${String(i).padStart(7, '0')}@c.us`, name: `Contact ${i}`, type: 'user' }));
		stage.emulator.setContactList(contacts);
		const heapBefore = process.memoryUsage().heapUsed;
		const { outputs, error } = await stage.runNode(Array.from({ length: 100 }, () => ({})), list({ returnAll: false, limit: 50 }));
		const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(100 * 50);
		expect(outputs[0][50].json).toEqual(outputs[0][0].json);
		expect(outputs[0][50].json).not.toBe(outputs[0][0].json);
		expect(stage.emulator.count({ method: 'getContacts' })).toBe(1);
		// A copy of the whole list per item held about 1.3 GB; the list itself is a few tens of MB.
		expect(grownMb).toBeLessThan(400);
	}, 60_000);

	it('with several input items and no expression, says it ran once per item and how to run it once', async () => {
		const hints = (run: { data: { resultData: { runData: Record<string, Array<{ hints?: unknown }>> } } }) => JSON.stringify(run.data.resultData.runData['GREEN-API'][0].hints ?? []);
		const fixed = await stage.runNode([{}, {}, {}], list({ returnAll: true }));
		expect(hints(fixed.run)).toMatch(/ran once for each of its 3 input items with the same parameters.*Execute Once/);
		const single = await stage.runNode([{}], list({ returnAll: true }));
		expect(hints(single.run)).not.toMatch(/Execute Once/);
		const perItem = await stage.runNode([{ limit: 1 }, { limit: 2 }], list({ returnAll: false, limit: '={{ $json.limit }}' }));
		expect(perItem.outputs[0]).toHaveLength(3);
		expect(hints(perItem.run)).not.toMatch(/Execute Once/);
	});

	it('refuses a bad limit before any request, naming the item', async () => {
		const { error } = await stage.runNode([{}], list({ returnAll: false, limit: 0 }));
		expect(error?.message).toBe('Limit must be a whole number of at least 1');
		expect(stage.emulator.requests).toHaveLength(0);
	});
});
