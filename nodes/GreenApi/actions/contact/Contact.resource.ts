import type { INodeProperties } from 'n8n-workflow';

import * as getContactInfo from './getContactInfo.operation';

export { getContactInfo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Get Contact Info',
				value: 'getContactInfo',
				action: 'Get contact info',
				description: "Get a contact's WhatsApp profile and business catalogue",
			},
		],
		default: 'getContactInfo',
	},
	...getContactInfo.description,
];
