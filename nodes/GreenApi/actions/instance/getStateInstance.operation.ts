import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { instanceLookup, onlyOptions, parseState } from './shared';

export const option: INodePropertyOptions = {
	name: 'Get State',
	value: 'getStateInstance',
	action: 'Get instance state',
	description: 'Whether the instance is authorized, waiting for a QR scan, starting, asleep or blocked',
};

export const docs = 'https://green-api.com/en/docs/api/account/GetStateInstance/';

export const properties: INodeProperties[] = onlyOptions('getStateInstance');

export const execute = instanceLookup('getStateInstance', parseState);
