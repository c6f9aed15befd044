import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Group → Set Group Picture: the JPG from n8n binary data, uploaded as multipart to the API
// host; anything but a JPG refused before any upload; a refusal (false) ends notSent.
let stage: GreenApiStage;
let dir: string;
useStage({ rateLimits: { createGroup: 0, setGroupPicture: 0 } }, (started) => (stage = started));
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'green-api-group-'))));
afterAll(async () => await rm(dir, { recursive: true, force: true }));

const GENERATED = '120363043968066561@g.us';

const run = (parameters: IDataObject, items: object[], onError?: 'continueRegularOutput') =>
	stage.runNode(items, { resource: 'group', operation: 'setGroupPicture', parameters, options: { requestsPerSecond: 0 }, onError });

async function file(name: string, bytes: Buffer): Promise<string> {
	const path = join(dir, name);
	await writeFile(path, bytes);
	return path;
}

describe('Set Group Picture', () => {
	it('uploads the JPG from the binary field as multipart to the API host, and answers its link', async () => {
		const created = await stage.runNode([{}], { resource: 'group', operation: 'createGroup', parameters: { groupName: 'Team', participants: '79001234569' }, options: { requestsPerSecond: 0 } });
		const groupId = created.contacts[0].json.chatId as string;
		const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(50_000)]);
		const path = await file('logo.jpg', bytes);
		const { contacts: output, error } = await run({ groupId, binaryPropertyName: 'picture' }, [{ $files: { picture: { path, fileName: 'logo.jpg', mimeType: 'image/jpeg' } } }]);
		expect(error).toBeUndefined();
		const logged = stage.emulator.messages.all().find((entry) => entry.method === 'setGroupPicture');
		expect(logged?.fields).toMatchObject({ groupId, file: { fileName: 'logo.jpg', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: 'image/jpeg' } });
		expect(output[0].json).toEqual({ setGroupPicture: true, urlAvatar: expect.stringContaining('/avatars/'), reason: '', groupId, fileName: 'logo.jpg', fileSize: bytes.length, sendState: 'done' });
		expect(stage.emulator.groups.get(groupId).urlAvatar).toBe(output[0].json.urlAvatar);
	});

	it('a JPG named without .jpg is sent as group-picture.jpg', async () => {
		const path = await file('noname', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]));
		const { contacts: output } = await run({ groupId: GENERATED }, [{ $files: { data: { path, fileName: 'photo', mimeType: 'image/jpeg' } } }], 'continueRegularOutput');
		expect(stage.emulator.messages.all()[0]?.fields).toMatchObject({ file: { fileName: 'group-picture.jpg' } });
		// This account is no admin of the generated group: GREEN-API's documented "Timed Out" refusal.
		expect(output[0].json).toMatchObject({ sendState: 'notSent', groupId: GENERATED, fileName: 'group-picture.jpg' });
		expect(String(output[0].json.error)).toMatch(/^GREEN-API did not set the group picture \(reason: Timed Out\)/);
		expect(String(output[0].json.description)).toMatch(/admin of the group/);
	});

	it('a PNG, a missing binary field or a personal Group ID is refused before any request', async () => {
		const png = await file('logo.png', randomBytes(100));
		const wrongType = await run({ groupId: GENERATED }, [{ $files: { data: { path: png, fileName: 'logo.png', mimeType: 'image/png' } } }]);
		expect(wrongType.error?.message).toMatch(/^The picture "logo\.png" \(image\/png\) is not a JPG: GREEN-API takes a group picture only as JPG/);
		const missing = await run({ groupId: GENERATED, binaryPropertyName: 'photo' }, [{ $files: { data: { path: png, fileName: 'logo.png', mimeType: 'image/png' } } }]);
		expect(missing.error?.message).toMatch(/^Input Binary Field "photo" is not in this item: it has "data"/);
		const personal = await run({ groupId: '71234567890' }, [{}]);
		expect(personal.error?.message).toMatch(/^Group ID: "71234567890" is not a group ID/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('a 500 after the upload arrived is not retried and ends unknown', async () => {
		const path = await file('again.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9]));
		stage.emulator.inject({ kind: 'status', status: 500, method: 'setGroupPicture', times: 3 });
		const { contacts: output } = await stage.runNode([{ $files: { data: { path, fileName: 'again.jpg', mimeType: 'image/jpeg' } } }], {
			resource: 'group',
			operation: 'setGroupPicture',
			parameters: { groupId: GENERATED },
			options: { requestsPerSecond: 0, retries: 3 },
			onError: 'continueRegularOutput',
		});
		expect(output[0].json).toMatchObject({ sendState: 'unknown', groupId: GENERATED });
		expect(String(output[0].json.error)).toMatch(/may or may not have set this group's picture/);
		expect(stage.emulator.count({ method: 'setGroupPicture' })).toBe(1);
	});
});
