import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { greenApiEngine, NODE_NAME, NODE_TYPE, runAfterStart } from '../support/greenApiStage';
import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Send File from n8n binary data: streamed from n8n's binary store (filesystem mode, as a
// self-hosted n8n keeps it) to the emulator's media host, as multipart.
let stage: GreenApiStage;
let dir: string;
useStage({ keepUploadBytes: 0 }, (started) => (stage = started));
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'green-api-upload-'))));
afterAll(async () => await rm(dir, { recursive: true, force: true }));

const A = '79003000001@c.us';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function fileOf(name: string, bytes: Buffer): Promise<string> {
	const path = join(dir, name);
	await writeFile(path, bytes);
	return path;
}

const sendFile = (parameters: object = {}) => ({ resource: 'message', operation: 'sendFile', parameters: { fileSource: 'binary', binaryPropertyName: 'data', caption: '={{ $json.caption }}', ...parameters } });

describe('Send File from binary data', () => {
	it('arrives byte for byte on the media host, with its own file name, type and the caption', async () => {
		const bytes = randomBytes(1_500_000);
		const path = await fileOf('photo.jpg', bytes);
		const { contacts: output, error } = await stage.runNode([{ chatId: A, caption: 'Our new shop', $files: { data: { path, fileName: 'photo.jpg', mimeType: 'image/jpeg' } } }], sendFile() as never);
		expect(error).toBeUndefined();
		const [logged] = stage.emulator.messages.all();
		expect(logged).toMatchObject({ method: 'sendFileByUpload', chatId: A, fields: { chatId: A, fileName: 'photo.jpg', caption: 'Our new shop' } });
		expect(logged.file).toMatchObject({ fileName: 'photo.jpg', size: bytes.length, sha256: sha256(bytes), mimeType: 'image/jpeg' });
		expect(output[0].json).toMatchObject({ chatId: A, idMessage: logged.idMessage, fileName: 'photo.jpg', fileSize: bytes.length, sendState: 'queued' });
	});

	it('File Name, when given, names the file (its extension decides how WhatsApp shows it)', async () => {
		const path = await fileOf('blob', randomBytes(1000));
		await stage.runNode([{ chatId: A, $files: { data: { path, mimeType: 'application/pdf' } } }], sendFile({ fileName: 'Invoice 42.pdf' }) as never);
		expect(stage.emulator.messages.all()[0].file?.fileName).toBe('Invoice 42.pdf');
	});

	it('a file without an extension, or over 100 MB, is refused before anything is sent', async () => {
		const path = await fileOf('noext', randomBytes(100));
		const noExtension = await stage.runNode([{ chatId: A, $files: { data: { path } } }], sendFile() as never);
		expect(noExtension.error?.message).toMatch(/has no extension: WhatsApp decides by it/);
		const big = join(dir, 'big.mp4');
		await writeFile(big, '');
		await truncate(big, 100 * 1024 * 1024 + 1);
		const path2 = await fileOf('small.pdf', randomBytes(100));
		const tooBig = await stage.runNode([{ chatId: A, $files: { data: { path: path2 } } }, { chatId: A, $files: { data: { path: big, fileName: 'big.mp4' } } }], sendFile() as never);
		expect(tooBig.error?.message).toMatch(/^The file is 100 MB; GREEN-API takes files up to 100 MB/);
		expect((tooBig.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(stage.emulator.messages.count()).toBe(0);
		expect(stage.emulator.requests).toHaveLength(0);
	}, 30_000);

	it('a 60 MB file is sent without the process memory growing by more than twice the file', async () => {
		const bytes = randomBytes(60 * 1024 * 1024);
		const path = await fileOf('video.mp4', bytes);
		const digest = sha256(bytes);
		const items = [{ chatId: A, $files: { data: { path, fileName: 'video.mp4', mimeType: 'video/mp4' } } }];
		const before = process.memoryUsage().rss;
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		try {
			const { error } = await stage.runNode(items, sendFile() as never);
			expect(error).toBeUndefined();
		} finally {
			clearInterval(sampler);
		}
		expect(stage.emulator.messages.all()[0].file).toMatchObject({ size: bytes.length, sha256: digest });
		expect(peak - before).toBeLessThan(2 * bytes.length);
	}, 60_000);

	it('without a Media URL and with an API URL that is not GREEN-API\'s own, it says to fill in Media URL, and sends nothing', async () => {
		const { emulator } = stage;
		const engine = greenApiEngine({ noMedia: { type: 'greenApi', data: { apiUrl: emulator.url, idInstance: emulator.idInstance, token: emulator.token } } });
		const path = await fileOf('a.pdf', randomBytes(100));
		const { error } = await runAfterStart(engine, [{ chatId: A, $files: { data: { path } } }], {
			name: NODE_NAME,
			type: NODE_TYPE,
			parameters: { resource: 'message', operation: 'sendFile', chatId: '={{ $json.chatId }}', fileSource: 'binary', options: {} },
			credentials: { greenApi: { id: 'noMedia', name: 'noMedia' } },
		});
		expect(error?.message).toMatch(/fill in Media URL in the GREEN-API credential/);
		expect(emulator.messages.count()).toBe(0);
	});
});
