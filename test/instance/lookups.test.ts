import type { IDataObject } from 'n8n-workflow';

import { storedBytes } from '../trigger/engineTrigger';
import { ACCOUNT_PHONE, QR_ERROR, QR_PNG_BASE64 } from '../emulator/methods/instance';
import { exposedText, pairedIndexes, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Instance → Get State, Get Settings, Get WhatsApp Account and Get QR Code through n8n's engine:
// one GET for the run, each item its typed copy, the QR code as a PNG file.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const run = (operation: string, items: object[] = [{}], options: IDataObject = {}, parameters: IDataObject = {}) => stage.runNode(items, { resource: 'instance', operation, options, parameters });

describe('the Instance lookups', () => {
	it('Get State: the instance state, one GET for every item, each item paired', async () => {
		stage.emulator.setState('yellowCard');
		const { contacts: output, error } = await run('getStateInstance', [{ a: 1 }, { a: 2 }]);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ stateInstance: 'yellowCard' }, { stateInstance: 'yellowCard' }]);
		expect(pairedIndexes(output)).toEqual([0, 1]);
		expect(stage.emulator.count({ method: 'getStateInstance' })).toBe(1);
	});

	it('Get Settings: "yes"/"no" become booleans, the delay a number, the webhook token only "[hidden]"', async () => {
		stage.emulator.notifications.settings = { ...stage.emulator.notifications.settings, webhookUrlToken: 'hook-secret-123456', markIncomingMessagesReaded: 'yes' };
		const { contacts: [item], error } = await run('getSettings');
		expect(error).toBeUndefined();
		expect(item.json).toMatchObject({ wid: '79001234567@c.us', webhookUrl: '', webhookUrlToken: '[hidden]', delaySendMessagesMilliseconds: 1000, markIncomingMessagesReaded: true, incomingWebhook: true, stateWebhook: false, keepOnlineStatus: false });
		expect(JSON.stringify(item.json)).not.toContain('hook-secret-123456');
	});

	it('Get Settings refuses an answer that is not "yes"/"no" for a switch, naming the field', async () => {
		stage.emulator.notifications.settings = { ...stage.emulator.notifications.settings, incomingWebhook: 'maybe' };
		const { error } = await run('getSettings');
		expect(error?.message).toMatch(/incomingWebhook as "maybe"; the documented values are "yes" and "no"/);
	});

	it('Get WhatsApp Account: phone, avatar, state, device and the account\'s chatId; empty while not linked', async () => {
		const linked = await run('getWaSettings');
		expect(linked.contacts[0].json).toEqual({ avatar: `${stage.emulator.url}/avatars/${ACCOUNT_PHONE}.jpg`, phone: ACCOUNT_PHONE, stateInstance: 'authorized', deviceId: `${ACCOUNT_PHONE}:8@s.whatsapp.net`, chatId: `${ACCOUNT_PHONE}@c.us` });
		stage.emulator.setState('notAuthorized');
		const unlinked = await run('getWaSettings');
		expect(unlinked.contacts[0].json).toEqual({ avatar: '', phone: '', stateInstance: 'notAuthorized', deviceId: '', chatId: null });
	});

	it('a wrong token fails the lookup without the token anywhere', async () => {
		const { error, run: runData } = await stage.runNode([{}], { resource: 'instance', operation: 'getStateInstance', credential: 'wrongToken' });
		expect(error).toBeDefined();
		expect(exposedText(error, runData)).not.toContain(stage.secrets[1]);
		expect(exposedText(error, runData)).not.toContain(stage.emulator.token);
	});
});

describe('Get QR Code', () => {
	it('an instance waiting for a scan: a PNG file qr.png in "data", json {type, state}', async () => {
		stage.emulator.setState('notAuthorized');
		const { contacts: [item], error } = await run('qr');
		expect(error).toBeUndefined();
		expect(item.json).toMatchObject({ type: 'qrCode', state: 'notAuthorized' });
		expect(item.json).not.toHaveProperty('qrCode');
		const picture = item.binary?.data;
		expect(picture).toMatchObject({ fileName: 'qr.png', mimeType: 'image/png', fileExtension: 'png' });
		const bytes = await storedBytes(picture);
		expect(bytes.subarray(0, 4).toString('hex')).toBe('89504e47');
		expect(bytes.toString('base64')).toBe(QR_PNG_BASE64);
	});

	it('with its options: the file in another field and the base64 kept in json', async () => {
		stage.emulator.setState('notAuthorized');
		const { contacts: [item] } = await run('qr', [{}], { binaryPropertyName: 'qrImage', includeBase64: true });
		expect(Object.keys(item.binary ?? {})).toEqual(['qrImage']);
		expect(item.json.qrCode).toBe(QR_PNG_BASE64);
	});

	it('an authorised instance: json only, saying there is nothing to scan', async () => {
		const { contacts: [item], error } = await run('qr');
		expect(error).toBeUndefined();
		expect(item.binary).toBeUndefined();
		expect(item.json).toMatchObject({ type: 'alreadyLogged', state: 'authorized' });
		expect(String(item.json.message)).toMatch(/already linked to a phone.*Log Out first/);
	});

	it('type "error": the item fails with GREEN-API\'s message', async () => {
		stage.emulator.setState('blocked');
		const { error } = await run('qr');
		expect(error?.message).toBe(`GREEN-API gave no QR code: ${QR_ERROR}`);
	});

	it('a "qrCode" that is no PNG fails clearly instead of giving a broken picture', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'qr', body: JSON.stringify({ type: 'qrCode', message: Buffer.from('GIF89a not a png at all').toString('base64') }) });
		const { error, contacts } = await run('qr');
		expect(contacts).toHaveLength(0);
		expect(error?.message).toMatch(/^GREEN-API's QR code is not a base64 PNG picture/);
	});
});
