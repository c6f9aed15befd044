import type { IDataObject } from 'n8n-workflow';

import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Message → Send Interactive Buttons and its Reply variant (beta at GREEN-API): the exact
// request, the button rules checked before any request, and never sent twice.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const A = '79002000001@c.us';
const run = (operation: string, parameters: IDataObject, items: object[] = [{ chatId: A }], onError?: 'continueErrorOutput') =>
	stage.runNode(items, { resource: 'message', operation, parameters, onError });

const three = {
	button: [
		{ type: 'copy', buttonText: 'Copy code', copyCode: 'SALE-42' },
		{ type: 'call', buttonText: 'Call us', phoneNumber: '+7 900 200-00-09' },
		{ type: 'url', buttonText: 'Open order', url: 'https://example.com/order/42' },
	],
};

describe('Send Interactive Buttons', () => {
	it('sends header, body, footer and the three kinds of button as GREEN-API documents', async () => {
		const { contacts: output, error } = await run('sendInteractiveButtons', { header: 'Order 42', body: 'Your order is ready', footer: 'ACME', buttons: three }, [{ chatId: '+7 900 200-00-01' }]);
		expect(error).toBeUndefined();
		const [logged] = stage.emulator.messages.all();
		expect(logged).toMatchObject({ method: 'sendInteractiveButtons', chatId: A });
		expect(logged.fields).toEqual({
			chatId: A,
			header: 'Order 42',
			body: 'Your order is ready',
			footer: 'ACME',
			buttons: [
				{ type: 'copy', buttonId: '1', buttonText: 'Copy code', copyCode: 'SALE-42' },
				{ type: 'call', buttonId: '2', buttonText: 'Call us', phoneNumber: '79002000009' },
				{ type: 'url', buttonId: '3', buttonText: 'Open order', url: 'https://example.com/order/42' },
			],
		});
		expect(output[0].json).toEqual({ idMessage: logged.idMessage, chatId: A, sendState: 'queued' });
	});

	it.each([
		['no button', {}, /^Buttons is empty: add at least one button/],
		['four buttons', { button: [...three.button, { type: 'url', buttonText: 'More', url: 'https://example.com' }] }, /^A message takes at most 3 buttons; this one has 4/],
		['a text over 25 characters', { button: [{ type: 'url', buttonText: 'x'.repeat(26), url: 'https://example.com' }] }, /^Button 1's text has 26 characters; GREEN-API takes at most 25/],
		['an empty code', { button: [{ type: 'copy', buttonText: 'Copy', copyCode: ' ' }] }, /^Button 1 copies a code, but its Code to Copy is empty/],
		['a bad phone', { button: [{ type: 'call', buttonText: 'Call', phoneNumber: '12' }] }, /^Button 1's Phone Number "12" is not an international phone number/],
		['a bad link', { button: [{ type: 'url', buttonText: 'Open', url: 'javascript:alert(1)' }] }, /^Button 1's URL "javascript:alert\(1\)" is not an http\(s\) link/],
		['two equal texts', { button: [{ type: 'url', buttonText: 'Open', url: 'https://a.example' }, { type: 'url', buttonText: 'open', url: 'https://b.example' }] }, /^Buttons share the text "open"/],
	])('refuses %s before any request', async (_, buttons, message) => {
		const { error } = await run('sendInteractiveButtons', { body: 'Hi', buttons });
		expect(error?.message).toMatch(message);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('refuses a group chat before any request: GREEN-API sends buttons to personal chats only', async () => {
		const { error } = await run('sendInteractiveButtons', { body: 'Hi', buttons: three }, [{ chatId: '120363043968066561@g.us' }]);
		expect(error?.message).toMatch(/is a group chat. This operation works with personal chats only/);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('answered 502 after the request: not retried, and the item says it may have been sent', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'sendInteractiveButtons', apply: true, times: 3 });
		const { outputs: [, errors] } = await run('sendInteractiveButtons', { body: 'Hi', buttons: three }, [{ chatId: A }], 'continueErrorOutput');
		expect(errors[0].json.details).toMatchObject({ sendState: 'unknown', chatId: A });
		expect(String(errors[0].json.error)).toMatch(/may or may not have queued this message/);
		expect(stage.emulator.count({ method: 'sendInteractiveButtons' })).toBe(1);
	});
});

describe('Send Interactive Buttons Reply', () => {
	it('sends reply buttons with their IDs (1, 2, 3 by position when left empty)', async () => {
		const buttons = { button: [{ buttonText: 'Yes', buttonId: 'confirm' }, { buttonText: 'No' }] };
		const { error } = await run('sendInteractiveButtonsReply', { body: 'Deliver tomorrow?', buttons });
		expect(error).toBeUndefined();
		expect(stage.emulator.messages.all()[0]).toMatchObject({
			method: 'sendInteractiveButtonsReply',
			fields: { chatId: A, body: 'Deliver tomorrow?', buttons: [{ buttonId: 'confirm', buttonText: 'Yes' }, { buttonId: '2', buttonText: 'No' }] },
		});
	});

	it('refuses two buttons with one ID before any request', async () => {
		const { error } = await run('sendInteractiveButtonsReply', { body: 'Pick', buttons: { button: [{ buttonText: 'A', buttonId: 'x' }, { buttonText: 'B', buttonId: 'x' }] } });
		expect(error?.message).toMatch(/^Buttons share the Button ID "x"/);
		expect(stage.emulator.requests).toHaveLength(0);
	});
});
