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

	it('refuses a bad limit before any request, naming the item', async () => {
		const { error } = await stage.runNode([{}], list({ returnAll: false, limit: 0 }));
		expect(error?.message).toBe('Limit must be a whole number of at least 1');
		expect(stage.emulator.requests).toHaveLength(0);
	});
});
