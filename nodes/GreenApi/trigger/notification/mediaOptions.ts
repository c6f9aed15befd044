import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DEFAULT_FILE_TIMEOUT_S, DEFAULT_MAX_FILE_MB, MAX_FILE_MB, MB } from '../../helpers/mediaFile';
import { quote } from '../../transport/redact';

/** The trigger's Download Media switch and its options, in both modes. */
export const mediaProperties: INodeProperties[] = [
	{
		displayName: 'Download Media',
		name: 'downloadMedia',
		type: 'boolean',
		default: false,
		description:
			'Whether to put the file of image, video, audio (voice note), document and sticker messages into the item as binary data. A file that cannot be downloaded leaves the item with downloadError, and the workflow still runs.',
	},
	{
		displayName: 'Download Options',
		name: 'downloadOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { downloadMedia: [true] } },
		options: [
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
				description: 'A larger file is not kept: the download stops at this size and the item gets downloadError instead',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: DEFAULT_FILE_TIMEOUT_S,
				typeOptions: { minValue: 1, maxValue: 3600 },
				description: 'How long one file may take as a whole; a file host that sends nothing for 30 s fails sooner',
			},
		],
	},
];

export interface MediaSettings {
	field: string;
	maxBytes: number;
	timeoutMs: number;
}

/** The options as the user meant them, or what is wrong with one: an expression skips the editor's checks. */
export function mediaSettingsOf(read: (name: string, fallback: unknown) => unknown, secrets: readonly string[]): MediaSettings | { invalid: string } | undefined {
	if (read('downloadMedia', false) !== true) return undefined;
	const options = (read('downloadOptions', {}) ?? {}) as IDataObject;
	const field = typeof options.binaryPropertyName === 'string' && options.binaryPropertyName.trim() !== '' ? options.binaryPropertyName.trim() : 'data';
	const number = (name: string, displayName: string, fallback: number, min: number, max: number): number | string => {
		const raw = options[name];
		if (raw === undefined || raw === null || raw === '') return fallback;
		const value = typeof raw === 'string' ? Number(raw) : raw;
		if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
		return `Download Options → ${displayName} must be a number from ${min} to ${max}; got ${quote(JSON.stringify(raw) ?? String(raw), secrets, 60)}`;
	};
	const maxMb = number('maxFileSizeMb', 'Max File Size (MB)', DEFAULT_MAX_FILE_MB, 1, MAX_FILE_MB);
	if (typeof maxMb === 'string') return { invalid: maxMb };
	const timeout = number('timeoutSeconds', 'Timeout (Seconds)', DEFAULT_FILE_TIMEOUT_S, 1, 3600);
	if (typeof timeout === 'string') return { invalid: timeout };
	return { field, maxBytes: Math.floor(maxMb * MB), timeoutMs: Math.round(timeout * 1000) };
}
