import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readText, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseSent } from '../message/shared';
import { BETA_NOTE, compact, MAY_HAVE_POSTED, participantsProperty, queuedStatus, readParticipants, STATUS_CHAT } from './shared';
import { fileNameOf, fileProperties, linkOf, readStatusFile } from './statusFile';
import type { StatusFile } from './statusFile';

export const option: INodePropertyOptions = {
	name: 'Send Media Status',
	value: 'sendMediaStatus',
	action: 'Send media status',
	description: 'Post a picture or video status (9:16 pictures, MP4 videos cut at one minute) from n8n binary data or a link (beta at GREEN-API)',
};

export const docs = 'https://green-api.com/en/docs/api/statuses/SendMediaStatus/';

const [source, ...rest] = fileProperties('picture or video', 'https://example.com/offer.jpg');

export const properties: INodeProperties[] = [
	{ ...source, hint: BETA_NOTE },
	...rest,
	{ displayName: 'Caption', name: 'caption', type: 'string', default: '', typeOptions: { rows: 2 }, description: 'Text under the picture or video' },
	participantsProperty,
	optionsCollection('sendMediaStatus'),
];

type MediaStatus = { file: StatusFile; caption?: string; participants?: string[] };

export const execute = runSends<MediaStatus>({
	method: 'sendMediaStatus',
	unknown: MAY_HAVE_POSTED,
	read: async (item, context, connection) => ({
		file: await readStatusFile(item, context, connection),
		caption: readText(item, 'caption', 'Caption', SEND_LIMITS.caption, true),
		participants: readParticipants(item),
	}),
	chatOf: () => STATUS_CHAT,
	given: ({ file }) => ({ fileName: fileNameOf(file) }),
	send: async (send, { file, caption, participants }) => {
		const { urlFile, fileName, fileSize } = await linkOf(send, file);
		const answer = await send.call('sendMediaStatus', compact({ urlFile, fileName, caption, participants }), parseSent);
		return queuedStatus(answer, compact({ urlFile, fileName, fileSize, participants }));
	},
});
