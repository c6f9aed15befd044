import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { readMessageId, readNumber, readText } from '../../helpers/sendRules';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { MAY_HAVE_BEEN_SENT, parseSent, queued, quotedMessageOption, sendChatIdProperty } from './shared';

export const option: INodePropertyOptions = {
	name: 'Send Location',
	value: 'sendLocation',
	action: 'Send location',
	description: 'Send a point on the map, with an optional name and address',
};

export const docs = 'https://green-api.com/en/docs/api/sending/SendLocation/';

export const properties: INodeProperties[] = [
	sendChatIdProperty(),
	{ displayName: 'Latitude', name: 'latitude', type: 'number', required: true, default: 0, typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 }, description: 'From -90 (south) to 90 (north)' },
	{ displayName: 'Longitude', name: 'longitude', type: 'number', required: true, default: 0, typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 }, description: 'From -180 (west) to 180 (east)' },
	{ displayName: 'Name', name: 'nameLocation', type: 'string', default: '', placeholder: 'Head office' },
	{ displayName: 'Address', name: 'address', type: 'string', default: '', placeholder: '1 Main Street, Springfield' },
	optionsCollection('sendLocation', [quotedMessageOption]),
];

interface Location {
	chatId: string;
	latitude: number;
	longitude: number;
	nameLocation?: string;
	address?: string;
	quotedMessageId?: string;
}

export const execute = runSends<Location>({
	method: 'sendLocation',
	unknown: MAY_HAVE_BEEN_SENT,
	read: (item) => ({
		chatId: item.chatId(['personal', 'group']),
		latitude: readNumber(item, 'latitude', 'Latitude', -90, 90),
		longitude: readNumber(item, 'longitude', 'Longitude', -180, 180),
		nameLocation: readText(item, 'nameLocation', 'Name', 1000, true),
		address: readText(item, 'address', 'Address', 1000, true),
		quotedMessageId: readMessageId(item, 'options.quotedMessageId', 'Quote Message ID', true),
	}),
	chatOf: ({ chatId }) => chatId,
	given: ({ chatId, latitude, longitude }) => ({ chatId, latitude, longitude }),
	send: async ({ call }, location) => queued(await call('sendLocation', { ...location }, parseSent), location.chatId),
});
