// Each group-changing Group operation from the packed tarball in a real n8n, against the
// emulator: what the node outputs, what GREEN-API got and how the emulator's group changed.
// The emulator is reset before each workflow, so each one that changes a group first gets one
// of this account's (it is admin) under a fixed ID. Set Group Picture takes its JPG from n8n's
// own Read/Write Files from Disk.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import type { GreenApiEmulator, LoggedMessage } from '../emulator';
import { ACCOUNT } from '../emulator/groups';
import type { Execution, Item, N8n } from './n8n';
import { executeWithoutToken, firstOutput, startOperationRun, stopOperationRun } from './operationRun';
import type { OperationRun } from './operationRun';
import { GREEN_API_NODE } from './workflows';
import type { OperationSetup } from './workflows';

const CREDENTIAL = { id: 'e2eGreenApiGrp01', name: 'GREEN-API emulator (groups)' };
const A = '79001000001@c.us';
const B = '79001000002@c.us';
const C = '79001000003@c.us';
const SEEDED = '79001234567-1700000999@g.us';
const GENERATED = '120363043968066561@g.us';
const PICTURE = { name: 'logo.jpg', bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(30_000)]) };
const group = (operation: string, parameters: Record<string, unknown>, extra: Partial<OperationSetup> = {}): OperationSetup => ({ resource: 'group', operation, parameters: { options: {}, ...parameters }, ...extra });

function workflows(): Record<string, { items: object[]; setup: OperationSetup }> {
	return {
		e2eCreateGroup01: { items: [{ name: 'Team', phones: '+7 900 100-00-01, 79001000002' }], setup: group('createGroup', { groupName: '={{ $json.name }}', participants: '={{ $json.phones }}' }) },
		e2eRenameGroup01: { items: [{}], setup: group('updateGroupName', { groupId: SEEDED, groupName: 'Renamed' }) },
		e2eAddMember0001: { items: [{ phone: '+7 900 100-00-03' }], setup: group('addGroupParticipant', { groupId: SEEDED, participantChatId: '={{ $json.phone }}' }) },
		e2eRemoveMember1: { items: [{}], setup: group('removeGroupParticipant', { groupId: SEEDED, participantChatId: B }) },
		e2ePromote000001: { items: [{}], setup: group('setGroupAdmin', { groupId: SEEDED, participantChatId: '79001000001' }) },
		e2eDemote0000001: { items: [{}], setup: group('removeAdmin', { groupId: SEEDED, participantChatId: A }) },
		e2eLeaveGroup001: { items: [{}], setup: group('leaveGroup', { groupId: SEEDED }) },
		e2eGroupPicture1: {
			items: [{ path: '' }],
			setup: group(
				'setGroupPicture',
				{ groupId: SEEDED, binaryPropertyName: 'data' },
				{ before: { name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { operation: 'read', fileSelector: '={{ $json.path }}', options: {} } } },
			),
		},
		// This account is no admin of the generated group: GREEN-API answers false.
		e2eNotAdmin00001: { items: [{}], setup: group('addGroupParticipant', { groupId: GENERATED, participantChatId: C }, { onError: 'continueRegularOutput' }) },
		// A phone where the group belongs, among good items: nothing may be sent.
		e2eBadGroupId001: { items: [{ group: SEEDED }, { group: '+7 123 456-78-90' }], setup: group('leaveGroup', { groupId: '={{ $json.group }}' }) },
	};
}

let run: OperationRun | undefined;
let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	run = await startOperationRun('groups', CREDENTIAL, (dir) => {
		const all = workflows();
		all.e2eGroupPicture1.items = [{ path: join(dir, PICTURE.name) }];
		return all;
	}, [PICTURE]);
	({ emulator, n8n } = run);
}, 300_000);

afterAll(() => stopOperationRun(run, 'groups'));

/** Resets the emulator and gives it SEEDED: this account (admin), A (admin when `adminA`) and B. */
async function execute(workflowId: string, adminA = false): Promise<Execution> {
	emulator!.reset();
	const seeded = { ...emulator!.groups.draft('Team', [A, B]), groupId: SEEDED };
	seeded.participants = seeded.participants.map((member) => (member.id === A ? { ...member, isAdmin: adminA } : member));
	emulator!.groups.put(seeded);
	return executeWithoutToken(n8n!, workflowId);
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function output(workflowId: string, adminA = false): Promise<Array<Item['json']>> {
	return firstOutput(await execute(workflowId, adminA));
}

const log = (): LoggedMessage[] => emulator!.messages.all();
const members = (groupId = SEEDED) => emulator!.groups.get(groupId).participants.map((member) => [member.id, member.isAdmin]);

test('Create Group: the participants as chat IDs, the new group with this account as admin', async () => {
	const [created] = await output('e2eCreateGroup01');
	expect(created).toEqual({ created: true, chatId: expect.stringMatching(/@g\.us$/), groupInviteLink: expect.any(String), groupName: 'Team', participants: [A, B], sendState: 'done' });
	expect(log().map((m) => [m.method, m.fields])).toEqual([['createGroup', { groupName: 'Team', chatIds: [A, B] }]]);
	expect(members(created.chatId as string)).toEqual([[ACCOUNT, true], [A, false], [B, false]]);
});

test('Rename Group, Add and Remove Participant change the group', async () => {
	expect(await output('e2eRenameGroup01')).toEqual([{ updateGroupName: true, groupId: SEEDED, groupName: 'Renamed', sendState: 'done' }]);
	expect(emulator!.groups.get(SEEDED).subject).toBe('Renamed');

	expect(await output('e2eAddMember0001')).toEqual([{ addParticipant: true, groupId: SEEDED, participantChatId: C, sendState: 'done' }]);
	expect(log().map((m) => [m.method, m.fields])).toEqual([['addGroupParticipant', { groupId: SEEDED, participantChatId: C }]]);
	expect(members()).toEqual([[ACCOUNT, true], [A, false], [B, false], [C, false]]);

	expect(await output('e2eRemoveMember1')).toEqual([{ removeParticipant: true, groupId: SEEDED, participantChatId: B, sendState: 'done' }]);
	expect(members()).toEqual([[ACCOUNT, true], [A, false]]);
});

test('Promote to Admin and Demote Admin', async () => {
	expect(await output('e2ePromote000001')).toEqual([{ setGroupAdmin: true, groupId: SEEDED, participantChatId: A, sendState: 'done' }]);
	expect(members()).toEqual([[ACCOUNT, true], [A, true], [B, false]]);

	expect(await output('e2eDemote0000001', true)).toEqual([{ removeAdmin: true, groupId: SEEDED, participantChatId: A, sendState: 'done' }]);
	expect(members()).toEqual([[ACCOUNT, true], [A, false], [B, false]]);
});

test('Set Group Picture uploads the JPG read from disk; Leave Group leaves', async () => {
	const [picture] = await output('e2eGroupPicture1');
	expect(picture).toEqual({ setGroupPicture: true, urlAvatar: expect.any(String), reason: '', groupId: SEEDED, fileName: PICTURE.name, fileSize: PICTURE.bytes.length, sendState: 'done' });
	expect(log()[0].fields).toMatchObject({ groupId: SEEDED, file: { sha256: createHash('sha256').update(PICTURE.bytes).digest('hex') } });

	expect(await output('e2eLeaveGroup001')).toEqual([{ removeAdmin: true, left: true, groupId: SEEDED, sendState: 'done' }]);
	expect(members().map(([id]) => id)).toEqual([A, B]);
});

test('a refusal (false) is notSent with what to check; a phone as Group ID sends nothing', async () => {
	const [refused] = await output('e2eNotAdmin00001');
	expect(refused).toMatchObject({ sendState: 'notSent', groupId: GENERATED, participantChatId: C });
	expect(String(refused.error)).toMatch(/^GREEN-API did not add the participant/);

	const bad = await execute('e2eBadGroupId001');
	expect(bad.status).toBe('error');
	const failed = bad.data.resultData.runData[GREEN_API_NODE][0];
	expect(failed.error?.message).toMatch(/^Group ID: "\+7 123 456-78-90" is not a group ID/);
	expect((failed.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	expect(emulator!.requests.filter((r) => r.method !== 'getStateInstance')).toEqual([]);
});
