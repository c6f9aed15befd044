import type { IDataObject } from 'n8n-workflow';

/**
 * Value checks every answer parser uses: documented fields are brought to their documented
 * type when that loses nothing (a number where a string is documented, "true" for a
 * boolean, "60" for an integer) and refused otherwise, so downstream mappings can rely on
 * the types. Fields the API adds later are kept untouched.
 */

export class UnexpectedAnswerError extends Error {}

export type FieldType = 'string' | 'boolean' | 'integer' | 'object' | 'list';
export interface FieldRule {
	type: FieldType;
	nullable?: boolean;
}
export type FieldRules = ReadonlyArray<readonly [string, FieldRule]>;

/** Deeper than any documented answer by far; deeper answers cannot be copied or shown safely. */
export const MAX_ANSWER_DEPTH = 64;

export function fieldRules(record: Record<string, FieldRule>): FieldRules {
	return Object.entries(record);
}

/** The answer as an object, refused when it is anything else or nested beyond reason. */
export function expectObject(value: unknown, what: string): IDataObject {
	if (!isPlainObject(value)) throw new UnexpectedAnswerError(`GREEN-API answered ${describe(value)} instead of ${what}`);
	checkDepth(value);
	return value;
}

export function expectList(value: unknown, what: string): unknown[] {
	if (!Array.isArray(value)) throw new UnexpectedAnswerError(`GREEN-API answered ${describe(value)} instead of ${what}`);
	checkDepth(value);
	return value;
}

export function conform(source: IDataObject, rules: FieldRules, prefix = ''): IDataObject {
	const result: IDataObject = { ...source };
	for (const [field, rule] of rules) {
		if (!(field in source)) continue;
		result[field] = coerce(source[field], rule, prefix + field);
	}
	return result;
}

export function coerce(value: unknown, rule: FieldRule, path: string): IDataObject[string] {
	if (value === null && rule.nullable) return null;
	switch (rule.type) {
		case 'string':
			if (typeof value === 'string') return value;
			if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
			break;
		case 'boolean':
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 1) return true;
			if (value === 'false' || value === 0) return false;
			break;
		case 'integer':
			if (Number.isSafeInteger(value)) return value as number;
			if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value);
			break;
		case 'object':
			if (isPlainObject(value)) return value;
			break;
		case 'list':
			if (Array.isArray(value)) return value as IDataObject[];
			break;
	}
	const expected = rule.nullable ? `${rule.type} or null` : rule.type;
	throw new UnexpectedAnswerError(`GREEN-API answered ${path} as ${describe(value)}; the documented type is ${expected}`);
}

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a value is, for a message. Server text is quoted only when too short to hold a
 * 10-character piece of a secret: a longer one may echo the token, and a cut piece of
 * it could not be redacted afterwards.
 */
export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return value.length < 10 ? `the text "${value}"` : `a text of ${value.length} characters`;
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
	return typeof value;
}

/** Iterative, so a hostile 100,000-deep answer cannot overflow the stack here. */
function checkDepth(root: unknown): void {
	const stack: Array<[unknown, number]> = [[root, 1]];
	while (stack.length > 0) {
		const [value, depth] = stack.pop() as [unknown, number];
		if (typeof value !== 'object' || value === null) continue;
		if (depth > MAX_ANSWER_DEPTH) {
			throw new UnexpectedAnswerError(`GREEN-API answered with values nested more than ${MAX_ANSWER_DEPTH} levels deep`);
		}
		for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
	}
}
