import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { binaryFile } from '../../helpers/binaryFile';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { runSends } from '../../helpers/sendRunner';
import { conform, expectObject, fieldRules } from '../../helpers/values';
import { multipartBody } from '../../transport/multipart';
import type { UploadFile } from '../../transport/multipart';
import { optionsCollection } from '../common';
import { INSTANCE_KEY, refused } from './shared';

export const option: INodePropertyOptions = {
	name: 'Set Profile Picture',
	value: 'setProfilePicture',
	action: 'Set profile picture',
	description: "Set the WhatsApp account's profile picture from a JPEG in n8n binary data",
};

export const docs = 'https://green-api.com/en/docs/api/account/SetProfilePicture/';

export const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The binary field holding the picture: a JPEG (*.jpg), as GREEN-API takes no other format. WhatsApp allows one change in about 10 seconds.',
	},
	optionsCollection('setProfilePicture'),
];

const JPEG_NAME = /\.jpe?g$/i;

async function read(item: ItemParameters, context: IExecuteFunctions): Promise<UploadFile> {
	const field = String(item.value('binaryPropertyName', 'Input Binary Field', 'data') ?? '').trim() || 'data';
	const file = await binaryFile(context, item.index, field, undefined);
	// GREEN-API answers "Unsupported media type" for anything but *.jpg: said here, before the upload.
	if (file.mimeType !== 'image/jpeg' && !(file.mimeType === 'application/octet-stream' && JPEG_NAME.test(file.fileName))) {
		throw refuse(`Input Binary Field "${field}" holds ${file.mimeType} (${file.fileName.slice(0, 60)}); GREEN-API takes a profile picture only as JPEG: convert it first (e.g. with the Edit Image node, format JPEG)`, {
			binaryPropertyName: field,
			fileName: file.fileName.slice(0, 80),
		});
	}
	// The name GREEN-API sees must end .jpg whatever the binary was called.
	return JPEG_NAME.test(file.fileName) ? file : { ...file, fileName: `${file.fileName.replace(/\.[^.]*$/, '')}.jpg` };
}

const ANSWER_FIELDS = fieldRules({ urlAvatar: { type: 'string', nullable: true }, setProfilePicture: { type: 'boolean' }, reason: { type: 'string', nullable: true } });

function parseAnswer(json: unknown): IDataObject {
	return conform(expectObject(json, 'the result of setting the picture'), ANSWER_FIELDS);
}

export const execute = runSends<UploadFile>({
	method: 'setProfilePicture',
	unknown: 'GREEN-API may or may not have set the profile picture: look at the account (Get WhatsApp Account shows its avatar) before setting it again',
	read: async (item, context) => await read(item, context),
	chatOf: () => INSTANCE_KEY,
	given: (file) => ({ fileName: file.fileName }),
	send: async ({ call }, file) => {
		const answer = await call('setProfilePicture', multipartBody({}, 'file', file), parseAnswer);
		if (answer.setProfilePicture !== true) {
			const reason = typeof answer.reason === 'string' && answer.reason !== '' ? answer.reason : 'no reason given';
			const description = reason === 'rate-overlimit' ? 'WhatsApp allows about one change in 10 seconds: run it again later.' : 'Nothing changed. Check the picture and run it again.';
			throw refused(`Not set: GREEN-API answered setProfilePicture false (${reason.slice(0, 80)})`, description);
		}
		return { urlAvatar: answer.urlAvatar ?? '', setProfilePicture: true, fileName: file.fileName, fileSize: file.length, sendState: 'done' };
	},
});
