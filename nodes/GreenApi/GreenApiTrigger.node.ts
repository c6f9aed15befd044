import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { greenApiCredentialTest } from './methods/credentialTest';
import { properties, WEBHOOK_RUN } from './trigger/description';
import { webhookRunItems } from './trigger/notification/mediaContext';
import { startPolling } from './trigger/poll/start';
import { recordStarted } from './trigger/webhook/dedupe';
import { receiveWebhook } from './trigger/webhook/handler';
import { webhookRegistration } from './trigger/webhook/registration';

export class GreenApiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API Trigger',
		name: 'greenApiTrigger',
		icon: { light: 'file:../../icons/greenApi.svg', dark: 'file:../../icons/greenApi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "webhook" ? "Webhook" : "Notification queue" }}',
		description: 'Starts the workflow on WhatsApp messages and other GREEN-API notifications',
		defaults: { name: 'GREEN-API Trigger' },
		// Webhook mode's hidden resource/operation must not rename the node ("PassOn webhook").
		skipNameGeneration: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'greenApi', required: true, testedBy: 'greenApiCredentialTest' }],
		webhooks: [
			{
				name: 'default',
				// An empty method registers no webhook: in poll mode n8n then runs trigger() alone,
				// also for "Listen for test event".
				httpMethod: '={{ $parameter["mode"] === "webhook" ? "POST" : "" }}',
				responseMode: 'onReceived',
				responseData: '',
				path: 'notifications',
				// The editor shows the URL to paste only when there is one.
				ndvHideUrl: '={{ $parameter["mode"] !== "webhook" }}',
				ndvHideMethod: true,
			},
		],
		properties,
	};

	methods = { credentialTest: { greenApiCredentialTest } };

	webhookMethods = { default: webhookRegistration };

	/**
	 * A run started by a webhook call hands the webhook's items to this node, and n8n-core
	 * then runs the node's custom operation, else execute, poll, trigger, and only then takes
	 * those items as they are. With trigger() defined, a test webhook's run ("Listen for test
	 * event") would wait for good on an emit that never comes in webhook mode. The hidden
	 * resource/operation exist only in webhook mode, so this runs there alone and passes the
	 * items on (with their files, under Download Media); poll mode keeps trigger().
	 */
	customOperations = {
		[WEBHOOK_RUN.resource]: {
			async [WEBHOOK_RUN.operation](this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
				// Here, not in webhook(): only an execution's static data reaches the database (dedupe.ts).
				recordStarted(this, this.getInputData());
				return [await webhookRunItems(this)];
			},
		},
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		// In webhook mode the webhook does the work; trigger() has nothing to run.
		if (this.getNodeParameter('mode', 'poll') === 'webhook') return {};
		return await startPolling(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook.call(this);
	}
}
