import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { phoneNumberOf } from '../../helpers/chatId';
import { runPerItem } from '../../helpers/runner';
import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import { chatIdProperty, optionsCollection } from '../common';

export const option: INodePropertyOptions = {
	name: 'Check WhatsApp',
	value: 'checkWhatsapp',
	action: 'Check WhatsApp',
	description: 'Check whether a phone number has a WhatsApp account, before spending slower lookups on it',
};

export const docs = 'https://green-api.com/en/docs/api/service/CheckWhatsapp/';

/** Two outputs only while Route by Result is on. */
export const outputs = { names: ['Has WhatsApp', 'No WhatsApp'], when: 'splitByResult' };

export const properties: INodeProperties[] = [
	chatIdProperty('+7 123 456-78-90 or 71234567890@c.us', 'The phone number in international format, written any usual way, or a chat ID (…@c.us or …@lid)'),
	optionsCollection('checkWhatsapp', [
		{
			displayName: 'Route by Result',
			name: 'splitByResult',
			type: 'boolean',
			default: false,
			description: 'Whether numbers without WhatsApp go to a second output ("No WhatsApp") instead of the first ("Has WhatsApp")',
		},
	]),
];

const ANSWER_FIELDS = fieldRules({ existsWhatsapp: { type: 'boolean' }, chatId: { type: 'string' } });

interface Check {
	existsWhatsapp: boolean;
	/** The account's chatId as GREEN-API found it (it may be an …@lid), else the one asked for. */
	chatId: string;
	extra: IDataObject;
}

function parseCheck(json: unknown, asked: string): Check {
	const { existsWhatsapp, chatId, ...extra } = conform(expectObject(json, 'a check result'), ANSWER_FIELDS);
	if (typeof existsWhatsapp !== 'boolean') throw new UnexpectedAnswerError('GREEN-API answered without existsWhatsapp');
	return { existsWhatsapp, chatId: typeof chatId === 'string' && chatId !== '' ? chatId : asked, extra };
}

/** `chatId` in the body as the current docs say (`phoneNumber` is deprecated). */
export const execute = runPerItem<string, Check>({
	method: 'checkWhatsapp',
	read: (item) => item.chatId(['personal']),
	keyOf: (chatId) => chatId,
	given: (chatId) => ({ chatId }),
	fetch: ({ call }, chatId) => call({ chatId }, (json) => parseCheck(json, chatId)),
	toItems: ({ existsWhatsapp, chatId, extra }, asked, options) => [
		{
			output: options.splitByResult === true && !existsWhatsapp ? 1 : 0,
			item: { json: { phoneNumber: phoneNumberOf(asked), chatId, existsWhatsapp, ...extra } },
		},
	],
	outputCount: (options) => (options.splitByResult === true ? 2 : 1),
	// As n8n's IF node does: a number whose check failed must not reach the "on WhatsApp" branch.
	failedOutput: (options) => (options.splitByResult === true ? 1 : 0),
});
