import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { limitProperties, readLimit, readMinutes } from '../../helpers/listLimits';
import type { ItemParameters } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/runner';
import type { OutputItem } from '../../helpers/runner';
import { optionsCollection } from '../common';
import { JOURNAL_LAG, messageItem, parseEntries } from './journal';

/**
 * Last Incoming / Last Outgoing Messages: the same GET (?minutes=, at most 10,000 at GREEN-API)
 * over every chat of the instance, one item per message in Get Chat History's shape.
 */

export type LastMethod = 'lastIncomingMessages' | 'lastOutgoingMessages';

/** GREEN-API's own bound on minutes (about a week). */
export const MAX_MINUTES = 10_000;

export function lastProperties(method: LastMethod): INodeProperties[] {
	return [
		{
			displayName: 'Minutes',
			name: 'minutes',
			type: 'number',
			default: 1440,
			typeOptions: { minValue: 1, maxValue: MAX_MINUTES },
			description: 'How far back to look, in minutes (1,440 = 24 hours; GREEN-API looks back at most 10,000)',
			hint: JOURNAL_LAG,
		},
		...limitProperties,
		optionsCollection(method),
	];
}

interface LastQuery {
	minutes: number;
	limit: number;
}

function readQuery(item: ItemParameters): LastQuery {
	return { minutes: readMinutes(item, MAX_MINUTES, 'GREEN-API looks back at most that far'), limit: readLimit(item) };
}

/** Items asking for the same minutes share one GET; each limits the list its own way. */
export function lastExecute(method: LastMethod) {
	return runPerItem<LastQuery, IDataObject[]>({
		method,
		read: readQuery,
		keyOf: ({ minutes }) => String(minutes),
		given: ({ minutes, limit }) => ({ minutes, limit: Number.isFinite(limit) ? limit : 'all' }),
		fetch: async ({ call }, { minutes }) => await call(undefined, parseEntries, { minutes }),
		toItems: (entries, { limit }) => entries.slice(0, limit).map((entry): OutputItem => ({ output: 0, item: { json: messageItem(entry) } })),
		outputCount: () => 1,
	});
}
