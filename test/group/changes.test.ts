import type { IDataObject } from 'n8n-workflow';

import { ACCOUNT } from '../emulator/groups';
import { exposedText, pairedIndexes, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Group → Create Group, Rename Group, Add / Remove Participant, Promote / Demote Admin and
// Leave Group through n8n's engine: the outputs, what GREEN-API got and what Get Group Data
// then sees, bad input refused before any request, false answers "notSent", doubt "unknown".
let stage: GreenApiStage;
const UNLIMITED = { createGroup: 0, updateGroupName: 0, getGroupData: 0 };
useStage({ rateLimits: UNLIMITED }, (started) => (stage = started));

// Default limits are GREEN-API's (1/s for some): lifted here so the tests run at once.
const run = (operation: string, parameters: IDataObject, items: object[] = [{}], options: IDataObject = {}, onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
	stage.runNode(items, { resource: 'group', operation, parameters, options: { requestsPerSecond: 0, ...options }, onError });

const GENERATED = '120363043968066561@g.us';
const ANNA = '79001234569@c.us';
const BOB = '79002000001@c.us';

async function members(groupId: string): Promise<Array<[unknown, unknown]>> {
	const { outputs } = await run('getGroupData', { groupId });
	return outputs[1].map((item) => [item.json.chatId, item.json.isAdmin]);
}

async function newGroup(participants = ANNA): Promise<string> {
	const { contacts, error } = await run('createGroup', { groupName: 'Team', participants });
	if (error) throw error;
	return contacts[0].json.chatId as string;
}

describe('Create Group', () => {
	it('sends the name and the participants written any usual way as chat IDs, once each; Get Group Data sees the group', async () => {
		const { contacts: output, error } = await run('createGroup', { groupName: '  Sales team ', participants: '+7 900 200-00-01, 79001234569@c.us\n79001234569' });
		expect(error).toBeUndefined();
		const [logged] = stage.emulator.messages.all();
		expect(logged).toMatchObject({ method: 'createGroup', fields: { groupName: 'Sales team', chatIds: [BOB, ANNA] } });
		expect(output.map((item) => item.json)).toEqual([
			{ created: true, chatId: expect.stringMatching(/@g\.us$/), groupInviteLink: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\//), groupName: 'Sales team', participants: [BOB, ANNA], sendState: 'done' },
		]);
		expect(await members(output[0].json.chatId as string)).toEqual([[ACCOUNT, true], [BOB, false], [ANNA, false]]);
	});

	it('takes an expression giving a list, one group per item, paired to its item', async () => {
		const { contacts: output } = await run('createGroup', { groupName: '={{ $json.name }}', participants: '={{ $json.phones }}' }, [
			{ name: 'A', phones: ['+79002000001', 79001234569] },
			{ name: 'B', phones: ['79001234569@c.us'] },
		]);
		expect(output.map((item) => [item.json.groupName, item.json.participants])).toEqual([['A', [BOB, ANNA]], ['B', [ANNA]]]);
		expect(pairedIndexes(output)).toEqual([0, 1]);
		expect(new Set(output.map((item) => item.json.chatId)).size).toBe(2);
	});

	it('bad input is refused before any request, naming the item and the field', async () => {
		const long = await run('createGroup', { groupName: 'x'.repeat(101), participants: ANNA });
		expect(long.error?.message).toMatch(/^Group Name has 101 characters; GREEN-API takes at most 100/);
		const empty = await run('createGroup', { groupName: 'ok', participants: ' , ' });
		expect(empty.error?.message).toMatch(/^Participants is empty/);
		const items = await run('createGroup', { groupName: 'ok', participants: '={{ $json.who }}' }, [{ who: ANNA }, { who: `${ANNA}, ${GENERATED}` }]);
		expect(items.error?.message).toMatch(/^Participants entry 2: .*is a group chat/);
		expect((items.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('created: false ends notSent, saying what to check', async () => {
		const { contacts: output } = await run('createGroup', { groupName: 'Nobody', participants: '70001234567' }, [{}], {}, 'continueRegularOutput');
		expect(output[0].json).toMatchObject({ sendState: 'notSent', groupName: 'Nobody', participants: ['70001234567@c.us'] });
		expect(String(output[0].json.error)).toMatch(/^GREEN-API did not create the group \(GREEN-API answered created: false\)/);
		expect(String(output[0].json.description)).toMatch(/WhatsApp users.*Nothing was changed for this item/);
	});
});

describe('the changes of a group', () => {
	it('Rename, Add, Promote, Demote and Remove change the group, each answered as done', async () => {
		const groupId = await newGroup();
		const renamed = await run('updateGroupName', { groupId, groupName: 'Renamed' });
		expect(renamed.contacts[0].json).toEqual({ updateGroupName: true, groupId, groupName: 'Renamed', sendState: 'done' });
		const added = await run('addGroupParticipant', { groupId, participantChatId: '+7 (900) 200-00-01' });
		expect(added.contacts[0].json).toEqual({ addParticipant: true, groupId, participantChatId: BOB, sendState: 'done' });
		const promoted = await run('setGroupAdmin', { groupId, participantChatId: '79002000001' });
		expect(promoted.contacts[0].json).toMatchObject({ setGroupAdmin: true, participantChatId: BOB, sendState: 'done' });
		expect(await members(groupId)).toEqual([[ACCOUNT, true], [ANNA, false], [BOB, true]]);
		const demoted = await run('removeAdmin', { groupId, participantChatId: BOB });
		const removed = await run('removeGroupParticipant', { groupId, participantChatId: ANNA });
		expect([demoted.contacts[0].json.removeAdmin, removed.contacts[0].json.removeParticipant]).toEqual([true, true]);
		const { contacts: [data] } = await run('getGroupData', { groupId });
		expect(data.json).toMatchObject({ subject: 'Renamed', participantCount: 2 });
		expect(await members(groupId)).toEqual([[ACCOUNT, true], [BOB, false]]);
	});

	it('items to one group go in input order, each its own request, paired', async () => {
		const groupId = await newGroup();
		stage.emulator.messages.clear();
		const { contacts: output } = await run('addGroupParticipant', { groupId, participantChatId: '={{ $json.phone }}' }, [{ phone: '79003000001' }, { phone: '79003000002' }, { phone: '79003000003' }]);
		expect(stage.emulator.messages.all().map((entry) => entry.fields.participantChatId)).toEqual(['79003000001@c.us', '79003000002@c.us', '79003000003@c.us']);
		expect(pairedIndexes(output)).toEqual([0, 1, 2]);
	});

	it('Leave Group leaves; an admin is answered removeAdmin: true and that is a success too', async () => {
		const groupId = await newGroup();
		const { contacts: output, error } = await run('leaveGroup', { groupId });
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({ removeAdmin: true, left: true, groupId, sendState: 'done' });
		expect((await members(groupId)).map(([id]) => id)).toEqual([ANNA]);
	});

	it('a Group ID that is a phone or a personal chat, or a participant that is a group, is refused before any request', async () => {
		const phone = await run('leaveGroup', { groupId: '+7 123 456-78-90' });
		expect(phone.error?.message).toMatch(/^Group ID: "\+7 123 456-78-90" is not a group ID\. A group ID ends in @g\.us/);
		const items = await run('removeGroupParticipant', { groupId: '={{ $json.group }}', participantChatId: ANNA }, [{ group: GENERATED }, { group: '71234567890@c.us' }]);
		expect(items.error?.message).toMatch(/^Group ID: "71234567890@c\.us" is not a group ID/);
		expect((items.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		const member = await run('setGroupAdmin', { groupId: GENERATED, participantChatId: GENERATED });
		expect(member.error?.message).toMatch(/^Participant: ".*" is a group chat/);
		const name = await run('updateGroupName', { groupId: GENERATED, groupName: '   ' });
		expect(name.error?.message).toMatch(/^New Name is empty/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it.each([
		['addGroupParticipant', { participantChatId: BOB }, /^GREEN-API did not add the participant \(GREEN-API answered addParticipant: false\)/, /saved in the phone's contacts/],
		['removeGroupParticipant', { participantChatId: ANNA }, /^GREEN-API did not remove the participant/, /admin of the group/],
		['setGroupAdmin', { participantChatId: ANNA }, /^GREEN-API did not make the participant an admin/, /not an admin already/],
		['removeAdmin', { participantChatId: ANNA }, /^GREEN-API did not take the participant's admin rights away/, /creator cannot be demoted/],
		['updateGroupName', { groupName: 'x' }, /^GREEN-API did not rename the group/, /admin of the group/],
		['leaveGroup', {}, /^GREEN-API did not leave the group/, /still a member/],
	])('%s answered false (this account is no admin, or no member) ends notSent with what to check', async (operation, parameters, message, check) => {
		const { contacts: output, error } = await run(operation, { groupId: GENERATED, ...parameters }, [{}], {}, 'continueRegularOutput');
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ sendState: 'notSent', groupId: GENERATED });
		expect(String(output[0].json.error)).toMatch(message);
		expect(String(output[0].json.description)).toMatch(check);
		expect(stage.emulator.count({ method: operation })).toBe(1);
	});

	it('a false answer without Continue On Fail stops the node with that error', async () => {
		const { error } = await run('addGroupParticipant', { groupId: GENERATED, participantChatId: BOB });
		expect(error?.message).toMatch(/^GREEN-API did not add the participant/);
	});
});

describe('never twice, and never the token', () => {
	it('a 502 after GREEN-API made the change is not retried and ends unknown (the change did happen)', async () => {
		const groupId = await newGroup();
		stage.emulator.inject({ kind: 'status', status: 502, method: 'addGroupParticipant', apply: true, times: 3 });
		const { outputs: [, errors] } = await run('addGroupParticipant', { groupId, participantChatId: BOB }, [{}], { retries: 3 }, 'continueErrorOutput');
		expect(errors[0].json.details).toMatchObject({ sendState: 'unknown', groupId, participantChatId: BOB });
		expect(String(errors[0].json.error)).toMatch(/may or may not have done this \(add the participant\): check the group's members/);
		expect(stage.emulator.count({ method: 'addGroupParticipant' })).toBe(1);
		expect((await members(groupId)).map(([id]) => id)).toContain(BOB);
	});

	it('an equal Create Group after one that may have created its group is held back; another group is still made', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'createGroup', apply: true, times: 1 });
		const { contacts: output } = await run('createGroup', { groupName: '={{ $json.name }}', participants: ANNA }, [{ name: 'Same' }, { name: 'Same' }, { name: 'Other' }], { maxConcurrency: 1 }, 'continueRegularOutput');
		expect(output.map((item) => item.json.sendState)).toEqual(['unknown', 'notSent', 'done']);
		expect(String(output[1].json.error)).toMatch(/^Not sent: an earlier item/);
		expect(stage.emulator.messages.all().map((entry) => entry.fields.groupName)).toEqual(['Same', 'Other']);
		expect(stage.emulator.groups.all()).toHaveLength(2);
	});

	it('a 200 that is not the documented answer ends unknown, not notSent', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'leaveGroup', body: '{"left":"maybe"}', times: 1 });
		const { contacts: output } = await run('leaveGroup', { groupId: GENERATED }, [{}], {}, 'continueRegularOutput');
		expect(output[0].json).toMatchObject({ sendState: 'unknown', groupId: GENERATED });
		expect(String(output[0].json.error)).toMatch(/without leaveGroup or removeAdmin/);
	});

	it('a 429 (rejected, nothing changed) is retried and then succeeds', async () => {
		const groupId = await newGroup();
		stage.emulator.inject({ kind: 'status', status: 429, method: 'setGroupAdmin', times: 1 });
		const { contacts: output } = await run('setGroupAdmin', { groupId, participantChatId: ANNA }, [{}], { retries: 2 });
		expect(output[0].json).toMatchObject({ setGroupAdmin: true, sendState: 'done' });
		expect(stage.emulator.count({ method: 'setGroupAdmin' })).toBe(2);
	});

	it('an answer echoing the request path never shows the token', async () => {
		stage.emulator.inject({ kind: 'status', status: 400, method: 'removeGroupParticipant', echoPath: true });
		const run1 = await run('removeGroupParticipant', { groupId: GENERATED, participantChatId: ANNA }, [{}], {}, 'continueRegularOutput');
		const run2 = await run('removeGroupParticipant', { groupId: GENERATED, participantChatId: ANNA });
		expect(run1.contacts[0].json.sendState).toBe('notSent');
		const text = exposedText(run1.contacts, run1.run, run2.error, run2.run);
		for (const secret of stage.secrets) expect(text).not.toContain(secret);
	});
});
