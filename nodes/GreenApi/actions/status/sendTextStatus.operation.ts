import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readText, SEND_LIMITS } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { parseSent } from '../message/shared';
import { backgroundColorProperty, BETA_NOTE, compact, MAY_HAVE_POSTED, participantsProperty, queuedStatus, readBackgroundColor, readParticipants, STATUS_CHAT } from './shared';
import { refuse } from '../../helpers/errors';

export const option: INodePropertyOptions = {
	name: 'Send Text Status',
	value: 'sendTextStatus',
	action: 'Send text status',
	description: 'Post a text status (story) for 24 hours, to all contacts or only to the participants given (beta at GREEN-API)',
};

export const docs = 'https://green-api.com/en/docs/api/statuses/SendTextStatus/';

/** The fonts GREEN-API names; they apply to Latin letters only. */
const FONTS = ['SERIF', 'SANS_SERIF', 'NORICAN_REGULAR', 'BRYNDAN_WRITE', 'OSWALD_HEAVY'];

export const properties: INodeProperties[] = [
	{ displayName: 'Message', name: 'message', type: 'string', required: true, default: '', typeOptions: { rows: 3 }, hint: BETA_NOTE },
	backgroundColorProperty,
	{
		displayName: 'Font',
		name: 'font',
		type: 'options',
		options: [{ name: "GREEN-API's Default", value: '' }, ...FONTS.map((font) => ({ name: font.replace(/_/g, ' ').toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase()), value: font }))],
		default: '',
		description: 'Applies to Latin letters only',
	},
	participantsProperty,
	optionsCollection('sendTextStatus'),
];

interface TextStatus {
	message: string;
	backgroundColor?: string;
	font?: string;
	participants?: string[];
}

export const execute = runSends<TextStatus>({
	method: 'sendTextStatus',
	unknown: MAY_HAVE_POSTED,
	read: (item) => {
		const font = String(item.value('font', 'Font', '') ?? '');
		if (font !== '' && !FONTS.includes(font)) throw refuse(`Font "${font.slice(0, 40)}" is not one GREEN-API knows: use one of ${FONTS.join(', ')}`, { font: font.slice(0, 40) });
		return {
			message: readText(item, 'message', 'Message', SEND_LIMITS.text) as string,
			backgroundColor: readBackgroundColor(item),
			font: font || undefined,
			participants: readParticipants(item),
		};
	},
	chatOf: () => STATUS_CHAT,
	given: ({ message, participants }) => ({ message: message.slice(0, 60), ...(participants ? { participants } : {}) }),
	send: async ({ call }, status) => {
		const answer = await call('sendTextStatus', compact({ ...status }), parseSent);
		return queuedStatus(answer, compact({ participants: status.participants }));
	},
});
