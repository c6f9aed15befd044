import { timingSafeEqual } from 'node:crypto';
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { filterFromParameters } from '../parameters';
import { normalizeNotification } from '../notification/normalize';
import { alreadySeen } from './dedupe';
import { webhookTokenOf } from './token';

function sameSecret(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GREEN-API's POST of one notification. Without the Webhook Token as a Bearer token the
 * answer is 401 and nothing starts; a notification the filters reject gets 200 and starts
 * nothing (GREEN-API would otherwise retry it for 24 hours), and so does one this trigger has
 * already seen (dedupe.ts).
 */
export async function receiveWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const expected = webhookTokenOf(this);
	const header = this.getHeaderData().authorization;
	const given = typeof header === 'string' ? header.replace(/^Bearer\s+/i, '').trim() : '';
	if (this.getNodeParameter('mode', 'poll') !== 'webhook' || expected === '' || !sameSecret(given, expected)) {
		this.getResponseObject().status(401).send('Unauthorized').end();
		return { noWebhookResponse: true };
	}
	const item = normalizeNotification(this.getBodyData());
	if (!filterFromParameters(this)(item)) return {};
	// A copy GREEN-API delivers again gets the same 200 as the first, so it stops retrying.
	if (alreadySeen(this, item)) return {};
	return { workflowData: [[{ json: item }]] };
}
