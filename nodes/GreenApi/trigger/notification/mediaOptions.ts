import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fileOptionProperties, readFileOptions } from '../../helpers/fileOptions';
import type { FileOptions } from '../../helpers/fileOptions';

const TIMEOUT_NAME = 'Timeout (Seconds)';

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
		options: fileOptionProperties(TIMEOUT_NAME),
	},
];

export type MediaSettings = FileOptions;

/** undefined when Download Media is off. */
export function mediaSettingsOf(read: (name: string, fallback: unknown) => unknown, secrets: readonly string[]): MediaSettings | { invalid: string } | undefined {
	if (read('downloadMedia', false) !== true) return undefined;
	return readFileOptions((read('downloadOptions', {}) ?? {}) as IDataObject, 'Download Options', TIMEOUT_NAME, secrets);
}
