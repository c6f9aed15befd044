import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import { chatIdProperty } from '../common';

/**
 * What the Message operations share: the Chat ID field that works straight after our
 * trigger (its items carry chatId and messageId), and the parsers of GREEN-API's answers.
 */
export function sendChatIdProperty(description = 'The chat to send to: a personal chat (…@c.us, …@lid, or a phone number in international format written any usual way) or a group (…@g.us). The default takes the chat of the incoming message from the GREEN-API Trigger.'): INodeProperties {
	return { ...chatIdProperty('71234567890@c.us or 120363043968066561@g.us', description), default: '={{ $json.chatId }}' };
}

/** An option, not a field: one click away from the trigger's messageId. */
export const quotedMessageOption: INodeProperties = {
	displayName: 'Quote Message ID',
	name: 'quotedMessageId',
	type: 'string',
	default: '={{ $json.messageId }}',
	description: 'The idMessage of a message in the same chat to reply to (quoted above the new one). The default quotes the incoming message from the GREEN-API Trigger.',
};

/** Said with every failure that may hide a queued message: the user must look before sending again. */
export const MAY_HAVE_BEEN_SENT = 'GREEN-API may or may not have queued this message (it may have been sent): check the chat before sending it again';

const SENT_FIELDS = fieldRules({ idMessage: { type: 'string' } });

/** `{ idMessage }`: the message is queued at GREEN-API under this ID (200 means queued, not delivered). */
export function parseSent(json: unknown): IDataObject & { idMessage: string } {
	const answer = conform(expectObject(json, 'the ID of the queued message'), SENT_FIELDS);
	if (typeof answer.idMessage !== 'string' || answer.idMessage === '') throw new UnexpectedAnswerError('GREEN-API answered without the idMessage of the queued message');
	return answer as IDataObject & { idMessage: string };
}

/** Methods whose documented answer is an empty 200 (deleteMessage, sendTyping): any JSON object is fine too. */
export function parseEmpty(json: unknown): IDataObject {
	return json === undefined || json === null || json === '' ? {} : expectObject(json, 'an empty answer');
}

/** A send's output item: what GREEN-API answered, the chat as sent, and that it is queued (not delivered). */
export function queued(answer: IDataObject, chatId: string, extra: IDataObject = {}): IDataObject {
	return { ...answer, chatId, ...extra, sendState: 'queued' };
}
