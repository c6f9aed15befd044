import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ItemParameters } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/runner';
import { readMessageId } from '../../helpers/sendRules';
import { withIsoTimes } from '../../helpers/time';
import { conform, expectList, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';
import { BETA_NOTE } from './shared';
import { limitProperties, readLimit } from '../../helpers/listLimits';

export const option: INodePropertyOptions = {
	name: 'Get Status Statistic',
	value: 'getStatusStatistic',
	action: 'Get status statistic',
	description: 'List who a posted status was sent, delivered to or seen by: one item per viewer (beta at GREEN-API)',
};

export const docs = 'https://green-api.com/en/docs/api/statuses/GetStatusStatistic/';

export const properties: INodeProperties[] = [
	{ displayName: 'Status ID', name: 'idMessage', type: 'string', required: true, default: '={{ $json.idMessage }}', description: 'The idMessage the status send answered', hint: BETA_NOTE },
	...limitProperties,
	optionsCollection('getStatusStatistic'),
];

interface Query {
	idMessage: string;
	limit: number;
}

// participant: a chat ID in the docs' example, an "array" in their table; both are read.
const VIEWER_FIELDS = fieldRules({ timestamp: { type: 'integer' }, status: { type: 'string' } });

const chatOf = (participant: unknown) => (Array.isArray(participant) ? participant[0] : participant) as IDataObject[string];

function parseViewers(json: unknown): IDataObject[] {
	return expectList(json, 'a list of recipients').map((entry, index) => withIsoTimes(conform(expectObject(entry, `recipient [${index}]`), VIEWER_FIELDS, `[${index}].`), ['timestamp']));
}

const read = (item: ItemParameters): Query => ({ idMessage: readMessageId(item, 'idMessage', 'Status ID') as string, limit: readLimit(item) });

/** chatId beside participant: the next node (a CRM lookup, Send Text) maps it as after any other operation. */
export const execute = runPerItem<Query, IDataObject[]>({
	method: 'getStatusStatistic',
	read,
	keyOf: ({ idMessage }) => idMessage,
	given: ({ idMessage }) => ({ idMessage }),
	fetch: async ({ call }, { idMessage }) => await call(undefined, parseViewers, { idMessage }),
	toItems: (viewers, { idMessage, limit }) => viewers.slice(0, limit).map((viewer) => ({ output: 0, item: { json: { idMessage, chatId: chatOf(viewer.participant) ?? null, ...viewer } } })),
	outputCount: () => 1,
});
