import type { IDataObject } from 'n8n-workflow';

import { exposedText, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Instance → Reboot and Log Out through n8n's engine: the state changes the emulator then
// reports, a false answer is "notSent", a failure that may have reached GREEN-API "unknown"
// (never retried), and Log Out refuses a list of items before any request.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const run = (operation: string, items: object[] = [{}], options: IDataObject = {}, onError?: 'continueErrorOutput' | 'continueRegularOutput') =>
	stage.runNode(items, { resource: 'instance', operation, options, onError });
const state = async () => (await run('getStateInstance')).contacts[0].json.stateInstance;

describe('Reboot', () => {
	it('reboots: the instance is "starting" a moment, then as before', async () => {
		// Long enough that a loaded CI machine still asks while it is "starting" (300 ms was not).
		stage.emulator.rebootMs = 2500;
		const { contacts: [item], error } = await run('reboot');
		expect(error).toBeUndefined();
		expect(item.json).toEqual({ isReboot: true, sendState: 'done' });
		expect(stage.emulator.count({ method: 'reboot' })).toBe(1);
		expect(await state()).toBe('starting');
		let after = await state(); // getStateInstance's own 1/s paces these asks
		for (const deadline = Date.now() + 10_000; after === 'starting' && Date.now() < deadline; ) after = await state();
		expect(after).toBe('authorized');
	});

	it('isReboot false ends the item notSent, saying nothing changed', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'reboot', body: '{"isReboot":false}' });
		const { outputs: [, errors], error } = await run('reboot', [{}], {}, 'continueErrorOutput');
		expect(error).toBeUndefined();
		expect(errors[0].json.details).toMatchObject({ sendState: 'notSent' });
		expect(String(errors[0].json.error)).toMatch(/^Not rebooted: GREEN-API answered isReboot false/);
	});

	it('a 502 after GREEN-API took it is not retried and ends unknown', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'reboot', apply: true, times: 3 });
		const { contacts: [item] } = await run('reboot', [{}], { retries: 3 }, 'continueRegularOutput');
		expect(item.json).toMatchObject({ sendState: 'unknown' });
		expect(String(item.json.error)).toMatch(/may or may not have rebooted the instance/);
		expect(stage.emulator.count({ method: 'reboot' })).toBe(1);
	});
});

describe('Log Out', () => {
	it('logs out: Get State then says notAuthorized, and Get QR Code gives a code to scan', async () => {
		const { contacts: [item], error } = await run('logout');
		expect(error).toBeUndefined();
		expect(item.json).toEqual({ isLogout: true, sendState: 'done' });
		expect(await state()).toBe('notAuthorized');
		expect((await run('qr')).contacts[0].json.type).toBe('qrCode');
	});

	it('isLogout false (nothing to log out) ends the item notSent', async () => {
		stage.emulator.setState('notAuthorized');
		const { contacts: [item] } = await run('logout', [{}], {}, 'continueRegularOutput');
		expect(item.json).toMatchObject({ sendState: 'notSent', error: 'Not logged out: GREEN-API answered isLogout false' });
	});

	it('refuses more than one input item before any request', async () => {
		const { error } = await run('logout', [{}, {}, {}]);
		expect(error?.message).toBe('Log Out got 3 input items and would log the instance out 3 times: it runs for one item only');
		expect((error as { description?: string }).description).toMatch(/Run for Each Item/);
		expect(stage.emulator.requests).toHaveLength(0);
		expect(await state()).toBe('authorized');
	});

	it('with Run for Each Item it runs once per item, in order', async () => {
		stage.emulator.setRateLimit('logout', 0); // a 429 would be retried (never taken), and counted here
		const { contacts, error } = await run('logout', [{}, {}], { runForEachItem: true, requestsPerSecond: 0 }, 'continueRegularOutput');
		expect(error).toBeUndefined();
		expect(contacts.map((item) => item.json.sendState)).toEqual(['done', 'notSent']);
		expect(stage.emulator.count({ method: 'logout' })).toBe(2);
	});

	it('a connection reset after the request was written ends unknown, without the token', async () => {
		stage.emulator.inject({ kind: 'reset', method: 'logout', apply: true });
		const { error, run: runData } = await run('logout', [{}], { retries: 3 });
		expect(error?.message).toMatch(/may or may not have logged the instance out/);
		expect(stage.emulator.count({ method: 'logout' })).toBe(1);
		expect(exposedText(error, runData)).not.toContain(stage.emulator.token);
	});
});
