import { request } from 'undici';

import { GreenApiEmulator } from './index';
import { ACCOUNT } from './groups';
import { call, newAgent, pathFor, useEmulator } from './http-client';

// The emulator's group methods over raw HTTP: their documented answers, the state Get Group
// Data sees, their own limits, and that a rejected request (429) changes nothing.
const GENERATED = '120363043968066561@g.us';
const ANNA = '79001234569@c.us';
const BOB = '79002000001@c.us';

describe('GREEN-API emulator: the group-changing methods', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({ rateLimits: { createGroup: 0, getGroupData: 0, updateGroupName: 0, setGroupPicture: 0 } }, agent, (started) => (emu = started));
	const post = async (method: string, body: Record<string, unknown>) => {
		const reply = await call(emu, method, { body, dispatcher: agent });
		return { status: reply.status, json: reply.status === 200 ? (JSON.parse(reply.text) as Record<string, unknown>) : reply.text };
	};
	const data = async (groupId: string) => (await post('getGroupData', { groupId })).json as { subject: string; participants: Array<{ id: string; isAdmin: boolean }> };
	const create = async () => (await post('createGroup', { groupName: 'Team', chatIds: [ANNA] })).json as { chatId: string };

	it('createGroup makes a group of this account (super admin) and the members; getGroupData sees it', async () => {
		const created = await post('createGroup', { groupName: 'Team', chatIds: [ANNA, BOB, ANNA, '70001234567@c.us'] });
		expect(created.json).toEqual({ created: true, chatId: expect.stringMatching(/^79001234567-\d+@g\.us$/), groupInviteLink: expect.stringMatching(/^https:\/\/chat\.whatsapp\.com\//) });
		const group = await data((created.json as { chatId: string }).chatId);
		expect(group).toMatchObject({ subject: 'Team', owner: ACCOUNT });
		expect(group.participants).toEqual([
			{ id: ACCOUNT, isAdmin: true, isSuperAdmin: true },
			{ id: ANNA, isAdmin: false, isSuperAdmin: false },
			{ id: BOB, isAdmin: false, isSuperAdmin: false },
		]);
	});

	it('createGroup: nobody on WhatsApp is the documented created: false; a long name or no members is 400', async () => {
		expect((await post('createGroup', { groupName: 'x', chatIds: ['70001234567@c.us'] })).json).toEqual({ created: false, chatId: '', groupInviteLink: '' });
		expect(await post('createGroup', { groupName: 'x'.repeat(101), chatIds: [ANNA] })).toEqual({ status: 400, json: expect.stringMatching(/'groupName' length must be less than or equal to 100/) });
		expect((await post('createGroup', { groupName: 'x', chatIds: [] })).status).toBe(400);
		expect((await post('createGroup', { groupName: 'x', chatIds: [GENERATED] })).status).toBe(400);
		expect(emu.groups.all()).toHaveLength(0);
	});

	it('members, admins, name and leaving change the group; each answers its documented flag', async () => {
		const { chatId: groupId } = await create();
		expect((await post('addGroupParticipant', { groupId, participantChatId: BOB })).json).toEqual({ addParticipant: true });
		expect((await post('addGroupParticipant', { groupId, participantChatId: BOB })).json).toEqual({ addParticipant: false });
		expect((await post('setGroupAdmin', { groupId, participantChatId: BOB })).json).toEqual({ setGroupAdmin: true });
		expect((await post('setGroupAdmin', { groupId, participantChatId: BOB })).json).toEqual({ setGroupAdmin: false });
		expect((await post('removeAdmin', { groupId, participantChatId: BOB })).json).toEqual({ removeAdmin: true });
		expect((await post('removeAdmin', { groupId, participantChatId: ANNA })).json).toEqual({ removeAdmin: false });
		expect((await post('removeGroupParticipant', { groupId, participantChatId: ANNA })).json).toEqual({ removeParticipant: true });
		expect((await post('updateGroupName', { groupId, groupName: 'Renamed' })).json).toEqual({ updateGroupName: true });
		const group = await data(groupId);
		expect([group.subject, group.participants.map((member) => [member.id, member.isAdmin])]).toEqual(['Renamed', [[ACCOUNT, true], [BOB, false]]]);
		// An admin that leaves is answered removeAdmin: true (GREEN-API's page); then it is not a member.
		expect((await post('leaveGroup', { groupId })).json).toEqual({ removeAdmin: true });
		expect((await post('leaveGroup', { groupId })).json).toEqual({ leaveGroup: false });
		expect((await data(groupId)).participants.map((member) => member.id)).toEqual([BOB]);
	});

	it('a group where this account is no admin refuses every change with false', async () => {
		expect((await post('addGroupParticipant', { groupId: GENERATED, participantChatId: BOB })).json).toEqual({ addParticipant: false });
		expect((await post('updateGroupName', { groupId: GENERATED, groupName: 'x' })).json).toEqual({ updateGroupName: false });
		expect((await post('leaveGroup', { groupId: GENERATED })).json).toEqual({ leaveGroup: false });
		expect((await post('addGroupParticipant', { groupId: ANNA, participantChatId: BOB })).status).toBe(400);
		expect((await post('addGroupParticipant', { groupId: GENERATED, participantChatId: GENERATED })).status).toBe(400);
		expect(emu.groups.all()).toHaveLength(0);
	});

	it('answers 429 above 10/s for the member methods, and a rejected request changes nothing', async () => {
		const { chatId: groupId } = await create();
		const ids = Array.from({ length: 12 }, (_, index) => `7900300${String(index).padStart(4, '0')}@c.us`);
		const statuses = await Promise.all(ids.map(async (participantChatId) => (await post('addGroupParticipant', { groupId, participantChatId })).status));
		expect(statuses.filter((status) => status === 429)).toHaveLength(2);
		expect((await data(groupId)).participants).toHaveLength(2 + 10);
	});

	it('setGroupPicture takes a multipart JPG on the API host; other types are 400', async () => {
		const { chatId: groupId } = await create();
		const upload = async (fileName: string, type: string, bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])) => {
			const boundary = 'groupPictureBoundary';
			const body = Buffer.concat([
				Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="groupId"\r\n\r\n${groupId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
				bytes,
				Buffer.from(`\r\n--${boundary}--\r\n`),
			]);
			const res = await request(emu.url + pathFor(emu, 'setGroupPicture'), { method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, dispatcher: agent });
			return { status: res.statusCode, text: await res.body.text() };
		};
		const ok = await upload('me.jpg', 'image/jpeg');
		expect(JSON.parse(ok.text)).toEqual({ setGroupPicture: true, urlAvatar: expect.stringContaining(`${emu.url}/avatars/`), reason: '' });
		expect(await upload('me.png', 'image/png')).toEqual({ status: 400, text: 'Unsupported media type' });
		expect(await upload('me.jpg', 'image/jpeg', Buffer.alloc(0))).toEqual({ status: 400, text: 'File is empty' });
		expect(emu.messages.all().filter((entry) => entry.method === 'setGroupPicture')).toHaveLength(1);
	});
});
