// The Instance methods: state, settings of the WhatsApp account, the QR code, reboot, logout and
// the profile picture. Reboot and logout change the emulator's state (MethodRequest.instance), so
// getStateInstance, qr and every other method answer as GREEN-API would afterwards.
import { deflateSync, crc32 } from 'node:zlib';

import { json, text } from '../types';
import { AVATAR_PATH } from './getAvatar';
import type { MethodHandler } from './method';
import { messagingMethod } from './send';
import { Invalid, invalid } from './validate';

/** The account's own number and device, as getWaSettings answers them when authorised. */
export const ACCOUNT_PHONE = '79001234567';
export const ACCOUNT_DEVICE = `${ACCOUNT_PHONE}:8@s.whatsapp.net`;
/** What qr answers for an instance that is neither authorised nor waiting for a scan. */
export const QR_ERROR = 'Instance has auth. Need logout';
export const QR_ALREADY_LOGGED = 'instance account already authorized';

function chunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

/** A real PNG (grey, 1 bit per pixel) of a side×side checkerboard: opens in any viewer. */
export function qrPng(side = 21): Buffer {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(side, 0);
	header.writeUInt32BE(side, 4);
	header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
	const rowBytes = Math.ceil(side / 8);
	const rows = Array.from({ length: side }, (_, y) => {
		const row = Buffer.alloc(1 + rowBytes); // filter byte 0, then the pixels
		for (let x = 0; x < side; x++) if ((x + y) % 2 === 0) row[1 + (x >> 3)] |= 0x80 >> (x & 7);
		return row;
	});
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

export const QR_PNG_BASE64 = qrPng().toString('base64');

export const getWaSettings: MethodHandler = {
	name: 'getWaSettings',
	verb: 'GET',
	// The docs: avatar, phone and deviceId are empty unless the instance is authorised.
	serve: ({ state, baseUrl }) => {
		const shown = state === 'authorized' || state === 'yellowCard' || state === 'sleepMode';
		return json(200, JSON.stringify({ avatar: shown ? `${baseUrl}${AVATAR_PATH}${ACCOUNT_PHONE}.jpg` : '', phone: shown ? ACCOUNT_PHONE : '', stateInstance: state, deviceId: shown ? ACCOUNT_DEVICE : '' }));
	},
};

export const qr: MethodHandler = {
	name: 'qr',
	verb: 'GET',
	serve: ({ state }) => {
		if (state === 'notAuthorized') return json(200, JSON.stringify({ type: 'qrCode', message: QR_PNG_BASE64 }));
		if (state === 'authorized' || state === 'yellowCard') return json(200, JSON.stringify({ type: 'alreadyLogged', message: QR_ALREADY_LOGGED }));
		return json(200, JSON.stringify({ type: 'error', message: QR_ERROR }));
	},
};

/** GREEN-API restarts the instance: "starting" for a moment (the emulator's rebootMs), then as before. */
export const reboot: MethodHandler = {
	name: 'reboot',
	verb: 'GET',
	serve: ({ instance }) => {
		instance?.reboot();
		return json(200, JSON.stringify({ isReboot: true }));
	},
};

/** Unlinks the phone: the instance is notAuthorized until a new QR scan. Nothing to log out answers false. */
export const logout: MethodHandler = {
	name: 'logout',
	verb: 'GET',
	serve: ({ state, instance }) => {
		if (state === 'notAuthorized') return json(200, JSON.stringify({ isLogout: false }));
		instance?.setState('notAuthorized');
		return json(200, JSON.stringify({ isLogout: true }));
	},
};

const JPEG = /\.jpe?g$/i;

/** multipart/form-data with `file` (*.jpg), on the API host; logged as a message to "profilePicture". */
export const setProfilePicture = messagingMethod({
	name: 'setProfilePicture',
	needsServing: true,
	fields: ({ form }) => {
		if (form === 'tooLarge') throw new Invalid(text(413, 'Request Entity Too Large'));
		if (form === undefined || form === 'malformed') throw invalid();
		return { ...form.fields };
	},
	check(fields, { form, baseUrl }) {
		const file = typeof form === 'object' ? form.file : undefined;
		if (!file || file.field !== 'file' || file.size === 0) throw new Invalid(text(400, 'File is empty'));
		if (!JPEG.test(file.filename) || (file.mimeType !== undefined && file.mimeType !== 'image/jpeg')) throw new Invalid(text(400, 'Unsupported media type'));
		return {
			chatId: 'profilePicture',
			reply: { reason: null, urlAvatar: `${baseUrl}${AVATAR_PATH}${ACCOUNT_PHONE}.jpg?sha=${file.sha256.slice(0, 16)}`, setProfilePicture: true },
			fields,
			file: { fileName: file.filename, size: file.size, sha256: file.sha256, ...(file.mimeType === undefined ? {} : { mimeType: file.mimeType }), peakBufferedBytes: (form as { peakBufferedBytes: number }).peakBufferedBytes },
		};
	},
});
