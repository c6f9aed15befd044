import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { runSends } from '../../helpers/sendRunner';
import { changeInstance, INSTANCE_KEY, onlyOptions } from './shared';

export const option: INodePropertyOptions = {
	name: 'Reboot',
	value: 'reboot',
	action: 'Reboot instance',
	description: 'Restart the instance (it is "starting" for up to 5 minutes); the phone stays linked',
};

export const docs = 'https://green-api.com/en/docs/api/account/Reboot/';

export const properties: INodeProperties[] = onlyOptions('reboot');

export const execute = runSends<null>({
	method: 'reboot',
	unknown: 'GREEN-API may or may not have rebooted the instance: check it with Get State before rebooting again',
	read: () => null,
	chatOf: () => INSTANCE_KEY,
	given: () => ({}),
	send: async (send) =>
		await changeInstance(send, 'reboot', 'isReboot', {
			message: 'Not rebooted: GREEN-API answered isReboot false (stopping or starting the instance failed)',
			description: 'Nothing changed. Run it again in a minute.',
		}),
});
