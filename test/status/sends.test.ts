import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Status → Send Text / Voice / Media Status and Delete Status through n8n's engine: what the
// node outputs, what GREEN-API got, and that nothing is sent twice or sent at all on bad input.
let stage: GreenApiStage;
let dir: string;
useStage({}, (started) => (stage = started));
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'green-api-status-'))));
afterAll(async () => await rm(dir, { recursive: true, force: true }));

const run = (operation: string, parameters: IDataObject, items: object[] = [{}], options: IDataObject = {}) => stage.runNode(items, { resource: 'status', operation, parameters, options });

describe('the Status sends', () => {
	it('Send Text Status sends the text, color, font and participants written any usual way', async () => {
		const { contacts: output, error } = await run('sendTextStatus', { message: 'Sale today', backgroundColor: '#228b22', font: 'SERIF', participants: '+7 900 200-00-01, 79002000002@c.us' });
		expect(error).toBeUndefined();
		const [logged] = stage.emulator.messages.all();
		expect(logged).toMatchObject({ method: 'sendTextStatus', fields: { message: 'Sale today', backgroundColor: '#228B22', font: 'SERIF', participants: ['79002000001@c.us', '79002000002@c.us'] } });
		expect(output[0].json).toEqual({ idMessage: logged.idMessage, participants: ['79002000001@c.us', '79002000002@c.us'], sendState: 'queued' });
	});

	it('Send Text Status with only the text sends only the text (GREEN-API defaults the rest)', async () => {
		await run('sendTextStatus', { message: 'Hi' });
		expect(stage.emulator.messages.all()[0].fields).toEqual({ message: 'Hi' });
	});

	it('bad input is refused before any request, naming the item and the field', async () => {
		const color = await run('sendTextStatus', { message: 'ok', backgroundColor: 'green' });
		expect(color.error?.message).toMatch(/^Background Color "green" is not a color: write it as #RRGGBB/);
		const participant = await run('sendTextStatus', { message: 'ok', participants: '79002000001@c.us, 120363043968066561@g.us' });
		expect(participant.error?.message).toMatch(/^Participants entry 2: .*is a group chat/);
		const items = await run('sendTextStatus', { message: '={{ $json.text }}' }, [{ text: 'fine' }, { text: '' }]);
		expect(items.error?.message).toMatch(/^Message is empty/);
		expect((items.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		const voice = await run('sendVoiceStatus', { fileSource: 'url', urlFile: 'ftp://example.com/a.mp3' });
		expect(voice.error?.message).toMatch(/^File URL "ftp:\/\/example.com\/a.mp3" is not an http\(s\) link/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('Send Voice Status and Send Media Status by URL send the link, its name and the caption', async () => {
		const voice = await run('sendVoiceStatus', { fileSource: 'url', urlFile: 'https://example.com/audio/hello.mp3', backgroundColor: '#000000' });
		const media = await run('sendMediaStatus', { fileSource: 'url', urlFile: 'https://example.com/img/horse.png', caption: 'Little horse', participants: '79002000001' });
		expect(voice.error ?? media.error).toBeUndefined();
		expect(stage.emulator.messages.all().map((m) => [m.method, m.fields])).toEqual([
			['sendVoiceStatus', { urlFile: 'https://example.com/audio/hello.mp3', fileName: 'hello.mp3', backgroundColor: '#000000' }],
			['sendMediaStatus', { urlFile: 'https://example.com/img/horse.png', fileName: 'horse.png', caption: 'Little horse', participants: ['79002000001@c.us'] }],
		]);
		expect(media.contacts[0].json).toMatchObject({ fileName: 'horse.png', sendState: 'queued' });
	});

	it('Send Media Status from binary data uploads the file to the media host first, then posts its link', async () => {
		const bytes = randomBytes(200_000);
		const path = join(dir, 'offer.jpg');
		await writeFile(path, bytes);
		const { contacts: output, error } = await run('sendMediaStatus', { fileSource: 'binary', binaryPropertyName: 'data', caption: 'Offer' }, [{ $files: { data: { path, fileName: 'offer.jpg', mimeType: 'image/jpeg' } } }]);
		expect(error).toBeUndefined();
		const sha = createHash('sha256').update(bytes).digest('hex');
		const [logged] = stage.emulator.messages.all();
		expect(logged).toMatchObject({ method: 'sendMediaStatus', fields: { urlFile: `${stage.emulator.mediaUrl}/uploads/${sha}.jpg`, fileName: 'offer.jpg', caption: 'Offer' } });
		expect(stage.emulator.count({ method: 'uploadFile' })).toBe(1);
		expect(output[0].json).toMatchObject({ fileName: 'offer.jpg', fileSize: bytes.length, sendState: 'queued' });
	});

	it('a failed upload posts nothing and says so (notSent, not unknown)', async () => {
		const path = join(dir, 'hello.mp3');
		await writeFile(path, randomBytes(1000));
		stage.emulator.inject({ kind: 'status', status: 502, method: 'uploadFile', apply: true, times: 1 });
		const { outputs: [, errors], error } = await stage.runNode([{ $files: { data: { path, fileName: 'hello.mp3', mimeType: 'audio/mpeg' } } }], { resource: 'status', operation: 'sendVoiceStatus', parameters: { fileSource: 'binary' }, onError: 'continueErrorOutput' });
		expect(error).toBeUndefined();
		expect(errors[0].json.details).toMatchObject({ sendState: 'notSent', fileName: 'hello.mp3' });
		expect(String(errors[0].json.error)).toMatch(/^Not posted: uploading the file to GREEN-API's media host failed/);
		expect(stage.emulator.count({ method: 'sendVoiceStatus' })).toBe(0);
	});

	it('a status send answered 502 after GREEN-API took it is not retried and ends unknown', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'sendTextStatus', apply: true, times: 3 });
		const { outputs: [, errors] } = await stage.runNode([{}], { resource: 'status', operation: 'sendTextStatus', parameters: { message: 'Once' }, options: { retries: 3 }, onError: 'continueErrorOutput' });
		expect(errors[0].json.details).toMatchObject({ sendState: 'unknown', message: 'Once' });
		expect(String(errors[0].json.error)).toMatch(/may or may not have queued this status/);
		expect(stage.emulator.count({ method: 'sendTextStatus' })).toBe(1);
		expect(stage.emulator.messages.count()).toBe(1);
	});

	it('Delete Status deletes by idMessage; a 502 is not retried and says it may have happened', async () => {
		const ok = await run('deleteStatus', { idMessage: 'BAE5F4886F6F2D05' });
		expect(ok.contacts[0].json).toEqual({ idMessage: 'BAE5F4886F6F2D05', deleted: true });
		expect(stage.emulator.messages.all()[0]).toMatchObject({ method: 'deleteStatus', fields: { idMessage: 'BAE5F4886F6F2D05' } });
		stage.emulator.inject({ kind: 'status', status: 502, method: 'deleteStatus', apply: true, times: 3 });
		const { error } = await run('deleteStatus', { idMessage: 'BAE5F4886F6F2D05' }, [{}], { retries: 3 });
		expect(error?.message).toMatch(/may or may not have deleted this status/);
		expect(stage.emulator.count({ method: 'deleteStatus' })).toBe(2);
	});
});
