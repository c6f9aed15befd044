import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { limitProperties, readLimit, readMinutes } from '../../helpers/listLimits';
import type { ItemParameters } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/runner';
import type { OutputItem } from '../../helpers/runner';
import { withIsoTimes } from '../../helpers/time';
import { conform, expectList, expectObject, fieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';
import { BETA_NOTE } from './shared';

/**
 * Get Incoming / Outgoing Statuses: the same GET (?minutes=, 1,440 by default at GREEN-API)
 * and the same list, one item per status, limited as Get Contacts is.
 */

/** GREEN-API keeps status journals for 30 days. */
const MAX_MINUTES = 30 * 24 * 60;

export function listProperties(method: 'getIncomingStatuses' | 'getOutgoingStatuses'): INodeProperties[] {
	return [
		{
			displayName: 'Minutes',
			name: 'minutes',
			type: 'number',
			default: 1440,
			typeOptions: { minValue: 1, maxValue: MAX_MINUTES },
			description: 'How far back to look, in minutes (1,440 = 24 hours; GREEN-API keeps statuses 30 days)',
			hint: BETA_NOTE,
		},
		...limitProperties,
		optionsCollection(method),
	];
}



interface ListQuery {
	minutes: number;
	limit: number;
}

function readQuery(item: ItemParameters): ListQuery {
	return { minutes: readMinutes(item, MAX_MINUTES, '30 days, as long as GREEN-API keeps statuses'), limit: readLimit(item) };
}

const STATUS_FIELDS = fieldRules({
	type: { type: 'string' },
	idMessage: { type: 'string' },
	timestamp: { type: 'integer' },
	typeMessage: { type: 'string' },
	chatId: { type: 'string' },
	senderId: { type: 'string' },
	senderName: { type: 'string' },
	textMessage: { type: 'string' },
	extendedTextMessage: { type: 'object', nullable: true },
	participants: { type: 'list', nullable: true },
	statusMessage: { type: 'string' },
	sendByApi: { type: 'boolean' },
	downloadUrl: { type: 'string' },
	caption: { type: 'string' },
	fileName: { type: 'string' },
	mimeType: { type: 'string' },
});

function parseStatuses(json: unknown): IDataObject[] {
	return expectList(json, 'a list of statuses').map((entry, index) => withIsoTimes(conform(expectObject(entry, `status [${index}]`), STATUS_FIELDS, `[${index}].`), ['timestamp']));
}

/** Items asking for the same minutes share one GET; each limits the list its own way. */
export function statusListExecute(method: 'getIncomingStatuses' | 'getOutgoingStatuses') {
	return runPerItem<ListQuery, IDataObject[]>({
		method,
		read: readQuery,
		keyOf: ({ minutes }) => String(minutes),
		given: ({ minutes, limit }) => ({ minutes, limit: Number.isFinite(limit) ? limit : 'all' }),
		fetch: async ({ call }, { minutes }) => await call(undefined, parseStatuses, { minutes }),
		toItems: (statuses, { limit }) => statuses.slice(0, limit).map((status): OutputItem => ({ output: 0, item: { json: status } })),
		outputCount: () => 1,
	});
}
