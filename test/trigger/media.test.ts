// Download Media in poll mode: the trigger in n8n-core's TriggerContext, the emulator's queue
// and file host over real HTTP, the files in n8n's real binary store.
import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { shutdownServices } from '../engine/services';
import type { GreenApiEmulator } from '../emulator';
import { incoming, incomingFile } from '../emulator/notification-bodies';
import type { MediaKind } from '../emulator/notification-bodies';
import { publishPollTrigger, storedBytes } from './engineTrigger';
import type { EngineTrigger } from './engineTrigger';
import { credentialsFor, useQueueEmulator, waitFor } from './harness';

const POLL: IDataObject = { mode: 'poll', receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 1, events: ['incomingMessageReceived'], downloadMedia: true };

let emulator: GreenApiEmulator;
const open: EngineTrigger[] = [];
useQueueEmulator((started) => (emulator = started));
afterEach(async () => {
	await Promise.all(open.splice(0).map(async (trigger) => await trigger.close()));
	await waitFor(() => emulator.notifications.polling === 0, 5_000, 'every long poll closed');
});
afterAll(shutdownServices);

async function drain(bodies: Record<string, unknown>[], parameters: IDataObject = POLL): Promise<EngineTrigger> {
	emulator.notifications.enqueue(...bodies);
	const trigger = await publishPollTrigger(parameters, credentialsFor(emulator));
	open.push(trigger);
	await waitFor(() => emulator.notifications.deleted.length === bodies.length, 15_000, 'every notification deleted');
	return trigger;
}

const downloadOptions = (options: IDataObject) => ({ ...POLL, downloadOptions: options });

describe('GREEN-API Trigger, Download Media (poll mode)', () => {
	it('puts each kind\'s file into the item as binary: the same bytes, the MIME type and a file name; a voice note is audio/ogg named .ogg', async () => {
		const kinds: MediaKind[] = ['image', 'video', 'audio', 'document', 'sticker'];
		const files = kinds.map(() => randomBytes(50_000 + Math.floor(Math.random() * 50_000)));
		const bodies = kinds.map((kind, i) => incomingFile(i + 1, { kind, bytes: files[i], files: emulator.files }));
		const { emitted, errors } = await drain([...bodies, incoming(9, { text: 'plain text' })]);
		expect(errors).toEqual([]);
		expect(emitted).toHaveLength(6);
		for (const [i, item] of emitted.slice(0, 5).entries()) {
			expect(item.json.downloadError).toBeUndefined();
			expect((await storedBytes(item.binary?.data)).equals(files[i])).toBe(true);
			expect(item.binary?.data.bytes).toBe(files[i].length);
		}
		const described = emitted.slice(0, 5).map((item) => [item.binary?.data.mimeType, item.binary?.data.fileName]);
		const generated = (i: number) => String(((bodies[i].messageData as IDataObject).fileMessageData as IDataObject).fileName);
		expect(described).toEqual([
			['image/jpeg', generated(0)],
			['video/mp4', generated(1)],
			['audio/ogg', generated(2).replace(/\.oga$/, '.ogg')],
			['application/pdf', 'Invoice 42.pdf'],
			['image/webp', generated(4)],
		]);
		expect(generated(2)).toMatch(/\.oga$/);
		// A message without a file is left as it is.
		expect(emitted[5].binary).toBeUndefined();
		expect(emitted[5].json).not.toHaveProperty('downloadError');
		expect(emulator.count({ method: 'downloadFile' })).toBe(0);
	});

	it('puts the file in the field asked for; with Download Media off nothing is fetched', async () => {
		const bytes = randomBytes(1000);
		const named = await drain([incomingFile(1, { kind: 'image', bytes, files: emulator.files })], downloadOptions({ binaryPropertyName: 'photo' }));
		expect(Object.keys(named.emitted[0].binary ?? {})).toEqual(['photo']);
		await named.close();
		const off = await drain([incomingFile(2, { kind: 'image', bytes, files: emulator.files })], { ...POLL, downloadMedia: false });
		expect(off.emitted.at(-1)?.binary).toBeUndefined();
		expect(emulator.files.requests).toHaveLength(1);
	});

	it('with "As Soon as Received" too: the file is fetched before the start, and the notification deleted after it', async () => {
		const bytes = randomBytes(60_000);
		// The first file takes 300 ms: its notification must still be in the queue meanwhile.
		emulator.files.fault({ kind: 'trickle', times: 1, intervalMs: 50, chunkBytes: 10_000 });
		const { emitted } = await drain([incomingFile(1, { kind: 'image', bytes, files: emulator.files }), incomingFile(2, { kind: 'audio', files: emulator.files })], { ...POLL, acknowledge: 'onReceive' });
		expect((await storedBytes(emitted[0].binary?.data)).equals(bytes)).toBe(true);
		expect(emitted[1].binary?.data.mimeType).toBe('audio/ogg');
		expect(emulator.files.requests.map((r) => r.complete)).toEqual([true, true]);
		const firstDelete = emulator.requests.find((r) => r.method === 'deleteNotification');
		expect(firstDelete!.at - emulator.files.requests[0].at).toBeGreaterThanOrEqual(250);
	});

	it('an expired link (404) or none at all: a fresh link from downloadFile, for the right chat and message', async () => {
		const [expired, missing] = [randomBytes(20_000), randomBytes(30_000)];
		const { emitted } = await drain([
			incomingFile(1, { kind: 'image', bytes: expired, files: emulator.files, expired: true }),
			incomingFile(2, { kind: 'document', bytes: missing, files: emulator.files, withoutUrl: true, chatId: '79005550011@c.us' }),
		]);
		expect((await storedBytes(emitted[0].binary?.data)).equals(expired)).toBe(true);
		expect((await storedBytes(emitted[1].binary?.data)).equals(missing)).toBe(true);
		expect(emitted[1].binary?.data.fileName).toBe('Invoice 42.pdf');
		expect(emulator.count({ method: 'downloadFile', status: 200 })).toBe(2);
		expect(emulator.files.requests.map((r) => r.status)).toEqual([404, 200, 200]);
	});

	it('a file WhatsApp no longer has: the item runs with a downloadError naming both failures', async () => {
		const body = incomingFile(1, { kind: 'video', files: emulator.files });
		emulator.files.forget(String(body.idMessage));
		const { emitted } = await drain([body]);
		expect(emitted).toHaveLength(1);
		expect(emitted[0].binary).toBeUndefined();
		expect(emitted[0].json.downloadError).toMatch(/^The file host 127\.0\.0\.1:\d+ answered HTTP 410: the download link has expired, and downloadFile gave no fresh link: GREEN-API failed to process the request: Internal error while downloading file by chatId 71234567890@c\.us and idMessage MSG000001$/);
	});

	it.each([
		['announces its size', false, /^The file is 32 MB, over the Max File Size of 1 MB$/],
		['does not announce its size', true, /^The file is larger than the Max File Size of 1 MB \(its host did not say how large; the download stopped there\)$/],
	])('a file over Max File Size that %s: downloadError, the workflow still runs, and the download stops', async (_, unannounced, message) => {
		if (unannounced) emulator.files.fault({ kind: 'noLength' });
		// Large enough that loopback's socket buffers cannot take it all: the host sees the client stop.
		const size = 32 * 1024 * 1024;
		const { emitted } = await drain([incomingFile(1, { kind: 'video', bytes: Buffer.alloc(size, 7), files: emulator.files }), incoming(2)], downloadOptions({ maxFileSizeMb: 1 }));
		expect(emitted.map((item) => [item.json.messageId, item.binary])).toEqual([
			['MSG000001', undefined],
			['MSG000002', undefined],
		]);
		expect(emitted[0].json.downloadError).toMatch(message);
		await waitFor(() => emulator.files.requests[0].bytesSent > 0, 2_000, 'the host started sending');
		expect(emulator.files.requests[0].complete).toBe(false);
		expect(emulator.files.requests[0].bytesSent).toBeLessThan(size / 2);
		expect(emulator.count({ method: 'downloadFile' })).toBe(0);
	});

	it.each([
		['never answers', { kind: 'hang' as const }, /^The file from 127\.0\.0\.1:\d+ did not arrive within 1 s$/],
		['trickles', { kind: 'trickle' as const, intervalMs: 100, chunkBytes: 10 }, /^The file from 127\.0\.0\.1:\d+ did not arrive within 1 s$/],
	])('a file host that %s: bounded by Timeout, then downloadError and the run', async (_, fault, message) => {
		emulator.files.fault(fault);
		const started = performance.now();
		const { emitted } = await drain([incomingFile(1, { kind: 'audio', bytes: randomBytes(10_000), files: emulator.files })], downloadOptions({ timeoutSeconds: 1 }));
		expect(performance.now() - started).toBeLessThan(4_000);
		expect(emitted[0].json.downloadError).toMatch(message);
	});

	it('refuses to publish with a Max File Size an expression made wrong, before polling', async () => {
		await expect(publishPollTrigger(downloadOptions({ maxFileSizeMb: 'lots' }), credentialsFor(emulator))).rejects.toThrow(
			'Download Options → Max File Size (MB) must be a number from 1 to 2048; got "lots"',
		);
		expect(emulator.count({ method: 'receiveNotification' })).toBe(0);
	});

	it('nothing of the token travels to the file host, nor shows in any item', async () => {
		const expired = incomingFile(1, { kind: 'image', files: emulator.files, expired: true });
		const gone = incomingFile(2, { kind: 'audio', files: emulator.files });
		emulator.files.forget(String(gone.idMessage));
		const { emitted, errors } = await drain([expired, gone, incomingFile(3, { kind: 'sticker', files: emulator.files })]);
		expect(emulator.files.requests).toHaveLength(4);
		for (const request of emulator.files.requests) {
			expect(JSON.stringify([request.path, request.headers])).not.toContain(emulator.token);
			expect(Object.keys(request.headers).filter((name) => /authori[sz]ation|cookie|token/i.test(name))).toEqual([]);
		}
		expect(JSON.stringify([emitted, errors.map((e) => e.message)])).not.toContain(emulator.token);
		expect(emitted.map((item) => Boolean(item.binary))).toEqual([true, false, true]);
	});
});
