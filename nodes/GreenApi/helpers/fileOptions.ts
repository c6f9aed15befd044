import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quote } from '../transport/redact';
import { DEFAULT_FILE_TIMEOUT_S, DEFAULT_MAX_FILE_MB, MAX_FILE_MB, MB } from './mediaFile';

/** Where a received file goes and how much of it may come: the trigger's Download Options and Download File's Options. */
export interface FileOptions {
	field: string;
	maxBytes: number;
	timeoutMs: number;
}

const MAX_TIMEOUT_S = 3600;

/** The three options; `timeoutName` tells the file's own timeout apart from a request's where both are offered. */
export function fileOptionProperties(timeoutName: string): INodeProperties[] {
	return [
		{
			displayName: 'Put File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The binary field the file goes to',
		},
		{
			displayName: 'Max File Size (MB)',
			name: 'maxFileSizeMb',
			type: 'number',
			default: DEFAULT_MAX_FILE_MB,
			typeOptions: { minValue: 1, maxValue: MAX_FILE_MB },
			description: 'A larger file is not kept: the download stops at this size',
		},
		{
			displayName: timeoutName,
			name: 'timeoutSeconds',
			type: 'number',
			default: DEFAULT_FILE_TIMEOUT_S,
			typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_S },
			description: 'How long one file may take as a whole; a file host that sends nothing for 30 s fails sooner',
		},
	];
}

/**
 * The options as the user meant them, or what is wrong with one, naming it (`where` → name):
 * an expression skips the editor's checks, and NaN would make every file "too large".
 */
export function readFileOptions(options: IDataObject, where: string, timeoutName: string, secrets: readonly string[]): FileOptions | { invalid: string } {
	const field = typeof options.binaryPropertyName === 'string' && options.binaryPropertyName.trim() !== '' ? options.binaryPropertyName.trim() : 'data';
	const number = (name: string, displayName: string, fallback: number, min: number, max: number): number | string => {
		const raw = options[name];
		if (raw === undefined || raw === null || raw === '') return fallback;
		const value = typeof raw === 'string' ? Number(raw) : raw;
		if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
		return `${where} → ${displayName} must be a number from ${min} to ${max}; got ${quote(JSON.stringify(raw) ?? String(raw), secrets, 60)}`;
	};
	const maxMb = number('maxFileSizeMb', 'Max File Size (MB)', DEFAULT_MAX_FILE_MB, 1, MAX_FILE_MB);
	if (typeof maxMb === 'string') return { invalid: maxMb };
	const timeout = number('timeoutSeconds', timeoutName, DEFAULT_FILE_TIMEOUT_S, 1, MAX_TIMEOUT_S);
	if (typeof timeout === 'string') return { invalid: timeout };
	return { field, maxBytes: Math.floor(maxMb * MB), timeoutMs: Math.round(timeout * 1000) };
}
