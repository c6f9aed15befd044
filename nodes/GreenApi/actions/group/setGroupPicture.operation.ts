import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { binaryFile } from '../../helpers/binaryFile';
import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { runSends } from '../../helpers/sendRunner';
import { multipartBody } from '../../transport/multipart';
import type { UploadFile } from '../../transport/multipart';
import { optionsCollection } from '../common';
import { DONE, expectTrue, groupIdProperty, NOT_ADMIN, parseFlag, readGroupId } from './shared';

export const option: INodePropertyOptions = {
	name: 'Set Group Picture',
	value: 'setGroupPicture',
	action: 'Set group picture',
	description: "Set a group's picture from a JPG in n8n binary data; this account must be an admin of the group",
};

export const docs = 'https://green-api.com/en/docs/api/groups/SetGroupPicture/';

export const properties: INodeProperties[] = [
	groupIdProperty,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the binary field that holds the picture: a JPG, the only format GREEN-API takes',
	},
	optionsCollection('setGroupPicture'),
];

interface Picture {
	groupId: string;
	file: UploadFile;
}

const JPEG_NAME = /\.jpe?g$/i;

/** GREEN-API answers 400 "Unsupported media type" to anything but a JPG: refused here, before any upload. */
async function readPicture(item: ItemParameters, context: IExecuteFunctions): Promise<Picture> {
	const groupId = readGroupId(item);
	const field = String(item.value('binaryPropertyName', 'Input Binary Field', 'data') ?? '').trim() || 'data';
	const binary = context.getInputData()[item.index]?.binary?.[field];
	const name = binary?.fileName ?? '';
	const jpeg = binary?.mimeType === 'image/jpeg' || JPEG_NAME.test(name);
	if (binary && !jpeg) {
		throw refuse(`The picture "${name.slice(0, 60)}" (${binary.mimeType || 'no type'}) is not a JPG: GREEN-API takes a group picture only as JPG. Convert it first (e.g. with n8n's Edit Image node, format JPEG)`, { binaryPropertyName: field, fileName: name.slice(0, 60) });
	}
	// A JPG without a name (or named without .jpg) still needs one: the media type goes by it.
	const fileName = JPEG_NAME.test(name) ? name : 'group-picture.jpg';
	const file = await binaryFile(context, item.index, field, fileName);
	if (file.length === 0) throw refuse('The picture is empty (0 bytes): put the JPG into the item first', { binaryPropertyName: field, fileName });
	return { groupId, file: { ...file, mimeType: 'image/jpeg' } };
}

const parseSet = parseFlag(['setGroupPicture'], { urlAvatar: { type: 'string', nullable: true }, reason: { type: 'string', nullable: true } });

export const execute = runSends<Picture>({
	method: 'setGroupPicture',
	unknown: "GREEN-API may or may not have set this group's picture: look at the group in WhatsApp (or Get Avatar) before setting it again",
	read: (item, context) => readPicture(item, context),
	chatOf: ({ groupId }) => groupId,
	given: ({ groupId, file }) => ({ groupId, fileName: file.fileName }),
	send: async ({ call }, { groupId, file }) => {
		// GREEN-API takes this upload on the API host, unlike sendFileByUpload's media host.
		const answer = await call('setGroupPicture', multipartBody({ groupId }, 'file', file), parseSet);
		const reason = typeof answer.reason === 'string' && answer.reason !== '' ? ` (reason: ${answer.reason.slice(0, 100)})` : '';
		expectTrue(answer, 'setGroupPicture', `GREEN-API did not set the group picture${reason}`, NOT_ADMIN);
		return { ...answer, groupId, fileName: file.fileName, fileSize: file.length, sendState: DONE };
	},
});
