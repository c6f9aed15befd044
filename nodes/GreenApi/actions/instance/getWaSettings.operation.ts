import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { conform, expectObject, fieldRules } from '../../helpers/values';
import { instanceLookup, onlyOptions } from './shared';

export const option: INodePropertyOptions = {
	name: 'Get WhatsApp Account',
	value: 'getWaSettings',
	action: 'Get WhatsApp account',
	description: "The WhatsApp account linked to the instance: its phone number, avatar, state and device",
};

export const docs = 'https://green-api.com/en/docs/api/account/GetWaSettings/';

export const properties: INodeProperties[] = onlyOptions('getWaSettings');

const ACCOUNT_FIELDS = fieldRules({ avatar: { type: 'string' }, phone: { type: 'string' }, stateInstance: { type: 'string' }, deviceId: { type: 'string' } });

/** chatId beside phone, so the next node can write to the account itself; null while nothing is linked. */
function parseAccount(json: unknown): IDataObject {
	const answer = conform(expectObject(json, 'the WhatsApp account'), ACCOUNT_FIELDS);
	const phone = typeof answer.phone === 'string' ? answer.phone.replace(/\D/g, '') : '';
	return { ...answer, chatId: phone === '' ? null : `${phone}@c.us` };
}

export const execute = instanceLookup('getWaSettings', parseAccount);
