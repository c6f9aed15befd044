import type { IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { GreenApi as GreenApiCredential } from '../../credentials/GreenApi.credentials';
import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';
import { GreenApiEmulator } from '../emulator';
import { shutdown, startNode } from '../engine';
import { createWaitingEngine } from '../engine/waiting';
import type { Waiting, WaitingEngine } from '../engine/waiting';
import { NODE_NAME, NODE_TYPE } from '../support/greenApiRun';

// Message → Send and Wait for Response through n8n's engine: the question goes out once, the
// execution waits, a GET on a link only shows a page, the POST resumes it with the answer.
let emulator: GreenApiEmulator;
let engine: WaitingEngine;
beforeAll(async () => {
	emulator = await GreenApiEmulator.start();
	const good = { apiUrl: emulator.url, mediaUrl: emulator.mediaUrl, idInstance: emulator.idInstance, token: emulator.token };
	engine = createWaitingEngine({ nodeTypes: { [NODE_TYPE]: new GreenApi() }, credentialTypes: [new GreenApiCredential()], credentials: { good: { type: 'greenApi', data: good } } });
});
afterEach(() => emulator.reset());
afterAll(async () => {
	await emulator.close();
	await shutdown();
});

const CHAT = '79001234567@c.us';

function start(parameters: IDataObject, items: object[] = [{ chatId: CHAT, amount: 42 }], settings: { onError?: 'continueRegularOutput' } = {}): Promise<Waiting> {
	return engine.start({
		nodes: [
			startNode('Start', items),
			{ name: NODE_NAME, type: NODE_TYPE, parameters: { resource: 'message', operation: 'sendAndWait', chatId: '={{ $json.chatId }}', message: '={{ "Refund " + $json.amount + " EUR?" }}', ...parameters }, credentials: { greenApi: { id: 'good', name: 'good' } }, ...settings },
		],
		connections: { Start: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
	});
}

const output = (run: IRun): INodeExecutionData[] => run.data.resultData.runData[NODE_NAME]?.at(-1)?.data?.main?.[0] ?? [];
const text = () => String(emulator.messages.all()[0]?.fields.message ?? '');
/** The links of the message, by label ("Approve: https://…"). */
function links(): Record<string, string> {
	return Object.fromEntries([...text().matchAll(/^(.+?): (http\S+)$/gm)].map(([, label, url]) => [label, url]));
}
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('Send and Wait for Response: approval', () => {
	it('sends the question once with a signed link per answer and a tap line, then waits', async () => {
		const waiting = await start({ approvalOptions: { values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' } } });
		expect(waiting.run.status).toBe('waiting');
		expect(emulator.messages.all()).toHaveLength(1);
		const [logged] = emulator.messages.all();
		expect(logged).toMatchObject({ method: 'sendMessage', chatId: CHAT, fields: { linkPreview: false } });
		expect(text()).toMatch(/^Refund 42 EUR\?\n\nYes, refund: http.+\nNo: http.+\n\nTap your answer, then confirm it with the button on the page that opens\.$/);
		const { 'Yes, refund': approve, No: decline } = links();
		expect(new URL(approve).pathname).toBe(`/webhook-waiting/${waiting.executionId}/node-2`);
		expect(Object.fromEntries(new URL(approve).searchParams)).toEqual({ approved: 'true', label: 'Yes, refund', signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
		expect(new URL(decline).searchParams.get('approved')).toBe('false');
		// While it waits, the node shows what it sent.
		expect(output(waiting.run)).toEqual([{ json: { idMessage: logged.idMessage, chatId: CHAT, sendState: 'queued' }, pairedItem: { item: 0 } }]);
	});

	it('a GET (a preview robot, or a person opening the link) only shows the choice as a button', async () => {
		const waiting = await start({});
		const { Approve } = links();
		const page = await engine.request(waiting, 'GET', Approve);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(page.headers['content-security-policy']).toMatch(/^sandbox allow-forms;/);
		const action = new URL(Approve).pathname + new URL(Approve).search;
		expect(page.body).toContain(`<form method="post" action="${action.replace(/&/g, '&amp;')}"><button type="submit">Approve</button></form>`);
		expect(page.resumed).toBeUndefined();
		expect(waiting.finished).toBe(false);
		expect(waiting.run.status).toBe('waiting');
		// Another GET still changes nothing.
		expect((await engine.request(waiting, 'GET', Approve)).status).toBe(200);
		expect(waiting.finished).toBe(false);
	});

	it("the form's POST resumes the execution with approved: true and when, paired to the input item; a second answer is refused", async () => {
		const waiting = await start({});
		const { Approve } = links();
		const answer = await engine.request(waiting, 'POST', Approve);
		expect(answer.body).toContain('Got it, thanks');
		expect(answer.resumed?.status).toBe('success');
		const [item] = output(waiting.run);
		expect(item).toEqual({ json: { data: { approved: true, respondedAt: expect.stringMatching(ISO) } }, pairedItem: { item: 0 } });
		const again = await engine.request(waiting, 'POST', Approve);
		expect(again).toEqual({ status: 200, headers: {}, body: 'send-and-wait-no-action-required' });
		expect(output(waiting.run)).toEqual([item]);
		expect(emulator.messages.all()).toHaveLength(1);
	});

	it('labels are shown as text on the page, never as HTML', async () => {
		const waiting = await start({ approvalOptions: { values: { approveLabel: '<img src=x onerror=alert(1)>' } } });
		const page = await engine.request(waiting, 'GET', links()['<img src=x onerror=alert(1)>']);
		expect(page.body).toContain('<button type="submit">&lt;img src=x onerror=alert(1)&gt;</button>');
		expect(page.body).not.toContain('<img');
	});

	it('Decline resumes with approved: false', async () => {
		const waiting = await start({ approvalOptions: { values: { approvalType: 'double' } } });
		await engine.request(waiting, 'POST', links().Decline);
		expect(output(waiting.run)[0].json.data).toMatchObject({ approved: false });
	});

	it('a link whose answer or signature was changed is refused (401) and the execution keeps waiting', async () => {
		const waiting = await start({ approvalOptions: { values: { approvalType: 'double' } } });
		const decline = new URL(links().Decline);
		const flipped = new URL(decline);
		flipped.searchParams.set('approved', 'true');
		const forged = new URL(decline);
		forged.searchParams.set('signature', '0'.repeat(64));
		for (const url of [flipped, forged]) expect((await engine.request(waiting, 'POST', url.toString())).status).toBe(401);
		expect(waiting.finished).toBe(false);
	});
});

describe('Send and Wait for Response: forms', () => {
	it('Free Text: the page is a form with one field; an empty POST records nothing, a filled one resumes with { text }', async () => {
		const waiting = await start({ responseType: 'freeText', options: { messageButtonLabel: 'Answer', responseFormTitle: 'Why?' } });
		expect(text()).toMatch(/\n\nAnswer: http\S+\n\nTap the link, fill in the form on the page that opens and send it\.$/);
		const { Answer } = links();
		const page = await engine.request(waiting, 'GET', Answer);
		expect(page.body).toContain('<h1>Why?</h1>');
		expect(page.body).toContain('<textarea id="field-0" name="field-0" required></textarea>');
		const empty = await engine.request(waiting, 'POST', Answer, { 'field-0': '  ' });
		expect(empty.status).toBe(400);
		expect(empty.body).toContain('&quot;Response&quot; is required.');
		expect(waiting.finished).toBe(false);
		await engine.request(waiting, 'POST', Answer, { 'field-0': 'Ship it on Friday' });
		expect(output(waiting.run)).toEqual([{ json: { data: { text: 'Ship it on Friday', respondedAt: expect.stringMatching(ISO) } }, pairedItem: { item: 0 } }]);
	});

	it('Custom Form from the editor: the answer is keyed by label, numbers as numbers, a dropdown only takes its choices', async () => {
		const values = [
			{ fieldLabel: 'Name', fieldType: 'text', requiredField: true },
			{ fieldLabel: 'Count', fieldType: 'number' },
			{ fieldLabel: 'Size', fieldType: 'dropdown', fieldOptions: { values: [{ option: 'S' }, { option: 'M' }] } },
		];
		const waiting = await start({ responseType: 'customForm', formFields: { values } });
		expect(waiting.run.data.resultData.error).toBeUndefined();
		const { Respond } = links();
		const page = await engine.request(waiting, 'GET', Respond);
		expect(page.body).toContain('<select id="field-2" name="field-2"><option value="">Choose…</option><option value="S">S</option><option value="M">M</option></select>');
		expect((await engine.request(waiting, 'POST', Respond, { 'field-0': 'Ann', 'field-2': 'XL' })).body).toContain('&quot;Size&quot; must be one of the listed choices.');
		await engine.request(waiting, 'POST', Respond, { 'field-0': 'Ann', 'field-1': '3', 'field-2': 'M' });
		expect(output(waiting.run)[0].json.data).toEqual({ Name: 'Ann', Count: 3, Size: 'M', respondedAt: expect.stringMatching(ISO) });
	});

	it('Custom Form as JSON is read when the message is sent, so it may come from the input item', async () => {
		const fields = [{ fieldLabel: 'Email', fieldType: 'email', requiredField: true }];
		const waiting = await start({ responseType: 'customForm', defineForm: 'json', jsonOutput: '={{ JSON.stringify($json.fields) }}' }, [{ chatId: CHAT, amount: 1, fields }]);
		const { Respond } = links();
		expect((await engine.request(waiting, 'POST', Respond, { 'field-0': 'not-an-email' })).body).toContain('&quot;Email&quot; must be an email address.');
		await engine.request(waiting, 'POST', Respond, { 'field-0': 'ann@example.com' });
		expect(output(waiting.run)[0].json.data).toMatchObject({ Email: 'ann@example.com' });
	});

	it('a bad form is refused before anything is sent', async () => {
		await expect(start({ responseType: 'customForm', formFields: { values: [{ fieldLabel: 'A' }, { fieldLabel: 'A' }] } })).resolves.toMatchObject({ run: { status: 'error' } });
		await expect(start({ responseType: 'customForm', defineForm: 'json', jsonOutput: '{"no": "list"' })).resolves.toMatchObject({ run: { status: 'error' } });
		expect(emulator.messages.all()).toHaveLength(0);
	});
});

describe('Send and Wait for Response: limits, items and buttons', () => {
	it('after the wait limit the node outputs { data: { timedOut: true } }, and a later answer is refused', async () => {
		const before = Date.now();
		const waiting = await start({ options: { limitWaitTime: { values: { limitType: 'afterTimeInterval', resumeAmount: 5, resumeUnit: 'seconds' } } } });
		const waitTill = new Date(waiting.run.data.waitTill as Date).getTime();
		expect(waitTill - before).toBeGreaterThanOrEqual(5000);
		expect(waitTill - before).toBeLessThan(15000);
		const run = await engine.timeOut(waiting);
		expect(run.status).toBe('success');
		expect(output(run)).toEqual([{ json: { data: { timedOut: true } }, pairedItem: { item: 0 } }]);
		expect((await engine.request(waiting, 'POST', links().Approve)).body).toBe('send-and-wait-no-action-required');
	});

	it('a limit at a date that has passed is refused before anything is sent', async () => {
		const waiting = await start({ options: { limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T00:00:00Z' } } } });
		expect(waiting.run.status).toBe('error');
		expect(waiting.run.data.resultData.error?.message).toMatch(/^Limit Wait Time: 2020-01-01T00:00:00.000Z has passed/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with several input items only the first is asked, and the panel says so', async () => {
		const waiting = await start({}, [{ chatId: CHAT, amount: 1 }, { chatId: '79009999999@c.us', amount: 2 }]);
		expect(emulator.messages.all().map((message) => message.chatId)).toEqual([CHAT]);
		expect(waiting.run.data.resultData.runData[NODE_NAME][0].hints?.[0].message).toMatch(/^Sent and waited for the first of the 2 input items only/);
		await engine.request(waiting, 'POST', links().Approve);
		expect(output(waiting.run).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('a send that may have failed does not wait: the item says so (On Error: Continue)', async () => {
		emulator.inject({ kind: 'status', status: 500, method: 'sendMessage', apply: true, times: 1 });
		const waiting = await start({}, undefined, { onError: 'continueRegularOutput' });
		expect(waiting.run.status).toBe('success');
		expect(waiting.run.data.waitTill).toBeUndefined();
		expect(output(waiting.run)[0].json).toMatchObject({ sendState: 'unknown', chatId: CHAT, error: expect.stringMatching(/may or may not have queued this message/) });
		expect(emulator.count({ method: 'sendMessage' })).toBe(1);
	});

	it('Links as Buttons sends interactive URL buttons, personal chats only', async () => {
		await start({ approvalOptions: { values: { approvalType: 'double' } }, options: { asButtons: true } });
		const [logged] = emulator.messages.all();
		expect(logged.method).toBe('sendInteractiveButtons');
		expect(logged.fields.body).toBe('Refund 42 EUR?\n\nTap your answer, then confirm it with the button on the page that opens.');
		const buttons = logged.fields.buttons as IDataObject[];
		expect(buttons.map(({ type, buttonId, buttonText }) => [type, buttonId, buttonText])).toEqual([['url', '1', 'Approve'], ['url', '2', 'Decline']]);
		expect(new URL(String(buttons[1].url)).searchParams.get('approved')).toBe('false');
		emulator.reset();
		const group = await start({ options: { asButtons: true } }, [{ chatId: '120363043968066561@g.us', amount: 1 }]);
		expect(group.run.status).toBe('error');
		expect(emulator.requests).toHaveLength(0);
	});
});
