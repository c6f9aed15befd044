import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quote } from '../transport/redact';
import { GREEN_API_RATE_LIMITS } from './rateLimits';
import type { LimitedMethod } from './rateLimits';

/** The tuning knobs of every operation's Options collection. */
export interface Tuning {
	requestsPerSecond: number;
	maxConcurrency: number;
	retries: number;
	timeoutMs: number;
}

/** The knobs for one GREEN-API method: "Requests per Second" defaults to that method's limit. */
export function tuningOptions(method: LimitedMethod): INodeProperties[] {
	const limit = GREEN_API_RATE_LIMITS[method];
	return [
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			default: limit,
			typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 1 },
			description: `GREEN-API allows ${limit} per second per instance, shared by every workflow using it. Whole numbers; below 1, 0.5 means one every 2 s; 0 means no limit.`,
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 100 },
			description: 'How many requests may wait for their answers at the same time',
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10 },
			description: 'How many more times to try, waiting longer each time, when GREEN-API is busy, briefly down or does not answer',
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeout',
			type: 'number',
			default: 30000,
			typeOptions: { minValue: 1000, maxValue: 600000 },
			description: 'How long each attempt may take as a whole, from sending the request to the last byte of the answer',
		},
	];
}

const TUNING_KEYS: Record<string, keyof Tuning> = {
	requestsPerSecond: 'requestsPerSecond',
	maxConcurrency: 'maxConcurrency',
	retries: 'retries',
	timeout: 'timeoutMs',
};

/**
 * Options may come from expressions, which bypass the editor's checks: the bounds
 * declared above are enforced here too. A rate above 1 must be whole, so the number
 * means what it shows (the limiter counts whole requests per second).
 */
export function readTuning(options: IDataObject, method: LimitedMethod, secrets: readonly string[] = []): Tuning | { invalid: string } {
	const declared = tuningOptions(method);
	const tuning = Object.fromEntries(declared.map((option) => [TUNING_KEYS[option.name], option.default as number])) as unknown as Tuning;
	for (const option of declared) {
		const value = options[option.name];
		if (value === undefined || value === null || value === '') continue;
		const number = typeof value === 'string' ? Number(value) : value;
		const min = option.typeOptions?.minValue ?? 0;
		const max = option.typeOptions?.maxValue ?? Infinity;
		const integer = option.typeOptions?.numberPrecision === undefined || (typeof number === 'number' && number > 1);
		if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
			const kind = option.typeOptions?.numberPrecision === undefined ? 'a whole number' : 'a whole number, or a fraction below 1,';
			return { invalid: `Option "${option.displayName}" must be ${kind} from ${min} to ${max}, not ${quote(JSON.stringify(value) ?? String(value), secrets, 60)}` };
		}
		tuning[TUNING_KEYS[option.name]] = number;
	}
	return tuning;
}
