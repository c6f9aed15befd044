// Each Instance operation from the packed tarball in a real n8n, against the emulator: what the
// node outputs and what GREEN-API got. Set Profile Picture takes its JPEG from n8n's own
// Read/Write Files from Disk; Get QR Code's PNG is checked as n8n stored it.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import type { GreenApiEmulator } from '../emulator';
import { AVATAR_JPEG } from '../emulator/methods/getAvatar';
import type { Execution, Item, N8n } from './n8n';
import { executeWithoutToken, firstOutput, startOperationRun, stopOperationRun } from './operationRun';
import type { OperationRun } from './operationRun';
import { GREEN_API_NODE } from './workflows';
import type { OperationSetup } from './workflows';

const CREDENTIAL = { id: 'e2eGreenApiInst1', name: 'GREEN-API emulator (instance)' };
const PICTURE = { name: 'me.jpg', bytes: Buffer.concat([AVATAR_JPEG, randomBytes(20_000)]) };
const instance = (operation: string, parameters: Record<string, unknown> = {}, extra: Partial<OperationSetup> = {}): OperationSetup => ({ resource: 'instance', operation, parameters: { options: {}, ...parameters }, ...extra });

function workflows(): Record<string, { items: object[]; setup: OperationSetup }> {
	return {
		e2eInstState0001: { items: [{}], setup: instance('getStateInstance') },
		e2eInstSettings1: { items: [{}], setup: instance('getSettings') },
		e2eInstAccount01: { items: [{}], setup: instance('getWaSettings') },
		e2eInstQrCode001: { items: [{}], setup: instance('qr', { options: { includeBase64: true } }) },
		e2eInstReboot001: { items: [{}], setup: instance('reboot') },
		e2eInstLogout001: { items: [{}], setup: instance('logout') },
		// Two items without Run for Each Item: refused before any request.
		e2eInstLogout002: { items: [{}, {}], setup: instance('logout') },
		e2eInstSetSett01: { items: [{ delay: 2000 }], setup: instance('setSettings', { settings: { incomingWebhook: false, stateWebhook: true, delaySendMessagesMilliseconds: '={{ $json.delay }}' } }) },
		e2eInstPicture01: {
			items: [{ path: '' }],
			setup: instance(
				'setProfilePicture',
				{ binaryPropertyName: 'data' },
				{ before: { name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { operation: 'read', fileSelector: '={{ $json.path }}', options: {} } } },
			),
		},
	};
}

let run: OperationRun | undefined;
let emulator: GreenApiEmulator | undefined;
let n8n: N8n | undefined;

beforeAll(async () => {
	run = await startOperationRun('instance', CREDENTIAL, (dir) => {
		const all = workflows();
		all.e2eInstPicture01.items = [{ path: join(dir, PICTURE.name) }];
		return all;
	}, [PICTURE]);
	({ emulator, n8n } = run);
}, 300_000);

afterAll(() => stopOperationRun(run, 'instance'));

async function execute(workflowId: string, state = 'authorized'): Promise<Execution> {
	emulator!.reset();
	emulator!.setState(state);
	return executeWithoutToken(n8n!, workflowId);
}

/** The node's first output as n8n stored it, after a run that must have succeeded. */
async function output(workflowId: string, state?: string): Promise<Array<Item['json']>> {
	return firstOutput(await execute(workflowId, state));
}

const methods = () => emulator!.requests.map((request) => request.method).filter((method) => method !== 'getStateInstance');

test('Get State, Get Settings and Get WhatsApp Account: one typed item each', async () => {
	expect(await output('e2eInstState0001', 'yellowCard')).toEqual([{ stateInstance: 'yellowCard' }]);
	const [settings] = await output('e2eInstSettings1');
	expect(settings).toMatchObject({ webhookUrl: '', incomingWebhook: true, stateWebhook: false, delaySendMessagesMilliseconds: 1000 });
	const [account] = await output('e2eInstAccount01');
	expect(account).toMatchObject({ phone: '79001234567', stateInstance: 'authorized', chatId: '79001234567@c.us' });
});

test('Get QR Code: a PNG while waiting for a scan (base64 kept as asked), json only when already linked', async () => {
	const [waiting] = await output('e2eInstQrCode001', 'notAuthorized');
	expect(waiting).toMatchObject({ type: 'qrCode', state: 'notAuthorized' });
	expect(Buffer.from(String(waiting.qrCode), 'base64').subarray(0, 4).toString('hex')).toBe('89504e47');
	const [linked] = await output('e2eInstQrCode001');
	expect(linked).toMatchObject({ type: 'alreadyLogged', state: 'authorized' });
	expect(linked).not.toHaveProperty('qrCode');
});

test('Reboot and Log Out change the instance; Log Out refuses two items before any request', async () => {
	expect(await output('e2eInstReboot001')).toEqual([{ isReboot: true, sendState: 'done' }]);
	expect(methods()).toEqual(['reboot']);
	expect(await output('e2eInstLogout001')).toEqual([{ isLogout: true, sendState: 'done' }]);
	expect(methods()).toEqual(['logout']);
	const refused = await execute('e2eInstLogout002');
	expect(refused.status).toBe('error');
	expect(refused.data.resultData.runData[GREEN_API_NODE][0].error?.message).toBe('Log Out got 2 input items and would log the instance out 2 times: it runs for one item only');
	expect(methods()).toEqual([]);
});

test('Set Settings sends only the named fields, switches as yes/no', async () => {
	expect(await output('e2eInstSetSett01')).toEqual([{ saveSettings: true, settings: { incomingWebhook: 'no', stateWebhook: 'yes', delaySendMessagesMilliseconds: 2000 }, sendState: 'done' }]);
	expect(emulator!.notifications.settings).toMatchObject({ incomingWebhook: 'no', stateWebhook: 'yes', delaySendMessagesMilliseconds: 2000, outgoingWebhook: 'yes' });
});

test('Set Profile Picture uploads the JPEG n8n read from disk', async () => {
	const [item] = await output('e2eInstPicture01');
	expect(item).toMatchObject({ setProfilePicture: true, fileName: PICTURE.name, fileSize: PICTURE.bytes.length, sendState: 'done' });
	expect(emulator!.messages.all()[0]).toMatchObject({ method: 'setProfilePicture', file: { sha256: createHash('sha256').update(PICTURE.bytes).digest('hex'), size: PICTURE.bytes.length } });
});
