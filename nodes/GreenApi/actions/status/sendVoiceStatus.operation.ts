import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseSent } from '../message/shared';
import { backgroundColorProperty, BETA_NOTE, compact, MAY_HAVE_POSTED, participantsProperty, queuedStatus, readBackgroundColor, readParticipants, STATUS_CHAT } from './shared';
import { fileNameOf, fileProperties, linkOf, readStatusFile } from './statusFile';
import type { StatusFile } from './statusFile';

export const option: INodePropertyOptions = {
	name: 'Send Voice Status',
	value: 'sendVoiceStatus',
	action: 'Send voice status',
	description: 'Post a voice status (audio, MP3 recommended, up to 10 minutes) from n8n binary data or a link (beta at GREEN-API)',
};

export const docs = 'https://green-api.com/en/docs/api/statuses/SendVoiceStatus/';

const [source, ...rest] = fileProperties('audio file', 'https://example.com/voice.mp3');

export const properties: INodeProperties[] = [{ ...source, hint: BETA_NOTE }, ...rest, backgroundColorProperty, participantsProperty, optionsCollection('sendVoiceStatus')];

type VoiceStatus = { file: StatusFile; backgroundColor?: string; participants?: string[] };

export const execute = runSends<VoiceStatus>({
	method: 'sendVoiceStatus',
	unknown: MAY_HAVE_POSTED,
	read: async (item, context, connection) => ({ file: await readStatusFile(item, context, connection), backgroundColor: readBackgroundColor(item), participants: readParticipants(item) }),
	chatOf: () => STATUS_CHAT,
	given: ({ file }) => ({ fileName: fileNameOf(file) }),
	send: async (send, { file, backgroundColor, participants }) => {
		const { urlFile, fileName, fileSize } = await linkOf(send, file);
		const answer = await send.call('sendVoiceStatus', compact({ urlFile, fileName, backgroundColor, participants }), parseSent);
		return queuedStatus(answer, compact({ urlFile, fileName, fileSize, participants }));
	},
});
