import type { IBinaryData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { download } from '../../transport/download';
import { runPerItem } from '../../helpers/runner';
import type { FetchContext } from '../../helpers/runner';
import { conform, expectObject, fieldRules } from '../../helpers/values';
import { chatIdProperty, optionsCollection } from '../common';

export const option: INodePropertyOptions = {
	name: 'Get Avatar',
	value: 'getAvatar',
	action: 'Get avatar',
	description: 'Get the profile picture of a contact or group, optionally as a file',
};

export const docs = 'https://green-api.com/en/docs/api/service/GetAvatar/';

export const properties: INodeProperties[] = [
	chatIdProperty('71234567890@c.us or 120363043968066561@g.us', 'A personal chat (chat ID or phone number) or a group ID (…@g.us)'),
	optionsCollection('getAvatar', [
		{
			displayName: 'Download Image',
			name: 'download',
			type: 'boolean',
			default: false,
			description: 'Whether to download the picture into a binary property, ready for an upload step',
		},
		{
			displayName: 'Put Image in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The binary property the downloaded picture goes to',
		},
	]),
];

const ANSWER_FIELDS = fieldRules({ urlAvatar: { type: 'string' }, available: { type: 'boolean' } });

interface Avatar {
	urlAvatar: string;
	/** False when the contact's privacy settings hide the picture, or it has none. */
	available: boolean;
	image?: IBinaryData;
}

async function fetchAvatar(fetch: FetchContext, chatId: string): Promise<Avatar> {
	const answer = await fetch.call({ chatId }, (json) => conform(expectObject(json, 'an avatar'), ANSWER_FIELDS));
	const urlAvatar = typeof answer.urlAvatar === 'string' ? answer.urlAvatar : '';
	const available = answer.available !== false && urlAvatar !== '';
	if (!available || fetch.options.download !== true) return { urlAvatar, available };
	const file = await download(urlAvatar, fetch);
	const name = `${chatId.replace(/@.*/, '')}${file.extension}`;
	return { urlAvatar, available, image: await fetch.context.helpers.prepareBinaryData(file.data, name, file.mimeType) };
}

export const execute = runPerItem<string, Avatar>({
	method: 'getAvatar',
	read: (item) => item.chatId(['personal', 'group']),
	keyOf: (chatId) => chatId,
	given: (chatId) => ({ chatId }),
	fetch: fetchAvatar,
	toItems: ({ urlAvatar, available, image }, chatId, options) => {
		const property = typeof options.binaryPropertyName === 'string' && options.binaryPropertyName !== '' ? options.binaryPropertyName : 'data';
		return [{ output: 0, item: { json: { chatId, available, urlAvatar }, ...(image ? { binary: { [property]: image } } : {}) } }];
	},
	outputCount: () => 1,
});
