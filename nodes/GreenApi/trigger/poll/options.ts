import { NodeOperationError } from 'n8n-workflow';
import type { ITriggerFunctions } from 'n8n-workflow';

import { quote } from '../../transport/redact';
import { MAX_ATTEMPTS, RECEIVE_TIMEOUT } from '../description';
import type { Acknowledge, LoopOptions } from './types';

export type PollOptions = Pick<LoopOptions, 'receiveTimeout' | 'acknowledge' | 'maxAttempts'>;

/** Long enough to recognise what an expression gave, short enough for a title. */
const SHOWN_LIMIT = 60;

/**
 * An expression's result as the refusal shows it: a text in quotes (so "" and " 3x" read as
 * what they are), redacted and cut, since an expression may hand over anything.
 */
function shown(value: unknown, secrets: readonly string[]): string {
	if (value === undefined || value === null || value === '') return 'an empty value';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	const quoted = quote(text, secrets, SHOWN_LIMIT);
	return typeof value === 'string' ? `"${quoted}"` : quoted;
}

/** The number an expression meant: a number, or a text of one ("3" from $env or an input item). */
function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
	return Number.isFinite(number) ? number : undefined;
}

/**
 * Reads the poll fields, refusing before any request what the editor would not have let
 * through: an expression skips its number checks, and NaN would otherwise reach the loop,
 * where a NaN attempt count deletes every notification unrun and a NaN timeout fails every
 * long poll with a message that never names the field.
 */
export function pollOptionsOf(context: ITriggerFunctions, secrets: readonly string[]): PollOptions {
	const refuse = (field: { displayName: string; min: number; max: number }, kind: string, value: unknown) =>
		new NodeOperationError(context.getNode(), `${field.displayName} must be ${kind} from ${field.min} to ${field.max}; got ${shown(value, secrets)}`, {
			description: `If it is an expression, make it give such a number (or text of one), or type the number into ${field.displayName} instead.`,
		});
	const acknowledge = context.getNodeParameter('acknowledge', 'afterFinished') as Acknowledge;

	const rawTimeout = context.getNodeParameter('receiveTimeout', 20);
	const timeout = numberOf(rawTimeout);
	if (timeout === undefined) throw refuse(RECEIVE_TIMEOUT, 'a number', rawTimeout);
	// Clamped, not refused, as the field's description says: a timeout outside 5..60 (GREEN-API's
	// range) changes only how often the trigger asks again, never which notification runs.
	const receiveTimeout = Math.min(RECEIVE_TIMEOUT.max, Math.max(RECEIVE_TIMEOUT.min, Math.round(timeout)));

	// Not shown and not used unless executions are waited for: a leftover there stops nothing.
	if (acknowledge === 'onReceive') return { receiveTimeout, acknowledge, maxAttempts: MAX_ATTEMPTS.min };
	const rawAttempts = context.getNodeParameter('maxAttempts', 3);
	const maxAttempts = numberOf(rawAttempts);
	// Refused, not clamped: the count decides whether a failed notification runs again or is
	// deleted, so 0 or 50 taken as 1 or 10 would silently run or drop notifications otherwise.
	if (maxAttempts === undefined || !Number.isInteger(maxAttempts) || maxAttempts < MAX_ATTEMPTS.min || maxAttempts > MAX_ATTEMPTS.max) {
		throw refuse(MAX_ATTEMPTS, 'a whole number', rawAttempts);
	}
	return { receiveTimeout, acknowledge, maxAttempts };
}
