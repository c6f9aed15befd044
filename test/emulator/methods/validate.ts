// Request checks for the sending methods, answering as GREEN-API's validator does:
// 400 "Validation failed. Details: '<field>' <rule>" (the vendor's wording where its docs quote one).
import { text } from '../types';
import type { Answer } from '../types';

export type Fields = Record<string, unknown>;

/** Thrown by the checks below; the handler turns it into its answer. */
export class Invalid extends Error {
	constructor(readonly answer: Answer) {
		super(answer.body);
	}
}

export function invalid(detail?: string): Invalid {
	return new Invalid(text(400, detail === undefined ? 'Validation failed' : `Validation failed. Details: ${detail}`));
}

export const CHAT_ID_RULE = "must be one of the next formats: 'phone_number@c.us', 'group_id@g.us' or 'id@lid'";
const CHAT_ID = /^(?:\d{5,20}@c\.us|\d{5,20}(?:-\d{5,20})?@g\.us|\d{1,20}@lid)$/;

export function isChatId(value: unknown): value is string {
	return typeof value === 'string' && CHAT_ID.test(value);
}

export function parseObject(raw: string): Fields {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw invalid();
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
	return parsed as Fields;
}

function present(fields: Fields, name: string): boolean {
	return fields[name] !== undefined && fields[name] !== null;
}

export function chatId(fields: Fields, name = 'chatId'): string {
	const value = string(fields, name);
	if (!isChatId(value)) throw invalid(`'${name}' ${CHAT_ID_RULE}`);
	return value;
}

export function string(fields: Fields, name: string, max?: number): string {
	if (!present(fields, name)) throw invalid(`'${name}' is required`);
	const value = optionalString(fields, name, max);
	if (value === '' || value === undefined) throw invalid(`'${name}' is not allowed to be empty`);
	return value;
}

export function optionalString(fields: Fields, name: string, max?: number): string | undefined {
	if (!present(fields, name)) return undefined;
	const value = fields[name];
	if (typeof value !== 'string') throw invalid(`'${name}' must be a string`);
	if (max !== undefined && value.length > max) throw invalid(`'${name}' length must be less than or equal to ${max} characters long`);
	return value;
}

export function optionalBoolean(fields: Fields, name: string): boolean | undefined {
	if (!present(fields, name)) return undefined;
	if (typeof fields[name] !== 'boolean') throw invalid(`'${name}' must be a boolean`);
	return fields[name] as boolean;
}

export function number(fields: Fields, name: string, min: number, max: number, integer = false): number {
	if (!present(fields, name)) throw invalid(`'${name}' is required`);
	return optionalNumber(fields, name, min, max, integer) as number;
}

export function optionalNumber(fields: Fields, name: string, min: number, max: number, integer = false): number | undefined {
	if (!present(fields, name)) return undefined;
	const value = fields[name];
	if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`'${name}' must be a number`);
	if (integer && !Number.isInteger(value)) throw invalid(`'${name}' must be an integer`);
	if (value < min) throw invalid(`'${name}' must be larger than or equal to ${min}`);
	if (value > max) throw invalid(`'${name}' must be less than or equal to ${max}`);
	return value;
}

export function array(fields: Fields, name: string, min: number, max: number): unknown[] {
	if (!present(fields, name)) throw invalid(`'${name}' is required`);
	const value = fields[name];
	if (!Array.isArray(value)) throw invalid(`'${name}' must be an array`);
	if (value.length < min) throw invalid(`'${name}' must contain at least ${min} items`);
	if (value.length > max) throw invalid(`'${name}' must contain less than or equal to ${max} items`);
	return value;
}

export function object(fields: Fields, name: string): Fields {
	if (!present(fields, name)) throw invalid(`'${name}' is required`);
	const value = fields[name];
	if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`'${name}' must be an object`);
	return value as Fields;
}

/** typingTime as sendMessage, forwardMessages and sendTyping take it. */
export function typingTime(fields: Fields): number | undefined {
	return optionalNumber(fields, 'typingTime', 1000, 20000, true);
}
