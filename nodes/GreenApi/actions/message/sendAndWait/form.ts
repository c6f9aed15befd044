import { tryToParseJsonToFormFields } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { refuse } from '../../../helpers/errors';

/**
 * What the answer page shows, decided when the message is sent and carried, signed, in the
 * link. The waiting webhook evaluates parameters against the item the node hands on at a
 * time-out ({ data: { timedOut: true } }), not the input item, so nothing there is read again.
 */
export type Page =
	| { kind: 'approval'; approved: boolean; label: string }
	// text: Free Text, whose one field is the answer's `text`.
	| { kind: 'form'; title: string; description: string; button: string; fields: Field[]; text?: boolean };

export const FIELD_TYPES = ['text', 'textarea', 'number', 'email', 'date', 'dropdown'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface Field {
	label: string;
	type: FieldType;
	required: boolean;
	placeholder?: string;
	options?: string[];
}

/** Free Text: the one field n8n's own Send and Wait shows. */
export const FREE_TEXT_FIELD: Field = { label: 'Response', type: 'textarea', required: true };

export const FORM_LIMITS = { fields: 20, label: 100, options: 50 } as const;

/** The fields as the editor or n8n's form JSON gives them (n8n-workflow parses the JSON as its Form node does). */
export function readFields(raw: unknown, json: boolean): Field[] {
	let rows: unknown[];
	if (json) {
		try {
			rows = tryToParseJsonToFormFields(raw);
		} catch (error) {
			throw refuse(`Form Fields (JSON) is not a list of form fields: ${(error as Error).message.slice(0, 200)}`);
		}
	} else {
		const values = (raw as { values?: unknown } | undefined)?.values;
		rows = Array.isArray(values) ? values : [];
	}
	if (rows.length === 0) throw refuse('The form has no fields: add at least one');
	if (rows.length > FORM_LIMITS.fields) throw refuse(`The form has ${rows.length} fields; at most ${FORM_LIMITS.fields} fit in its link: remove some`);
	const seen = new Set<string>();
	return rows.map((row, index) => readField(row as IDataObject, index, seen));
}

function readField(row: IDataObject, index: number, seen: Set<string>): Field {
	const label = String(row.fieldName ?? row.fieldLabel ?? '').trim();
	const name = `Form field ${index + 1}`;
	if (label === '') throw refuse(`${name} has no label: give every field one`);
	if (label.length > FORM_LIMITS.label) throw refuse(`${name}'s label has ${label.length} characters; at most ${FORM_LIMITS.label}`);
	if (seen.has(label)) throw refuse(`Form fields share the label "${label}": the answer is keyed by label, so give each its own`);
	seen.add(label);
	const type = String(row.fieldType ?? 'text') as FieldType;
	if (!FIELD_TYPES.includes(type)) throw refuse(`${name}'s type "${type.slice(0, 20)}" is not one of ${FIELD_TYPES.join(', ')}`);
	const field: Field = { label, type, required: row.requiredField === true };
	if (typeof row.placeholder === 'string' && row.placeholder !== '') field.placeholder = row.placeholder.slice(0, 200);
	if (type === 'dropdown') {
		const values = (row.fieldOptions as { values?: Array<{ option?: unknown }> } | undefined)?.values ?? [];
		const options = values.map((value) => String(value?.option ?? '').trim()).filter((option) => option !== '');
		if (options.length === 0) throw refuse(`${name} ("${label}") is a dropdown without options: add some`);
		if (options.length > FORM_LIMITS.options) throw refuse(`${name} ("${label}") has ${options.length} options; at most ${FORM_LIMITS.options}`);
		field.options = options;
	}
	return field;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The posted form as the answer, keyed by label, or what is wrong with it: a bad POST
 * records nothing and the page is shown again with the message.
 */
export function readAnswer(fields: Field[], body: IDataObject): { ok: true; data: IDataObject } | { ok: false; problem: string } {
	const data: IDataObject = {};
	for (const [index, field] of fields.entries()) {
		const raw = body[`field-${index}`];
		const text = typeof raw === 'string' ? raw.trim() : Array.isArray(raw) ? String(raw[0] ?? '').trim() : '';
		if (text === '') {
			if (field.required) return { ok: false, problem: `"${field.label}" is required.` };
			data[field.label] = field.type === 'number' ? null : '';
			continue;
		}
		if (field.type === 'number') {
			const number = Number(text);
			if (!Number.isFinite(number)) return { ok: false, problem: `"${field.label}" must be a number.` };
			data[field.label] = number;
		} else if (field.type === 'email' && !EMAIL.test(text)) {
			return { ok: false, problem: `"${field.label}" must be an email address.` };
		} else if (field.type === 'date' && !DATE.test(text)) {
			return { ok: false, problem: `"${field.label}" must be a date (YYYY-MM-DD).` };
		} else if (field.type === 'dropdown' && !field.options?.includes(text)) {
			return { ok: false, problem: `"${field.label}" must be one of the listed choices.` };
		} else {
			data[field.label] = text;
		}
	}
	return { ok: true, data };
}

/**
 * The page as URL parameters, all covered by n8n's signature of the link: an approval link
 * stays readable (?approved=true&label=Approve); a form carries its fields as base64url JSON.
 */
export function pageParams(page: Page): Record<string, string> {
	if (page.kind === 'approval') return { approved: String(page.approved), label: page.label };
	return { form: Buffer.from(JSON.stringify(page), 'utf8').toString('base64url') };
}

export function pageFromQuery(query: IDataObject): Page | undefined {
	if (query.approved === 'true' || query.approved === 'false') {
		return { kind: 'approval', approved: query.approved === 'true', label: typeof query.label === 'string' && query.label !== '' ? query.label : 'Confirm' };
	}
	if (typeof query.form !== 'string' || query.form === '') return undefined;
	try {
		const page = JSON.parse(Buffer.from(query.form, 'base64url').toString('utf8')) as Page;
		if (page?.kind === 'form' && Array.isArray(page.fields)) return page;
	} catch {
		// A link n8n signed always decodes; anything else is not ours.
	}
	return undefined;
}
