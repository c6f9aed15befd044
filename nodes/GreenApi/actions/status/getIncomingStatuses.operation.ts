import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listProperties, statusListExecute } from './statusList';

export const option: INodePropertyOptions = {
	name: 'Get Incoming Statuses',
	value: 'getIncomingStatuses',
	action: 'Get incoming status',
	description: "List the statuses the account's contacts posted in the last minutes, one item each (beta at GREEN-API)",
};

export const docs = 'https://green-api.com/en/docs/api/statuses/GetIncomingStatuses/';

export const properties: INodeProperties[] = listProperties('getIncomingStatuses');

export const execute = statusListExecute('getIncomingStatuses');
