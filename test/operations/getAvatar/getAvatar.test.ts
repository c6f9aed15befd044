import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { generateContact, SEED_CHAT_ID } from '../../emulator';
import { AVATAR_JPEG } from '../../emulator/methods/getAvatar';
import { useStage } from '../../support/greenApiRun';
import type { GreenApiStage } from '../../support/greenApiRun';

let stage: GreenApiStage;
useStage({ rateLimits: { getAvatar: 0 } }, (started) => (stage = started));

const GROUP = '120363043968066561@g.us';
// A generated contact whose privacy hides the picture.
const HIDDEN = ['79001000001', '79001000002', '79001000003', '79001000004'].map((digits) => `${digits}@c.us`).find((chatId) => generateContact(chatId).avatar === '') as string;

describe('Get Avatar through n8n\'s engine', () => {
	it('answers personal and group chats; a hidden picture is available: false, not an error', async () => {
		const { outputs, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: GROUP }, { chatId: HIDDEN }], { operation: 'getAvatar' });
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json)).toEqual([
			{ chatId: SEED_CHAT_ID, available: true, urlAvatar: `${stage.emulator.url}/avatars/71234567890.jpg` },
			{ chatId: GROUP, available: true, urlAvatar: `${stage.emulator.url}/avatars/120363043968066561.jpg` },
			{ chatId: HIDDEN, available: false, urlAvatar: '' },
		]);
		expect(outputs[0].some((item) => item.binary)).toBe(false);
	});

	it('downloads the picture into the binary property asked for', async () => {
		const { outputs } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: SEED_CHAT_ID }, { chatId: HIDDEN }], {
			operation: 'getAvatar',
			options: { download: true, binaryPropertyName: 'avatar' },
		});
		const [first, second, hidden] = outputs[0];
		expect(first.binary?.avatar).toMatchObject({ mimeType: 'image/jpeg', fileName: '71234567890.jpg', fileExtension: 'jpg', fileSize: `${AVATAR_JPEG.length} B` });
		expect(second.binary?.avatar).toEqual(first.binary?.avatar);
		expect(hidden.binary).toBeUndefined();
		expect(stage.emulator.count({ method: 'getAvatar' })).toBe(2);
	});

	it.each([
		['announces its size', true, /^The avatar from 127\.0\.0\.1:\d+ is too large to download: 80\.0 MB, 16\.0 MB over the 64 MB cap$/],
		['does not announce its size', false, /^The avatar from 127\.0\.0\.1:\d+ is too large to download: more than the 64 MB cap; the server did not say how much more$/],
	])('a picture over the size cap that %s: says it is too large and by how much, not "run again later"', async (_, announce, message) => {
		const size = 80 * 1024 * 1024;
		const chunk = Buffer.alloc(1024 * 1024);
		// A hostile file host: streams until the client hangs up (the node stops at the cap).
		const host = createServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'image/jpeg', ...(announce ? { 'content-length': String(size) } : {}) });
			let sent = 0;
			const pump = (): void => {
				while (sent < size && !res.destroyed) {
					sent += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', pump);
				}
				res.end();
			};
			pump();
		});
		await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
		try {
			const urlAvatar = `http://127.0.0.1:${(host.address() as AddressInfo).port}/huge.jpg`;
			stage.emulator.inject({ kind: 'status', status: 200, method: 'getAvatar', body: JSON.stringify({ urlAvatar, available: true }) });
			const { outputs } = await stage.runNode([{ chatId: SEED_CHAT_ID }], { operation: 'getAvatar', options: { download: true }, onError: 'continueRegularOutput' });
			expect(outputs[0][0].json.error).toMatch(message);
			expect(outputs[0][0].json.description).toMatch(/Turn off "Download Image"/);
		} finally {
			host.closeAllConnections();
			await new Promise((resolve) => host.close(resolve));
		}
	});
});
