// Receive Timeout and Attempts per Notification may come from expressions, which skip the
// editor's number checks: what is no usable number must stop the activation, naming the field.
import type { IDataObject } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { pollOptionsOf } from '../../nodes/GreenApi/trigger/poll/options';
import type { GreenApiEmulator } from '../emulator';
import { activate, credentialsFor, fakeTrigger, useQueueEmulator } from './harness';

const node = new GreenApiTrigger();
const POLL = { mode: 'poll', receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 2, events: ['incomingMessageReceived'], chats: 'all', chatIds: '' };
const SECRET = 'a-token-an-expression-leaked';

let emulator: GreenApiEmulator;
useQueueEmulator((started) => (emulator = started));

function optionsOf(parameters: IDataObject) {
	return pollOptionsOf(fakeTrigger({ ...POLL, ...parameters }, credentialsFor(emulator)).context, [SECRET]);
}

async function refusal(parameters: IDataObject): Promise<{ message: string; description?: string; name?: string }> {
	const fake = fakeTrigger({ ...POLL, ...parameters }, credentialsFor(emulator));
	const error = await activate(node, fake).then(
		() => undefined,
		(e: Error) => e,
	);
	if (error === undefined) throw new Error('the activation was not refused');
	// Refused before any request: nothing polled, nothing deleted.
	expect(emulator.requests).toEqual([]);
	return error as { message: string; description?: string };
}

describe('GREEN-API Trigger poll options from expressions', () => {
	it.each([
		['abc', '"abc"'],
		['', 'an empty value'],
		[null, 'an empty value'],
		[Number.NaN, 'NaN'],
		[true, 'true'],
		[{ n: 3 }, '{"n":3}'],
	])('Attempts per Notification %p is refused at activation, saying what came and what to do', async (value, shown) => {
		const error = await refusal({ maxAttempts: value });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`Attempts per Notification must be a whole number from 1 to 10; got ${shown}`);
		expect(error.description).toMatch(/expression/);
	});

	it.each([0, 11, 2.5, -1])('Attempts per Notification %p, outside what the field allows, is refused rather than guessed', async (value) => {
		const error = await refusal({ maxAttempts: value });
		expect(error.message).toBe(`Attempts per Notification must be a whole number from 1 to 10; got ${value}`);
	});

	it.each([
		['abc', '"abc"'],
		['', 'an empty value'],
		[Number.NaN, 'NaN'],
		[Number.POSITIVE_INFINITY, 'Infinity'],
	])('Receive Timeout %p is refused at activation, naming the field', async (value, shown) => {
		const error = await refusal({ receiveTimeout: value });
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`Receive Timeout (Seconds) must be a number from 5 to 60; got ${shown}`);
	});

	it('a quoted value is redacted and cut', async () => {
		const error = await refusal({ maxAttempts: `${emulator.token}${'x'.repeat(500)}` });
		expect(error.message).not.toContain(emulator.token);
		expect(error.message.length).toBeLessThan(150);
	});

	it('a number an expression gives as text is taken as that number', () => {
		expect(optionsOf({ maxAttempts: ' 4 ', receiveTimeout: '30' })).toMatchObject({ maxAttempts: 4, receiveTimeout: 30 });
	});

	it('Receive Timeout outside 5..60 is taken as the nearest bound, as the field says, and rounded', () => {
		expect(optionsOf({ receiveTimeout: 90 }).receiveTimeout).toBe(60);
		expect(optionsOf({ receiveTimeout: 1 }).receiveTimeout).toBe(5);
		expect(optionsOf({ receiveTimeout: 7.6 }).receiveTimeout).toBe(8);
	});

	it('Attempts per Notification is not read when executions are not waited for (As Soon as Received)', () => {
		expect(optionsOf({ acknowledge: 'onReceive', maxAttempts: 'abc' })).toMatchObject({ acknowledge: 'onReceive' });
	});
});
