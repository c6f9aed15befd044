import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FormData, request } from 'undici';
import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, newAgent, useEmulator } from './http-client';

const BOUNDARY = '----emulator-test-boundary';

describe('GREEN-API emulator: the media host and sendFileByUpload', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({ keepUploadBytes: 1024 }, agent, (started) => (emu = started));

	const uploadPath = (token = emu.token, idInstance = emu.idInstance) => `/waInstance${idInstance}/sendFileByUpload/${token}`;
	async function upload(form: FormData, path = uploadPath()) {
		const res = await request(emu.mediaUrl + path, { method: 'POST', body: form, dispatcher: agent });
		return { status: res.statusCode, text: await res.body.text() };
	}
	function form(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type?: string }): FormData {
		const data = new FormData();
		for (const [name, value] of Object.entries(fields)) data.append(name, value);
		if (file) data.append('file', new Blob([file.bytes], file.type ? { type: file.type } : {}), file.name);
		return data;
	}

	it('listens on a second loopback port', () => {
		expect(emu.mediaUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(emu.mediaUrl).not.toBe(emu.url);
	});

	it('accepts a multipart upload byte for byte, with its fields, and answers { idMessage, urlFile }', async () => {
		const bytes = Buffer.from('\r\n--not-the-boundary\r\n\u0000\u00ff picture bytes', 'latin1');
		const reply = await upload(form({ chatId: SEED_CHAT_ID, fileName: 'photo.JPG', caption: 'Look', quotedMessageId: 'BAE5Q' }, { bytes, name: 'original.jpg', type: 'image/jpeg' }));
		expect(reply.status).toBe(200);
		const answer = JSON.parse(reply.text) as { idMessage: string; urlFile: string };
		expect(answer.idMessage).toMatch(/^BAE5/);
		expect(answer.urlFile).toBe(`${emu.mediaUrl}/files/${answer.idMessage}.jpg`);
		const [logged] = emu.messages.forChat(SEED_CHAT_ID);
		expect(logged).toMatchObject({ method: 'sendFileByUpload', idMessage: answer.idMessage, fields: { chatId: SEED_CHAT_ID, fileName: 'photo.JPG', caption: 'Look', quotedMessageId: 'BAE5Q' } });
		expect(logged.file).toMatchObject({ fileName: 'photo.JPG', size: bytes.length, mimeType: 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') });
		expect(logged.file?.bytes?.equals(bytes)).toBe(true);
		expect('file' in logged.fields).toBe(false);
	});

	it("takes the file part's own name when fileName is absent, and keeps no bytes above keepUploadBytes", async () => {
		const bytes = randomBytes(5000);
		expect((await upload(form({ chatId: SEED_CHAT_ID }, { bytes, name: 'report.pdf' }))).status).toBe(200);
		const file = emu.messages.all()[0].file;
		expect(file).toMatchObject({ fileName: 'report.pdf', size: 5000 });
		expect(file?.bytes).toBeUndefined();
	});

	it('holds the token rules: 403 for a wrong id, 401 for a wrong token; only sendFileByUpload is served here', async () => {
		const file = { bytes: Buffer.from('x'), name: 'a.txt' };
		expect((await upload(form({ chatId: SEED_CHAT_ID }, file), uploadPath('wrong-token'))).status).toBe(401);
		expect((await upload(form({ chatId: SEED_CHAT_ID }, file), uploadPath(emu.token, '1101999999'))).status).toBe(403);
		const res = await request(`${emu.mediaUrl}/waInstance${emu.idInstance}/sendMessage/${emu.token}`, {
			method: 'POST',
			body: JSON.stringify({ chatId: SEED_CHAT_ID, message: 'hi' }),
			dispatcher: agent,
		});
		expect(res.statusCode).toBe(404);
		await res.body.dump();
		expect(emu.messages.count()).toBe(0);
		expect(emu.count({ method: 'sendFileByUpload', status: 401 })).toBe(1);
	});

	it('answers 400 for a missing file, a bad chatId or a body that is not multipart', async () => {
		expect((await upload(form({ chatId: SEED_CHAT_ID }))).text).toBe("Validation failed. Details: 'file' is required");
		expect((await upload(form({ chatId: 'nobody' }, { bytes: Buffer.from('x'), name: 'a.txt' }))).status).toBe(400);
		const json = await call(emu, 'sendFileByUpload', { body: { chatId: SEED_CHAT_ID }, dispatcher: agent });
		expect(json.status).toBe(404); // the API host
		const plain = await request(emu.mediaUrl + uploadPath(), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' }, dispatcher: agent });
		expect(plain.statusCode).toBe(400);
		await plain.body.dump();
		expect(emu.messages.count()).toBe(0);
	});

	it('answers 413 for a file over maxUploadBytes and logs nothing', async () => {
		emu.setMaxUploadBytes(4096);
		expect((await upload(form({ chatId: SEED_CHAT_ID }, { bytes: randomBytes(4096), name: 'ok.bin' }))).status).toBe(200);
		const over = await upload(form({ chatId: SEED_CHAT_ID }, { bytes: randomBytes(4097), name: 'big.bin' }));
		expect([over.status, over.text]).toEqual([413, 'Request Entity Too Large']);
		expect(emu.messages.count()).toBe(1);
	});

	it('streams a 60 MB upload: sha256 and size match, while the parser never holds more than a chunk', async () => {
		const size = 60 * 1024 * 1024;
		const clientHash = createHash('sha256');
		async function* body(): AsyncGenerator<Buffer> {
			yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="chatId"\r\n\r\n${SEED_CHAT_ID}\r\n`);
			yield Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
			for (let sent = 0; sent < size; ) {
				const chunk = randomBytes(Math.min(256 * 1024, size - sent));
				clientHash.update(chunk);
				sent += chunk.length;
				yield chunk;
			}
			yield Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
		}
		const res = await request(emu.mediaUrl + uploadPath(), {
			method: 'POST',
			body: Readable.from(body()),
			headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
			dispatcher: agent,
			headersTimeout: 60_000,
			bodyTimeout: 60_000,
		});
		expect(res.statusCode).toBe(200);
		await res.body.dump();
		const file = emu.messages.all()[0].file;
		expect(file).toMatchObject({ fileName: 'video.mp4', size, mimeType: 'video/mp4', sha256: clientHash.digest('hex') });
		expect(file?.bytes).toBeUndefined();
		expect(file?.peakBufferedBytes).toBeLessThan(1024 * 1024);
	}, 60_000);
});
