import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { sendAndWaitWebhook, sendAndWaitWebhooks } from './actions/message/sendAndWait/webhook';
import { router } from './actions/router';
import { outputs, properties, subtitle } from './actions/versionDescription';
import { greenApiCredentialTest } from './methods/credentialTest';

export class GreenApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API',
		name: 'greenApi',
		icon: { light: 'file:../../icons/greenApi.svg', dark: 'file:../../icons/greenApi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle,
		description: 'Check WhatsApp numbers, look up contacts, avatars, catalogues and groups through GREEN-API',
		defaults: { name: 'GREEN-API' },
		// As a tool the first output is what the agent sees (for Get Contact Info, the contact with its products).
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs,
		credentials: [{ name: 'greenApi', required: true, testedBy: 'greenApiCredentialTest' }],
		properties,
		// Message → Send and Wait for Response resumes its execution through these (webhook() below).
		webhooks: sendAndWaitWebhooks,
		waitingNodeTooltip: 'Waiting for an answer on WhatsApp: the links in the message resume this execution',
	};

	methods = { credentialTest: { greenApiCredentialTest } };

	webhook = sendAndWaitWebhook;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
