import type { IDataObject } from 'n8n-workflow';

/** Date's own range: beyond it `toISOString()` throws. */
const MAX_DATE_MS = 8.64e15;

/**
 * Unix seconds (a number or a string of digits, as GREEN-API sends them) as an ISO 8601 time,
 * or null for anything that is not one: never throws, whatever the answer holds.
 */
export function isoFromUnixSeconds(value: unknown): string | null {
	const seconds = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds * 1000 > MAX_DATE_MS) return null;
	return new Date(seconds * 1000).toISOString();
}

/**
 * The object with `<field>Iso` beside each timestamp field GREEN-API answers in unix seconds,
 * so a CRM step can map a date without converting it (as the trigger's `timestamp.iso`).
 */
export function withIsoTimes(source: IDataObject, fields: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(source)) {
		result[key] = value;
		if (fields.includes(key)) result[`${key}Iso`] = isoFromUnixSeconds(value);
	}
	return result;
}
