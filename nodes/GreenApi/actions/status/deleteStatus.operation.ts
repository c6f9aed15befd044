import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readMessageId } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseEmpty } from '../message/shared';
import { BETA_NOTE } from './shared';

export const option: INodePropertyOptions = {
	name: 'Delete Status',
	value: 'deleteStatus',
	action: 'Delete status',
	description: 'Delete a status this account posted (beta at GREEN-API)',
};

export const docs = 'https://green-api.com/en/docs/api/statuses/DeleteStatus/';

export const properties: INodeProperties[] = [
	{ displayName: 'Status ID', name: 'idMessage', type: 'string', required: true, default: '={{ $json.idMessage }}', description: 'The idMessage the status send answered', hint: BETA_NOTE },
	optionsCollection('deleteStatus'),
];

export const execute = runSends<string>({
	method: 'deleteStatus',
	unknown: 'GREEN-API may or may not have deleted this status: check the account\'s statuses (Get Outgoing Statuses)',
	read: (item) => readMessageId(item, 'idMessage', 'Status ID') as string,
	// Deletes of different statuses do not depend on each other's order.
	chatOf: (idMessage) => idMessage,
	given: (idMessage) => ({ idMessage }),
	send: async ({ call }, idMessage) => ({ ...(await call('deleteStatus', { idMessage }, parseEmpty, { emptyAnswer: true })), idMessage, deleted: true }),
});
