import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { parseSettings } from './settingsFields';
import { instanceLookup, onlyOptions } from './shared';

export const option: INodePropertyOptions = {
	name: 'Get Settings',
	value: 'getSettings',
	action: 'Get settings',
	description: "The instance's settings: webhook URL, notification switches (as booleans), send delay",
};

export const docs = 'https://green-api.com/en/docs/api/account/GetSettings/';

export const properties: INodeProperties[] = onlyOptions('getSettings');

export const execute = instanceLookup('getSettings', parseSettings);
