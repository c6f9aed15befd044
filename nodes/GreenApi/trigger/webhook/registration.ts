import type { IHookFunctions } from 'n8n-workflow';

import { withSecrets } from '../../transport/connection';
import { REDACTED } from '../../transport/redact';
import { connectionOf, filterFromParameters } from '../parameters';
import { queueApi } from '../poll/queueApi';
import type { QueueApi } from '../poll/queueApi';
import { requireWebhookToken, webhookTokenOf } from './token';

/**
 * The opt-in "Set Webhook URL on Publish": n8n asks checkExists on every activation (a publish,
 * or n8n starting) and calls create only when it says false; delete on unpublishing. Without
 * the opt-in every method is a no-op and the user pastes the URL into the console.
 */
function wanted(context: IHookFunctions): { url: string; token: string } | undefined {
	// "Listen for test event" registers the test URL: pointing the instance at it would replace
	// the production URL and restart the instance for a test.
	if (context.getMode() === 'manual') return undefined;
	if (context.getNodeParameter('mode', 'poll') !== 'webhook' || context.getNodeParameter('setWebhookUrl', false) !== true) return undefined;
	return { url: context.getNodeWebhookUrl('default') ?? '', token: webhookTokenOf(context) };
}

/** setSettings carries the Webhook Token and getSettings answers it: both are secrets to redact. */
async function settingsApi(context: IHookFunctions, token: string): Promise<QueueApi> {
	return queueApi(withSecrets(await connectionOf(context), token));
}

export const webhookRegistration = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		// Runs on every activation (and "Listen for test event"): what can never work is refused
		// here, naming the field, rather than answering 401 or failing each request.
		filterFromParameters(this);
		if (this.getNodeParameter('mode', 'poll') === 'webhook') requireWebhookToken(this);
		const ours = wanted(this);
		if (!ours) return true;
		const settings = await (await settingsApi(this, ours.token)).settings();
		// The answer arrives redacted: a stored token equal to ours (GREEN-API keeps what create
		// wrote) reads as REDACTED, any other token as itself.
		return settings.webhookUrl === ours.url && settings.webhookUrlToken === REDACTED;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		const ours = wanted(this);
		if (!ours) return true;
		await (await settingsApi(this, ours.token)).saveSettings({ webhookUrl: ours.url, webhookUrlToken: ours.token });
		return true;
	},

	/** Clears the settings only when they still point here: someone may have set another URL since. */
	async delete(this: IHookFunctions): Promise<boolean> {
		const ours = wanted(this);
		if (!ours) return true;
		const api = await settingsApi(this, ours.token);
		const settings = await api.settings();
		if (settings.webhookUrl === ours.url) await api.saveSettings({ webhookUrl: '', webhookUrlToken: '' });
		return true;
	},
};
