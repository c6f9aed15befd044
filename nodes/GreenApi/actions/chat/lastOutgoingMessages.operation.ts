import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { lastExecute, lastProperties } from './lastMessages';

export const option: INodePropertyOptions = {
	name: 'Last Outgoing Messages',
	value: 'lastOutgoingMessages',
	action: 'Outgoing messages',
	description: 'List the messages the instance sent in the last minutes (from the phone or the API), in every chat, one item each',
};

export const docs = 'https://green-api.com/en/docs/api/journals/LastOutgoingMessages/';

export const properties: INodeProperties[] = lastProperties('lastOutgoingMessages');

export const execute = lastExecute('lastOutgoingMessages');
