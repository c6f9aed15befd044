import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The tuning knobs of the node's Options collection. */
export interface Tuning {
	requestsPerSecond: number;
	maxConcurrency: number;
	retries: number;
	timeoutMs: number;
}

export const tuningOptions: INodeProperties[] = [
	{
		displayName: 'Requests per Second',
		name: 'requestsPerSecond',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 2 },
		description:
			'GREEN-API allows 1 Get Contact Info request per second per instance, shared by every workflow of this n8n using the instance. Raise it only if your plan or host allows more (above 1, fractions are rounded down; 0.5 means one request every two seconds); 0 turns the limit off, e.g. for a local emulator.',
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
		description:
			'Further attempts, with growing delays, after 429 (honouring Retry-After), 502/503/504, dropped connections and timeouts. Other errors are never retried.',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		default: 30000,
		typeOptions: { minValue: 1000, maxValue: 600000 },
		description: "Milliseconds to wait for GREEN-API's answer to each attempt",
	},
];

const TUNING_KEYS: Record<string, keyof Tuning> = {
	requestsPerSecond: 'requestsPerSecond',
	maxConcurrency: 'maxConcurrency',
	retries: 'retries',
	timeout: 'timeoutMs',
};

export const DEFAULT_TUNING = Object.fromEntries(
	tuningOptions.map((option) => [TUNING_KEYS[option.name], option.default as number]),
) as unknown as Tuning;

/**
 * Options may come from expressions, which bypass the editor's checks: the bounds
 * declared above are enforced here too.
 */
export function readTuning(options: IDataObject): Tuning | { invalid: string } {
	const tuning: Tuning = { ...DEFAULT_TUNING };
	for (const option of tuningOptions) {
		const value = options[option.name];
		if (value === undefined || value === null || value === '') continue;
		const number = typeof value === 'string' ? Number(value) : value;
		const min = option.typeOptions?.minValue ?? 0;
		const max = option.typeOptions?.maxValue ?? Infinity;
		const integer = option.typeOptions?.numberPrecision === undefined;
		if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
			return {
				invalid: `Option "${option.displayName}" must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not ${JSON.stringify(value)}`,
			};
		}
		tuning[TUNING_KEYS[option.name]] = number;
	}
	return tuning;
}
