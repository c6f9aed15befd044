import { SEED_CHAT_ID } from '../../emulator';
import { groupData } from '../../emulator/methods/getGroupData';
import { pairedIndexes, useStage } from '../../support/greenApiRun';
import type { GreenApiStage } from '../../support/greenApiRun';

let stage: GreenApiStage;
useStage({ rateLimits: { getGroupData: 0 } }, (started) => (stage = started));

const GROUP = '120363043968066561@g.us';
const group = (onError?: 'continueRegularOutput') => ({ resource: 'group', operation: 'getGroupData', parameters: { groupId: '={{ $json.groupId }}' }, onError });

describe('Get Group Data through n8n\'s engine', () => {
	it('gives the group on output 1 and one item per participant on output 2, paired', async () => {
		const { outputs, error } = await stage.runNode([{ groupId: GROUP }, { groupId: ` ${GROUP} ` }], group());
		expect(error).toBeUndefined();
		const { participants, ...fields } = groupData(GROUP);
		const times = { creationIso: new Date(Number(fields.creation) * 1000).toISOString(), subjectTimeIso: new Date(Number(fields.subjectTime) * 1000).toISOString() };
		expect(outputs[0].map((item) => item.json)).toEqual([0, 1].map(() => ({ ...fields, ...times, participantCount: 3, participants })));
		expect(Object.keys(outputs[0][0].json).indexOf('creationIso')).toBe(Object.keys(outputs[0][0].json).indexOf('creation') + 1);
		expect(outputs[1].map((item) => item.json.chatId)).toEqual([SEED_CHAT_ID, '79001234569@c.us', '79990000003@c.us', SEED_CHAT_ID, '79001234569@c.us', '79990000003@c.us']);
		expect(outputs[1][0].json).toMatchObject({ isAdmin: true, isSuperAdmin: true, groupId: GROUP });
		expect(pairedIndexes(outputs[1])).toEqual([0, 0, 0, 1, 1, 1]);
		expect(stage.emulator.count({ method: 'getGroupData' })).toBe(1);
	});

	it('refuses a personal chat before any request, pointing to the group ID form', async () => {
		const { outputs } = await stage.runNode([{ groupId: SEED_CHAT_ID }, { groupId: GROUP }], group('continueRegularOutput'));
		expect(outputs[0][0].json).toMatchObject({ groupId: SEED_CHAT_ID, error: expect.stringMatching(/is not a group ID.*@g\.us$/) });
		expect(outputs[0][1].json.groupId).toBe(GROUP);
		expect(stage.emulator.requests.map((request) => request.chatId)).toEqual([GROUP]);
	});
});
