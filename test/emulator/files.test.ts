import { randomBytes } from 'node:crypto';
import { request } from 'undici';

import { GreenApiEmulator, SEED_CHAT_ID } from './index';
import { call, newAgent, useEmulator, waitFor } from './http-client';
import { incomingFile } from './notification-bodies';

describe('GREEN-API emulator: received files (incoming media and downloadFile)', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));

	async function get(url: string, timeoutMs = 5000) {
		const res = await request(url, { dispatcher: agent, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
		return { status: res.statusCode, headers: res.headers, bytes: Buffer.from(await res.body.arrayBuffer()) };
	}
	const linkOf = (body: Record<string, unknown>) => ((body.messageData as Record<string, Record<string, unknown>>).fileMessageData.downloadUrl as string) ?? '';
	const downloadFile = (idMessage: string, chatId = SEED_CHAT_ID) => call(emu, 'downloadFile', { body: { chatId, idMessage }, dispatcher: agent });

	it('serves each kind at a link on the media host without the token, with its MIME type and size; records the request', async () => {
		const bytes = randomBytes(300_000);
		const body = incomingFile(1, { kind: 'audio', bytes, files: emu.files });
		expect(body.messageData).toMatchObject({ typeMessage: 'audioMessage', fileMessageData: { mimeType: 'audio/ogg; codecs=opus' } });
		const url = linkOf(body);
		expect(url.startsWith(`${emu.mediaUrl}/incoming/`)).toBe(true);
		expect(url).not.toContain(emu.token);
		const answer = await get(url);
		expect([answer.status, answer.headers['content-type'], answer.headers['content-length']]).toEqual([200, 'audio/ogg; codecs=opus', String(bytes.length)]);
		expect(answer.bytes.equals(bytes)).toBe(true);
		expect(emu.files.requests).toMatchObject([{ status: 200, bytesSent: bytes.length, complete: true }]);
		expect(emu.files.requests[0].headers.host).toBe(new URL(emu.mediaUrl).host);
	});

	it('keeps the sender\'s file name for documents only; the rest carry the generated one of the link', () => {
		const document = incomingFile(2, { kind: 'document', files: emu.files }).messageData as Record<string, Record<string, unknown>>;
		const image = incomingFile(3, { kind: 'image', files: emu.files }).messageData as Record<string, Record<string, unknown>>;
		expect(document.fileMessageData.fileName).toBe('Invoice 42.pdf');
		expect(String(image.fileMessageData.downloadUrl).endsWith(`/${String(image.fileMessageData.fileName)}`)).toBe(true);
	});

	it('an expired link answers 404; downloadFile answers a fresh link that works', async () => {
		const bytes = randomBytes(1000);
		const body = incomingFile(4, { kind: 'image', bytes, files: emu.files, expired: true });
		expect((await get(linkOf(body))).status).toBe(404);
		const reply = await downloadFile(String(body.idMessage));
		expect(reply.status).toBe(200);
		const { downloadUrl } = JSON.parse(reply.text) as { downloadUrl: string };
		expect(downloadUrl).not.toBe(linkOf(body));
		expect((await get(downloadUrl)).bytes.equals(bytes)).toBe(true);
		expect(emu.count({ method: 'downloadFile', status: 200 })).toBe(1);
	});

	it('downloadFile: 400 for a message it has no file of (or another chat), 500 once WhatsApp forgot it (links then 410)', async () => {
		const body = incomingFile(5, { kind: 'video', files: emu.files });
		expect((await downloadFile('NO-SUCH-MESSAGE')).status).toBe(400);
		expect((await downloadFile(String(body.idMessage), '79000000000@c.us')).status).toBe(400);
		emu.files.forget(String(body.idMessage));
		expect((await downloadFile(String(body.idMessage))).status).toBe(500);
		expect((await get(linkOf(body))).status).toBe(410);
		expect((await call(emu, 'downloadFile', { body: { chatId: SEED_CHAT_ID }, dispatcher: agent })).status).toBe(400);
	});

	it('faults: a host that never answers, one without Content-Length, one that trickles', async () => {
		const bytes = randomBytes(10);
		const url = linkOf(incomingFile(6, { kind: 'sticker', bytes, files: emu.files }));
		emu.files.fault({ kind: 'hang', times: 1 });
		await expect(get(url, 300)).rejects.toThrow();
		expect(emu.files.requests.at(-1)?.status).toBe('hang');
		emu.files.fault({ kind: 'noLength', times: 1 });
		const unannounced = await get(url);
		expect([unannounced.headers['content-length'], unannounced.bytes.equals(bytes)]).toEqual([undefined, true]);
		emu.files.fault({ kind: 'trickle', times: 1, intervalMs: 20, chunkBytes: 2 });
		const started = performance.now();
		expect((await get(url)).bytes.equals(bytes)).toBe(true);
		expect(performance.now() - started).toBeGreaterThanOrEqual(80);
	});

	it('stops sending when the client stops reading, and reset() forgets every file', async () => {
		const bytes = randomBytes(8 * 1024 * 1024);
		const url = linkOf(incomingFile(7, { kind: 'video', bytes, files: emu.files }));
		const res = await request(url, { dispatcher: agent });
		res.body.destroy();
		await waitFor(() => emu.files.requests.length === 1);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(emu.files.requests[0].complete).toBe(false);
		expect(emu.files.requests[0].bytesSent).toBeLessThan(bytes.length);
		emu.reset();
		expect(emu.files.requests).toEqual([]);
		expect((await get(url)).status).toBe(404);
	});
});
