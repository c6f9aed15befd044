import type { INodeProperties } from 'n8n-workflow';

import { tuningOptions } from '../helpers/options';
import type { LimitedMethod } from '../helpers/rateLimits';

/** The Chat ID field, worded for what the operation accepts. */
export function chatIdProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Chat ID', name: 'chatId', type: 'string', required: true, default: '', placeholder, description };
}

export const PERSONAL_CHAT = {
	placeholder: '71234567890@c.us or +7 123 456-78-90',
	description: 'The personal chat: a chat ID (…@c.us or …@lid) or a phone number in international format, written any usual way',
};

/** The Options collection: the operation's own options, then the request tuning for its method. */
export function optionsCollection(method: LimitedMethod, own: INodeProperties[] = []): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, options: [...own, ...tuningOptions(method)] };
}
