import { inflateSync } from 'node:zlib';

import { GreenApiEmulator } from './index';
import { call, newAgent, useEmulator } from './http-client';
import { QR_ALREADY_LOGGED, QR_ERROR } from './methods/instance';

describe('GREEN-API emulator: the Instance methods, as documented', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const get = async (method: string) => {
		const reply = await call(emu, method, { verb: 'GET', dispatcher: agent });
		return { status: reply.status, json: reply.status === 200 ? (JSON.parse(reply.text) as Record<string, unknown>) : reply.text };
	};

	it('qr: alreadyLogged while authorized, a real PNG while notAuthorized, error otherwise', async () => {
		expect((await get('qr')).json).toEqual({ type: 'alreadyLogged', message: QR_ALREADY_LOGGED });
		emu.setState('notAuthorized');
		const json = (await get('qr')).json as unknown as { type: string; message: string };
		expect(json.type).toBe('qrCode');
		const png = Buffer.from(json.message, 'base64');
		expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
		const idat = png.indexOf('IDAT');
		expect(inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4))).length).toBe(21 * (1 + 3));
		emu.setState('blocked');
		expect((await get('qr')).json).toEqual({ type: 'error', message: QR_ERROR });
	});

	it('logout unlinks (getStateInstance says notAuthorized, getWaSettings empties); a second one answers false', async () => {
		expect((await get('logout')).json).toEqual({ isLogout: true });
		expect((await get('getStateInstance')).json).toEqual({ stateInstance: 'notAuthorized' });
		expect((await get('getWaSettings')).json).toEqual({ avatar: '', phone: '', stateInstance: 'notAuthorized', deviceId: '' });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await get('logout')).json).toEqual({ isLogout: false });
	});

	it('reboot: "starting" for rebootMs, then the state before', async () => {
		emu.rebootMs = 100;
		expect((await get('reboot')).json).toEqual({ isReboot: true });
		expect((await get('getStateInstance')).json).toEqual({ stateInstance: 'starting' });
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect((await get('getStateInstance')).json).toEqual({ stateInstance: 'authorized' });
	});

	it('answers 429 above each limit: qr 3/s, getWaSettings and reboot 1/s', async () => {
		const statuses = async (method: string, count: number) => (await Promise.all(Array.from({ length: count }, async () => (await get(method)).status))).filter((status) => status === 429).length;
		expect(await statuses('qr', 5)).toBe(2);
		expect(await statuses('getWaSettings', 3)).toBe(2);
		expect(await statuses('reboot', 2)).toBe(1);
	});

	it('setSettings refuses a switch that is not "yes"/"no"', async () => {
		const reply = await call(emu, 'setSettings', { body: { incomingWebhook: true }, dispatcher: agent });
		expect([reply.status, reply.text]).toEqual([400, "Validation failed. Details: 'incomingWebhook' must be one of [yes, no]"]);
	});
});
