import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { lastExecute, lastProperties } from './lastMessages';

export const option: INodePropertyOptions = {
	name: 'Last Incoming Messages',
	value: 'lastIncomingMessages',
	action: 'Incoming messages',
	description: 'List the messages the instance received in the last minutes, in every chat, one item each',
};

export const docs = 'https://green-api.com/en/docs/api/journals/LastIncomingMessages/';

export const properties: INodeProperties[] = lastProperties('lastIncomingMessages');

export const execute = lastExecute('lastIncomingMessages');
