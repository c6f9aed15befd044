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
});
