import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { incomingFile } from '../../emulator/notification-bodies';
import type { MediaKind } from '../../emulator/notification-bodies';
import { captureOutput, exposedText, pairedIndexes, useStage } from '../../support/greenApiRun';
import type { GreenApiStage, NodeRunOptions } from '../../support/greenApiRun';
import { storedBytes } from '../../trigger/engineTrigger';

let stage: GreenApiStage;
useStage({ rateLimits: { downloadFile: 0 } }, (started) => (stage = started));

/** A received file the emulator keeps, as the trigger's item names it ({ chatId, messageId }). */
function received(seq: number, kind: MediaKind, bytes = randomBytes(5_000), chatId = '71234567890@c.us') {
	const body = incomingFile(seq, { kind, bytes, chatId, files: stage.emulator.files });
	const file = (body.messageData as IDataObject).fileMessageData as IDataObject;
	return { item: { chatId, messageId: String(body.idMessage) }, bytes, generated: String(file.fileName) };
}

const run = (items: object[], options: NodeRunOptions = {}) => stage.runNode(items, { resource: 'message', operation: 'downloadFile', chatId: '={{ $json.chatId }}', ...options });

describe('Message → Download File through n8n\'s engine', () => {
	it('puts each file into the item as binary data, with { chatId, messageId, fileName, mimeType, size }, paired; the same message is fetched once', async () => {
		const voice = received(1, 'audio', randomBytes(70_000));
		const photo = received(2, 'image', randomBytes(90_000), '79005550011@c.us');
		const { outputs, error } = await run([voice.item, photo.item, voice.item], { parameters: { idMessage: '={{ $json.messageId }}' } });
		expect(error).toBeUndefined();
		const [first, second, third] = outputs[0];
		// The names are the fresh link's (GREEN-API generates them); a voice note's .oga becomes .ogg.
		expect(voice.generated).toMatch(/\.oga$/);
		expect(first.json).toEqual({ ...voice.item, fileName: expect.stringMatching(/^[0-9a-f-]{36}\.ogg$/), mimeType: 'audio/ogg', size: 70_000 });
		expect(second.json).toEqual({ ...photo.item, fileName: expect.stringMatching(/^[0-9a-f-]{36}\.jpg$/), mimeType: 'image/jpeg', size: 90_000 });
		expect(first.binary?.data).toMatchObject({ fileName: first.json.fileName, mimeType: 'audio/ogg' });
		expect((await storedBytes(first.binary?.data)).equals(voice.bytes)).toBe(true);
		expect((await storedBytes(second.binary?.data)).equals(photo.bytes)).toBe(true);
		expect(third.json).toEqual(first.json);
		expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2]);
		expect(stage.emulator.count({ method: 'downloadFile' })).toBe(2);
	});

	it('defaults to the trigger item\'s chatId and messageId, and writes the binary field asked for', async () => {
		const document = received(3, 'document');
		const { outputs } = await run([document.item], { options: { binaryPropertyName: 'invoice' } });
		expect(Object.keys(outputs[0][0].binary ?? {})).toEqual(['invoice']);
		expect(outputs[0][0].json.mimeType).toBe('application/pdf');
	});

	it('a lookup is retried like any other (a 502 then the link), and the token reaches neither the file host nor any output', async () => {
		const photo = received(4, 'sticker');
		stage.emulator.inject({ kind: 'status', status: 502, method: 'downloadFile', times: 1 });
		const { result, output } = await captureOutput(() => run([photo.item], { options: { retries: 1 } }));
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.mimeType).toBe('image/webp');
		expect(stage.emulator.count({ method: 'downloadFile' })).toBe(2);
		const files = stage.emulator.files.requests;
		expect(files).toHaveLength(1);
		expect(Object.keys(files[0].headers).filter((name) => /authori[sz]ation|cookie|token/i.test(name))).toEqual([]);
		const exposed = exposedText(result.run, output, files.map((r) => [r.path, r.headers]));
		for (const secret of stage.secrets) expect(exposed).not.toContain(secret);
	});

	it('with errors continuing: an unknown message and a file over Max File Size fail their own items, saying what to do', async () => {
		const ok = received(5, 'image', randomBytes(1_000));
		const big = received(6, 'video', randomBytes(2 * 1024 * 1024));
		const { outputs } = await run([{ chatId: ok.item.chatId, messageId: 'NOSUCHMESSAGE1' }, big.item, ok.item], {
			options: { maxFileSizeMb: 1, retries: 0 },
			onError: 'continueRegularOutput',
		});
		const [unknown, tooLarge, fine] = outputs[0];
		expect(unknown.json).toMatchObject({ httpCode: '400', chatId: ok.item.chatId, messageId: 'NOSUCHMESSAGE1' });
		expect(unknown.json.error).toMatch(/File message encrypted url not found/);
		expect(tooLarge.json).toMatchObject({ error: 'The file is 2 MB, over the Max File Size of 1 MB', description: expect.stringMatching(/Raise Max File Size/) });
		expect(fine.binary?.data).toBeDefined();
		expect(pairedIndexes(outputs[0])).toEqual([0, 1, 2]);
	});

	it('refuses a bad Message ID or an option an expression made wrong before any request', async () => {
		const ok = received(7, 'image');
		const badId = await run([{ chatId: ok.item.chatId, messageId: 'no spaces allowed' }]);
		expect(badId.error?.message).toMatch(/^Message ID "no spaces allowed" is not a WhatsApp message ID/);
		const badOption = await run([ok.item], { options: { maxFileSizeMb: '={{ "huge" }}' } });
		expect(badOption.error?.message).toBe('Options → Max File Size (MB) must be a number from 1 to 2048; got "huge"');
		expect(stage.emulator.count({ method: 'downloadFile' })).toBe(0);
		expect(stage.emulator.files.requests).toHaveLength(0);
	});
});
