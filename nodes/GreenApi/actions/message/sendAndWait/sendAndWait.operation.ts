import { NodeOperationError, SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../../helpers/errors';
import type { ItemParameters } from '../../../helpers/parameters';
import { readText, SEND_LIMITS } from '../../../helpers/sendRules';
import { runSends } from '../../../helpers/sendRunner';
import { buttonText } from '../buttons';
import { MAY_HAVE_BEEN_SENT, parseSent, queued } from '../shared';
import { FREE_TEXT_FIELD, pageParams, readFields } from './form';
import type { Page } from './form';

export { properties } from './description';

export const option: INodePropertyOptions = {
	name: 'Send and Wait for Response',
	value: SEND_AND_WAIT_OPERATION,
	action: 'Send and wait',
	description: 'Send a WhatsApp message with links to approve, decline or answer a form, and pause the workflow until the person answers or the wait times out',
};

// GREEN-API has no such method: the message goes out with sendMessage (or sendInteractiveButtons).
export const docs = 'https://green-api.com/en/docs/api/sending/SendMessage/';
export const docsMethod = 'sendMessage';

interface Question {
	chatId: string;
	method: 'sendMessage' | 'sendInteractiveButtons';
	body: IDataObject;
}

const TAP_LINES = {
	approval: 'Tap your answer, then confirm it with the button on the page that opens.',
	form: 'Tap the link, fill in the form on the page that opens and send it.',
};

const LABELS: Record<string, string> = { responseFormTitle: 'Response Form Title', responseFormDescription: 'Response Form Description', responseFormButtonLabel: 'Response Form Button Label', messageButtonLabel: 'Message Button Label' };

/** The links of this response type: each its page, signed by n8n for this execution and node. */
function links(item: ItemParameters, context: IExecuteFunctions): Array<{ label: string; url: string }> {
	const type = String(item.value('responseType', 'Response Type', 'approval'));
	const sign = (page: Page) => context.getSignedResumeUrl(pageParams(page));
	if (type === 'approval') {
		const values = (item.value('approvalOptions.values', 'Approval Options', {}) ?? {}) as IDataObject;
		const approve = String(values.approveLabel ?? '').trim() || 'Approve';
		const choices = [{ label: approve, url: sign({ kind: 'approval', approved: true, label: approve }) }];
		if (values.approvalType === 'double') {
			const decline = String(values.disapproveLabel ?? '').trim() || 'Decline';
			choices.push({ label: decline, url: sign({ kind: 'approval', approved: false, label: decline }) });
		}
		return choices;
	}
	if (type !== 'freeText' && type !== 'customForm') throw refuse(`Response Type "${type.slice(0, 20)}" is not one of approval, freeText or customForm`);
	const option = (name: string, fallback: string) => String(item.value(`options.${name}`, LABELS[name], '') ?? '').trim() || fallback;
	const json = type === 'customForm' && item.value('defineForm', 'Define Form', 'fields') === 'json';
	const fields = type === 'freeText' ? [FREE_TEXT_FIELD] : readFields(item.value(json ? 'jsonOutput' : 'formFields', 'Form Fields', json ? '[]' : {}), json);
	const page: Page = { kind: 'form', title: option('responseFormTitle', 'Your answer'), description: option('responseFormDescription', ''), button: option('responseFormButtonLabel', 'Submit'), fields, ...(type === 'freeText' ? { text: true } : {}) };
	return [{ label: option('messageButtonLabel', 'Respond'), url: sign(page) }];
}

function read(item: ItemParameters, context: IExecuteFunctions): Question {
	const asButtons = item.value('options.asButtons', 'Links as Buttons', false) === true;
	const chatId = item.chatId(asButtons ? ['personal'] : ['personal', 'group']);
	const message = readText(item, 'message', 'Message', SEND_LIMITS.text) as string;
	// n8n < 2.14 checked the signature only when asked; newer n8n always does for sendAndWait.
	(context as { setSignatureValidationRequired?: () => void }).setSignatureValidationRequired?.();
	const choices = links(item, context);
	const approval = String(item.value('responseType', 'Response Type', 'approval')) === 'approval';
	const tapLine = String(item.value('options.tapLine', 'Tap Line', '') ?? '').trim() || (approval ? TAP_LINES.approval : TAP_LINES.form);
	if (asButtons) {
		const seen = new Set<string>();
		const buttons = choices.map((choice, index) => ({ type: 'url', buttonId: String(index + 1), buttonText: buttonText({ buttonText: choice.label }, index, seen), url: choice.url }));
		const body = `${message}\n\n${tapLine}`;
		if (body.length > SEND_LIMITS.text) throw refuse(`Message and its tap line have ${body.length} characters; GREEN-API takes at most ${SEND_LIMITS.text}: shorten the message`);
		return { chatId, method: 'sendInteractiveButtons', body: { chatId, body, buttons } };
	}
	// No link preview: the text stays short, and WhatsApp has no page to fetch for it.
	const text = `${message}\n\n${choices.map((choice) => `${choice.label}: ${choice.url}`).join('\n')}\n\n${tapLine}`;
	if (text.length > SEND_LIMITS.text) throw refuse(`Message with its links has ${text.length} characters; GREEN-API takes at most ${SEND_LIMITS.text}: shorten the message`);
	return { chatId, method: 'sendMessage', body: { chatId, message: text, linkPreview: false } };
}

const send = runSends<Question>({
	method: 'sendAndWait',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item, context) => read(item, context),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId }) => ({ chatId }),
	send: async ({ call }, question) => queued(await call(question.method, question.body, parseSent), question.chatId),
});

const UNIT_MS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When to stop waiting, checked before anything is sent. */
function waitTill(context: IExecuteFunctions): Date {
	const limit = context.getNodeParameter('options.limitWaitTime.values', 0, null) as IDataObject | null;
	if (!limit) return WAIT_INDEFINITELY;
	const fail = (what: string) => new NodeOperationError(context.getNode(), `Limit Wait Time: ${what}`, { itemIndex: 0 });
	if (limit.limitType === 'atSpecifiedTime') {
		const raw = limit.maxDateAndTime as unknown;
		const date = new Date(raw as string);
		if (raw === '' || raw === undefined || Number.isNaN(date.getTime())) throw fail(`"${String(raw).slice(0, 40)}" is not a date and time`);
		if (date.getTime() <= Date.now()) throw fail(`${date.toISOString()} has passed: choose a later date, or no limit`);
		return date;
	}
	const amount = Number(limit.resumeAmount ?? 45);
	const unit = UNIT_MS[String(limit.resumeUnit ?? 'minutes')];
	if (!Number.isFinite(amount) || amount <= 0 || unit === undefined) throw fail(`wait ${String(limit.resumeAmount)} ${String(limit.resumeUnit)} is not a positive time`);
	return new Date(Date.now() + amount * unit);
}

/**
 * Sends the question for the first item, then puts the execution to wait. The answer comes
 * back through webhook.ts; at a time-out n8n hands on what the node left in its place on the
 * execution stack, which is set here to { data: { timedOut: true } } (by default n8n would
 * pass the input on, and nobody could tell a time-out from an answer).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const until = waitTill(this);
	if (items.length > 1) this.addExecutionHints({ message: `Sent and waited for the first of the ${items.length} input items only: one wait per execution. Split the items into executions to ask for each.`, location: 'outputPane' });
	const [output] = await send.call(this, items.slice(0, 1));
	if (output[0]?.json.sendState !== 'queued') return [output]; // not sent (continue on fail): nothing to wait for
	await this.putExecutionToWait(until);
	this.getExecuteData().data = { main: [[{ json: { data: { timedOut: true } }, pairedItem: { item: 0 } }]] };
	return [output];
}
