import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quote } from '../transport/redact';
import { DEFAULT_TIMEOUT_MS, GREEN_API_RATE_LIMITS } from './rateLimits';
import type { LimitedMethod } from './rateLimits';

/** The tuning knobs of every operation's Options collection. */
export interface Tuning {
	requestsPerSecond: number;
	maxConcurrency: number;
	retries: number;
	timeoutMs: number;
}

/** The knobs as a person names them; each operation stores them under names of its own. */
export type TuningKnob = 'requestsPerSecond' | 'maxConcurrency' | 'retries' | 'timeout';

const KNOBS: Record<TuningKnob, keyof Tuning> = {
	requestsPerSecond: 'requestsPerSecond',
	maxConcurrency: 'maxConcurrency',
	retries: 'retries',
	timeout: 'timeoutMs',
};

/**
 * The knob's parameter name for one method's operation (`checkWhatsappRequestsPerSecond`).
 * n8n keeps a collection's values across an operation switch wherever the new operation
 * declares the same names, so a shared name carried Get Contact Info's 1 request per second
 * over to Check WhatsApp, whose own limit is 10: own names make a switch show the new defaults.
 */
export function tuningParameter(method: LimitedMethod, knob: TuningKnob): string {
	return `${method}${knob[0].toUpperCase()}${knob.slice(1)}`;
}

/** `{ requestsPerSecond: 0 }` as the Options values of `method`'s operation (workflows written in code, tests). */
export function tuningParameters(method: LimitedMethod, knobs: Partial<Record<TuningKnob, unknown>>): IDataObject {
	return Object.fromEntries(Object.entries(knobs).map(([knob, value]) => [tuningParameter(method, knob as TuningKnob), value as IDataObject[string]]));
}

/** The knobs for one GREEN-API method: "Requests per Second" defaults to that method's limit. */
export function tuningOptions(method: LimitedMethod): INodeProperties[] {
	const limit = GREEN_API_RATE_LIMITS[method];
	const named = (knob: TuningKnob, property: Omit<INodeProperties, 'name'>): INodeProperties => ({ ...property, name: tuningParameter(method, knob) });
	return [
		named('requestsPerSecond', {
			displayName: 'Requests per Second',
			type: 'number',
			default: limit,
			typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 1 },
			description: `GREEN-API allows ${limit} per second per instance, shared by every workflow using it. Whole numbers; below 1, 0.5 means one every 2 s; 0 means no limit.`,
		}),
		named('maxConcurrency', {
			displayName: 'Max Concurrent Requests',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 1, maxValue: 100 },
			description: 'How many requests may wait for their answers at the same time',
		}),
		named('retries', {
			displayName: 'Retries',
			type: 'number',
			default: 3,
			typeOptions: { minValue: 0, maxValue: 10 },
			description: 'How many more times to try, waiting longer each time, when GREEN-API is busy, briefly down or does not answer',
		}),
		named('timeout', {
			displayName: 'Timeout (Milliseconds)',
			type: 'number',
			default: DEFAULT_TIMEOUT_MS[method] ?? 30000,
			typeOptions: { minValue: 1000, maxValue: 600000 },
			description: 'How long each attempt may take as a whole, from sending the request to the last byte of the answer',
		}),
	];
}

/**
 * Options may come from expressions, which bypass the editor's checks: the bounds
 * declared above are enforced here too. A rate above 1 must be whole, so the number
 * means what it shows (the limiter counts whole requests per second).
 */
export function readTuning(options: IDataObject, method: LimitedMethod, secrets: readonly string[] = []): Tuning | { invalid: string } {
	const declared = tuningOptions(method);
	const knobOf = Object.fromEntries((Object.keys(KNOBS) as TuningKnob[]).map((knob) => [tuningParameter(method, knob), KNOBS[knob]]));
	const tuning = Object.fromEntries(declared.map((option) => [knobOf[option.name], option.default as number])) as unknown as Tuning;
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
		tuning[knobOf[option.name]] = number;
	}
	return tuning;
}
