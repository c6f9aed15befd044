import type { IDataObject } from 'n8n-workflow';

import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Status → Get Incoming / Outgoing Statuses and Get Status Statistic: one item per entry,
// the query GREEN-API got, Return All / Limit, and bad input refused before any request.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const run = (operation: string, parameters: IDataObject, items: object[] = [{}]) => stage.runNode(items, { resource: 'status', operation, parameters });

describe('the Status lists', () => {
	it('Get Incoming Statuses asks for the minutes given and gives one item per status, with ISO times', async () => {
		const { contacts: output, error } = await run('getIncomingStatuses', { minutes: 60, returnAll: true });
		expect(error).toBeUndefined();
		// The emulator keeps what is newer than ?minutes=: of its statuses 10 and 90 minutes old, 60 keeps one.
		expect(stage.emulator.count({ method: 'getIncomingStatuses' })).toBe(1);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ idMessage: 'BAE5INSTATUS0001', type: 'incoming', senderName: 'Анна', textMessage: 'Open today till 9' });
		expect(output[0].json.timestampIso).toBe(new Date((output[0].json.timestamp as number) * 1000).toISOString());
	});

	it('Get Outgoing Statuses honours Limit, and the default 1,440 minutes', async () => {
		const limited = await run('getOutgoingStatuses', { limit: 1 });
		expect(limited.contacts.map((item) => item.json.idMessage)).toEqual(['BAE5OUTSTATUS001']);
		const all = await run('getOutgoingStatuses', { returnAll: true });
		expect(all.contacts.map((item) => [item.json.idMessage, item.json.statusMessage])).toEqual([
			['BAE5OUTSTATUS001', 'read'],
			['BAE5OUTSTATUS002', 'delivered'],
		]);
	});

	it('Get Status Statistic gives one item per viewer, with its chatId', async () => {
		const { contacts: output } = await run('getStatusStatistic', { idMessage: 'BAE5OUTSTATUS001', returnAll: true });
		// The emulator answers 400 without ?idMessage=, as GREEN-API does.
		expect(output.map((item) => item.json)).toEqual([
			{ idMessage: 'BAE5OUTSTATUS001', chatId: '79001234569@c.us', participant: '79001234569@c.us', timestamp: 1587129319, timestampIso: '2020-04-17T13:15:19.000Z', status: 'read' },
			{ idMessage: 'BAE5OUTSTATUS001', chatId: '71234567890@c.us', participant: '71234567890@c.us', timestamp: 1587129320, timestampIso: '2020-04-17T13:15:20.000Z', status: 'delivered' },
		]);
	});

	it('bad Minutes or Status ID is refused before any request', async () => {
		const minutes = await run('getIncomingStatuses', { minutes: 0 });
		expect(minutes.error?.message).toMatch(/^Minutes must be a whole number from 1 to 43,200/);
		const id = await run('getStatusStatistic', { idMessage: 'not an id' });
		expect(id.error?.message).toMatch(/^Status ID "not an id" is not a WhatsApp message ID/);
		expect(stage.emulator.requests).toHaveLength(0);
	});
});
