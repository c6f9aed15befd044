import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { AVATAR_JPEG } from '../emulator/methods/getAvatar';
import { exposedText, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Instance → Set Profile Picture through n8n's engine: the JPEG from binary data uploaded as
// multipart to the API host, anything else refused before the upload, false answers notSent.
let stage: GreenApiStage;
let dir: string;
useStage({}, (started) => (stage = started));
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'green-api-picture-'))));
afterAll(async () => await rm(dir, { recursive: true, force: true }));
// GREEN-API's once-in-10-seconds would make each test wait; the limit itself is the limiter's to test.
beforeEach(() => stage.emulator.setRateLimit('setProfilePicture', 0));

async function file(name: string, bytes: Buffer, mimeType: string): Promise<object> {
	const path = join(dir, name);
	await writeFile(path, bytes);
	return { $files: { data: { path, fileName: name, mimeType } } };
}

const run = (items: object[], parameters: IDataObject = {}, onError?: 'continueRegularOutput') =>
	stage.runNode(items, { resource: 'instance', operation: 'setProfilePicture', parameters, options: { requestsPerSecond: 0 }, onError });

describe('Set Profile Picture', () => {
	it('uploads the JPEG and outputs the new avatar link', async () => {
		const bytes = Buffer.concat([AVATAR_JPEG, randomBytes(20_000)]);
		const { contacts: [item], error } = await run([await file('me.jpg', bytes, 'image/jpeg')]);
		expect(error).toBeUndefined();
		const [logged] = stage.emulator.messages.all();
		expect(logged).toMatchObject({ method: 'setProfilePicture', file: { fileName: 'me.jpg', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mimeType: 'image/jpeg' } });
		expect(item.json).toMatchObject({ setProfilePicture: true, sendState: 'done', fileName: 'me.jpg', fileSize: bytes.length });
		expect(String(item.json.urlAvatar)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/avatars\//);
	});

	it('refuses a picture that is not a JPEG before any request, naming the field', async () => {
		const { error } = await run([await file('me.png', randomBytes(100), 'image/png')]);
		expect(error?.message).toMatch(/^Input Binary Field "data" holds image\/png \(me\.png\); GREEN-API takes a profile picture only as JPEG/);
		const missing = await run([{}], { binaryPropertyName: 'photo' });
		expect(missing.error?.message).toMatch(/^Input Binary Field "photo" is not in this item/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('setProfilePicture false (WhatsApp\'s rate-overlimit) ends the item notSent with the reason', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'setProfilePicture', body: '{"reason":"rate-overlimit","urlAvatar":"","setProfilePicture":false}' });
		const { contacts: [item] } = await run([await file('me.jpg', AVATAR_JPEG, 'image/jpeg')], {}, 'continueRegularOutput');
		expect(item.json).toMatchObject({ sendState: 'notSent', fileName: 'me.jpg', error: 'Not set: GREEN-API answered setProfilePicture false (rate-overlimit)' });
		expect(String(item.json.description)).toMatch(/one change in 10 seconds/);
	});

	it('a 502 after GREEN-API took it is not retried and ends unknown, without the token', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'setProfilePicture', apply: true, times: 3, echoPath: true });
		const { contacts: [item], run: runData } = await stage.runNode([await file('me.jpg', AVATAR_JPEG, 'image/jpeg')], {
			resource: 'instance',
			operation: 'setProfilePicture',
			options: { requestsPerSecond: 0, retries: 3 },
			onError: 'continueRegularOutput',
		});
		expect(item.json).toMatchObject({ sendState: 'unknown' });
		expect(String(item.json.error)).toMatch(/may or may not have set the profile picture/);
		expect(stage.emulator.count({ method: 'setProfilePicture' })).toBe(1);
		expect(exposedText(item, runData)).not.toContain(stage.emulator.token);
	});
});
