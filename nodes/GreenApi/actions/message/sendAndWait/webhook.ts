import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';
import type { IDataObject, IWebhookDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { pageFromQuery, readAnswer } from './form';
import { approvalPage, formPage, messagePage, PAGE_CSP, RECORDED_PAGE } from './pages';

/**
 * The links in the message lead here. n8n routes /webhook-waiting/<execution>/<node ID>
 * to the node of a waiting execution by these entries (restartWebhook: used only to resume,
 * never registered when a workflow is activated), and, because the node's operation is
 * sendAndWait, checks the link's signature itself before calling webhook(): a tampered
 * link gets n8n's 401 page, and a link to a finished execution its "No action required".
 */
export const sendAndWaitWebhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	responseData: '',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/** Writes a page ourselves (n8n's own send would not set our CSP), and tells n8n not to answer. */
function show(res: Response, status: number, html: string): IWebhookResponseData {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/html; charset=utf-8');
	res.setHeader('Content-Security-Policy', PAGE_CSP);
	res.setHeader('Cache-Control', 'no-store');
	res.end(html);
	return { noWebhookResponse: true };
}

/** The answer as the node's output: paired to the input item the message was sent for (the first). */
function answered(data: IDataObject): IWebhookResponseData {
	return {
		// Sent by n8n only once the execution has resumed: a second, racing answer gets n8n's error instead.
		webhookResponse: RECORDED_PAGE,
		workflowData: [[{ json: { data: { ...data, respondedAt: new Date().toISOString() } }, pairedItem: { item: 0 } }]],
	};
}

export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject();
	const res = this.getResponseObject();
	if (this.getNodeParameter('operation', '') !== SEND_AND_WAIT_OPERATION) return show(res, 404, messagePage('Not found', 'This link does not lead to a question.'));
	const page = pageFromQuery(this.getQueryData() as IDataObject);
	if (!page) return show(res, 400, messagePage('Link incomplete', 'This link is incomplete: open the whole link from the WhatsApp message.'));
	// The form posts back to the very link it came from, signature included, so n8n checks the POST too.
	const action = req.originalUrl ?? req.url ?? '';
	if (req.method !== 'POST') return show(res, 200, page.kind === 'approval' ? approvalPage(page, action) : formPage(page, action));
	if (page.kind === 'approval') return answered({ approved: page.approved });
	const answer = readAnswer(page.fields, (this.getBodyData() ?? {}) as IDataObject);
	if (!answer.ok) return show(res, 400, formPage(page, action, answer.problem));
	return answered(page.text ? { text: answer.data[page.fields[0].label] } : answer.data);
}
