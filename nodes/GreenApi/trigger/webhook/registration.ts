import type { IHookFunctions } from 'n8n-workflow';

import { connectionOf, filterFromParameters } from '../parameters';
import { queueApi } from '../poll/queueApi';
import { requireWebhookToken, webhookTokenOf } from './token';

/**
 * The opt-in "Set Webhook URL on Activation": n8n asks checkExists on every activation and
 * calls create only when it says false; delete on deactivation. Without the opt-in every
 * method is a no-op and the user pastes the URL into the console.
 */
function wanted(context: IHookFunctions): { url: string; token: string } | undefined {
	// "Listen for test event" registers the test URL: pointing the instance at it would replace
	// the production URL and restart the instance for a test.
	if (context.getMode() === 'manual') return undefined;
	if (context.getNodeParameter('mode', 'poll') !== 'webhook' || context.getNodeParameter('setWebhookUrl', false) !== true) return undefined;
	return { url: context.getNodeWebhookUrl('default') ?? '', token: webhookTokenOf(context) };
}

export const webhookRegistration = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		// Runs on every activation (and "Listen for test event"): what can never work is refused
		// here, naming the field, rather than answering 401 or failing each request.
		filterFromParameters(this);
		if (this.getNodeParameter('mode', 'poll') === 'webhook') requireWebhookToken(this);
		const ours = wanted(this);
		if (!ours) return true;
		const settings = await queueApi(await connectionOf(this)).settings();
		return settings.webhookUrl === ours.url && settings.webhookUrlToken === ours.token;
	},

	async create(this: IHookFunctions): Promise<boolean> {
		const ours = wanted(this);
		if (!ours) return true;
		await queueApi(await connectionOf(this)).saveSettings({ webhookUrl: ours.url, webhookUrlToken: ours.token });
		return true;
	},

	/** Clears the settings only when they still point here: someone may have set another URL since. */
	async delete(this: IHookFunctions): Promise<boolean> {
		const ours = wanted(this);
		if (!ours) return true;
		const api = queueApi(await connectionOf(this));
		const settings = await api.settings();
		if (settings.webhookUrl === ours.url) await api.saveSettings({ webhookUrl: '', webhookUrlToken: '' });
		return true;
	},
};
