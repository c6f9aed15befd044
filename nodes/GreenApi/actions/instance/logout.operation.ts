import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { onlyOnceUnlessAsked, runForEachItemOption } from '../../helpers/runForEachItem';
import { runSends } from '../../helpers/sendRunner';
import { changeInstance, INSTANCE_KEY, onlyOptions } from './shared';

const WHAT = 'log the instance out';

export const option: INodePropertyOptions = {
	name: 'Log Out',
	value: 'logout',
	action: 'Log out instance',
	description: 'Unlink the phone from the instance: nothing is sent or received until the phone scans a new QR code',
};

export const docs = 'https://green-api.com/en/docs/api/account/Logout/';

export const properties: INodeProperties[] = [
	...onlyOptions('logout', [runForEachItemOption(WHAT)]),
	{
		displayName:
			'Log Out unlinks the WhatsApp phone from this instance. Until someone scans a new QR code on that phone (Get QR Code), the instance sends and receives nothing. It runs for one input item only, unless Options → Run for Each Item is on.',
		name: 'logoutNotice',
		type: 'notice',
		default: '',
	},
];

const run = runSends<null>({
	method: 'logout',
	unknown: 'GREEN-API may or may not have logged the instance out: check it with Get State before doing anything else',
	read: () => null,
	chatOf: () => INSTANCE_KEY,
	given: () => ({}),
	send: async (send) =>
		await changeInstance(send, 'logout', 'isLogout', {
			message: 'Not logged out: GREEN-API answered isLogout false',
			description: 'Nothing changed: the instance may already be logged out (check it with Get State).',
		}),
});

export const execute = onlyOnceUnlessAsked('Log Out', WHAT, run);
