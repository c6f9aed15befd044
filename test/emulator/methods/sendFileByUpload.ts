// sendFileByUpload, on the media host only: the form arrives parsed and the file already hashed.
import { messagingMethod } from './send';
import { text } from '../types';
import { chatId, Invalid, invalid, optionalString } from './validate';
import { MAX_TEXT } from './sending';

export const sendFileByUpload = messagingMethod({
	name: 'sendFileByUpload',
	host: 'media',
	fields: ({ form }) => {
		if (form === 'tooLarge') throw new Invalid(text(413, 'Request Entity Too Large'));
		if (form === undefined || form === 'malformed') throw invalid();
		return { ...form.fields };
	},
	check(fields, { form, newId, baseUrl }) {
		const chat = chatId(fields);
		if (typeof form !== 'object') throw invalid();
		const file = form.file;
		if (!file || file.field !== 'file') throw invalid("'file' is required");
		const fileName = optionalString(fields, 'fileName') || file.filename;
		if (!fileName) throw invalid("'fileName' is required");
		optionalString(fields, 'caption', MAX_TEXT);
		optionalString(fields, 'quotedMessageId');
		const idMessage = newId();
		const extension = /\.[A-Za-z0-9]{1,10}$/.exec(fileName)?.[0] ?? '.bin';
		return {
			chatId: chat,
			idMessage,
			reply: { idMessage, urlFile: `${baseUrl}/files/${idMessage}${extension.toLowerCase()}` },
			file: {
				fileName,
				size: file.size,
				sha256: file.sha256,
				...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }),
				...(file.bytes === undefined ? {} : { bytes: file.bytes }),
				peakBufferedBytes: form.peakBufferedBytes,
			},
		};
	},
});
