import type { INodeProperties } from 'n8n-workflow';

import { refuse } from './errors';
import type { ItemParameters } from './parameters';

/** Return All / Limit, as n8n's own list operations have them: every list of this node shows these two. */
export const limitProperties: INodeProperties[] = [
	{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
	{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, typeOptions: { minValue: 1 }, description: 'Max number of results to return', displayOptions: { show: { returnAll: [false] } } },
];

/** How many entries to hand on: Infinity for Return All. */
export function readLimit(item: Pick<ItemParameters, 'value'>): number {
	if (item.value('returnAll', 'Return All', false) === true) return Infinity;
	const limit = Number(item.value('limit', 'Limit', 50));
	if (!Number.isInteger(limit) || limit < 1) throw refuse('Limit must be a whole number of at least 1', { limit });
	return limit;
}

/** A journal's look-back (?minutes=, 1,440 by default at GREEN-API); `why` says where `max` comes from. */
export function readMinutes(item: Pick<ItemParameters, 'value'>, max: number, why: string): number {
	const raw = item.value('minutes', 'Minutes', 1440);
	const minutes = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > max) {
		throw refuse(`Minutes must be a whole number from 1 to ${max.toLocaleString('en-US')} (${why}), not ${JSON.stringify(raw)?.slice(0, 40)}`, { minutes: raw as number });
	}
	return minutes;
}
