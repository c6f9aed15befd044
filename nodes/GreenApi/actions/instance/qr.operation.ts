import type { IBinaryData, IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runner';
import type { FetchContext } from '../../helpers/runner';
import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import { GreenApiError } from '../../transport/failures';
import { INSTANCE_KEY, onlyOptions } from './shared';

export const option: INodePropertyOptions = {
	name: 'Get QR Code',
	value: 'qr',
	action: 'Get QR code',
	description: 'The QR code that links a phone to the instance, as a PNG file to open or mail to whoever holds the phone',
};

export const docs = 'https://green-api.com/en/docs/api/account/QR/';

export const properties: INodeProperties[] = onlyOptions('qr', [
	{ displayName: 'Put Output File in Field', name: 'binaryPropertyName', type: 'string', default: 'data', description: 'The binary property the QR code picture (qr.png) goes to' },
	{ displayName: 'Put QR Code in Field', name: 'includeBase64', type: 'boolean', default: false, description: 'Whether to also put the picture as base64 text into the field qrCode, e.g. for an HTML e-mail' },
]);

type QrType = 'qrCode' | 'alreadyLogged' | 'error';
const TYPES: readonly string[] = ['qrCode', 'alreadyLogged', 'error'] satisfies QrType[];

const QR_FIELDS = fieldRules({ type: { type: 'string' }, message: { type: 'string' } });

function parseQr(json: unknown): { type: QrType; message: string } {
	const answer = conform(expectObject(json, 'a QR code or a state'), QR_FIELDS);
	if (typeof answer.type !== 'string' || !TYPES.includes(answer.type)) throw new UnexpectedAnswerError(`GREEN-API answered the QR code with type ${JSON.stringify(answer.type ?? null).slice(0, 30)}; the documented ones are ${TYPES.join(', ')}`);
	return { type: answer.type as QrType, message: typeof answer.message === 'string' ? answer.message : '' };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The picture GREEN-API sent, or why it is none: a broken picture would be mailed to someone who cannot scan it. */
function pngOf(message: string): Buffer {
	const base64 = message.replace(/^data:image\/png;base64,/, '').replace(/\s+/g, '');
	const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64') : Buffer.alloc(0);
	if (bytes.length <= PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
		throw new UnexpectedAnswerError(`GREEN-API's QR code is not a base64 PNG picture (${message.length} characters that do not decode to one)`);
	}
	return bytes;
}

interface Qr {
	json: IDataObject;
	picture?: IBinaryData;
}

async function fetchQr(fetch: FetchContext): Promise<Qr> {
	const { type, message } = await fetch.call(undefined, parseQr);
	if (type === 'error') {
		// Not a node error yet: the runner turns every failure into one (errors.ts toNodeError).
		throw new GreenApiError(`GREEN-API gave no QR code: ${message || 'it answered "error" without a reason'}`, 'Check the instance with Get State; when it keeps old login data, Log Out first, then ask for the QR code again.');
	}
	if (type === 'alreadyLogged') {
		return { json: { type, state: 'authorized', message: 'The instance is already linked to a phone: there is no QR code to scan. Log Out first to link another phone.' } };
	}
	let bytes: Buffer;
	try {
		bytes = pngOf(message);
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error
		throw new GreenApiError((error as Error).message, 'Ask for the QR code again; if this repeats, scan it in the GREEN-API console instead.');
	}
	const picture = await fetch.context.helpers.prepareBinaryData(bytes, 'qr.png', 'image/png');
	// GREEN-API renews the code every 20 seconds: an old picture no longer links.
	const json: IDataObject = { type, state: 'notAuthorized', message: 'Scan it in WhatsApp → Linked devices within about 20 seconds; after that, ask for a new one.' };
	if (fetch.options.includeBase64 === true) json.qrCode = bytes.toString('base64');
	return { json, picture };
}

export const execute = runPerItem<null, Qr>({
	method: 'qr',
	read: () => null,
	keyOf: () => INSTANCE_KEY,
	given: () => ({}),
	fetch: fetchQr,
	toItems: ({ json, picture }, _params, options) => {
		const property = typeof options.binaryPropertyName === 'string' && options.binaryPropertyName.trim() !== '' ? options.binaryPropertyName.trim() : 'data';
		return [{ output: 0, item: { json, ...(picture ? { binary: { [property]: picture } } : {}) } }];
	},
	outputCount: () => 1,
});
