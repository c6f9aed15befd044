import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as contact from './actions/contact/Contact.resource';
import { router } from './actions/router';
import { greenApiCredentialTest } from './methods/credentialTest';

export class GreenApi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GREEN-API',
		name: 'greenApi',
		icon: { light: 'file:../../icons/greenApi.svg', dark: 'file:../../icons/greenApi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Look up WhatsApp contacts and their business catalogues through GREEN-API',
		defaults: { name: 'GREEN-API' },
		// As a tool the first output is what the agent sees: the contact, products included.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Contact', 'Products'],
		credentials: [{ name: 'greenApi', required: true, testedBy: 'greenApiCredentialTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Contact', value: 'contact' }],
				default: 'contact',
			},
			...contact.description,
		],
	};

	methods = { credentialTest: { greenApiCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
