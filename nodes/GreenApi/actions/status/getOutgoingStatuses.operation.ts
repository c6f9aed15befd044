import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { listProperties, statusListExecute } from './statusList';

export const option: INodePropertyOptions = {
	name: 'Get Outgoing Statuses',
	value: 'getOutgoingStatuses',
	action: 'Get outgoing status',
	description: 'List the statuses this account posted in the last minutes, one item each, with whether they were read (beta at GREEN-API)',
};

export const docs = 'https://green-api.com/en/docs/api/statuses/GetOutgoingStatuses/';

export const properties: INodeProperties[] = listProperties('getOutgoingStatuses');

export const execute = statusListExecute('getOutgoingStatuses');
