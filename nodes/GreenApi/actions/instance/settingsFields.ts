import type { IDataObject } from 'n8n-workflow';

import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';

/**
 * The instance settings GREEN-API's setSettings takes, by name (its GetSettings page). The
 * flags are "yes" / "no" at GREEN-API and booleans in n8n, both ways: Get Settings gives
 * booleans, Set Settings takes them, so its output can be mapped back in.
 */
export interface SettingField {
	name: string;
	displayName: string;
	kind: 'flag' | 'text' | 'milliseconds';
	description: string;
}

export const SETTING_FIELDS: readonly SettingField[] = [
	{ name: 'webhookUrl', displayName: 'Webhook URL', kind: 'text', description: 'Where GREEN-API POSTs notifications. Empty: none, and they wait in the queue that the GREEN-API Trigger (Polling) reads.' },
	{ name: 'webhookUrlToken', displayName: 'Webhook URL Token', kind: 'text', description: 'Sent as "Authorization: Bearer <token>" with each webhook POST; empty: none' },
	{ name: 'delaySendMessagesMilliseconds', displayName: 'Delay Between Sends (Ms)', kind: 'milliseconds', description: 'The pause GREEN-API keeps between two messages it sends from the queue, at least 500 ms' },
	{ name: 'markIncomingMessagesReaded', displayName: 'Mark Incoming as Read', kind: 'flag', description: 'Whether incoming messages are marked read at once. Ignored while Mark Read on Reply is on.' },
	{ name: 'markIncomingMessagesReadedOnReply', displayName: 'Mark Read on Reply', kind: 'flag', description: "Whether a chat's incoming messages are marked read when the API sends to that chat" },
	{ name: 'outgoingWebhook', displayName: 'Outgoing Status Notifications', kind: 'flag', description: 'Whether to notify the sent / delivered / read status of outgoing messages' },
	{ name: 'outgoingMessageWebhook', displayName: 'Sent From Phone Notifications', kind: 'flag', description: 'Whether to notify messages sent from the phone' },
	{ name: 'outgoingAPIMessageWebhook', displayName: 'Sent by API Notifications', kind: 'flag', description: 'Whether to notify messages sent through the API' },
	{ name: 'incomingWebhook', displayName: 'Incoming Message Notifications', kind: 'flag', description: 'Whether to notify incoming messages and files' },
	{ name: 'stateWebhook', displayName: 'State Notifications', kind: 'flag', description: "Whether to notify changes of the instance's state (stateInstanceChanged)" },
	{ name: 'pollMessageWebhook', displayName: 'Poll Notifications', kind: 'flag', description: 'Whether to notify polls and their votes' },
	{ name: 'incomingCallWebhook', displayName: 'Incoming Call Notifications', kind: 'flag', description: 'Whether to notify incoming calls' },
	{ name: 'editedMessageWebhook', displayName: 'Edited Message Notifications', kind: 'flag', description: 'Whether to notify messages edited in a chat' },
	{ name: 'deletedMessageWebhook', displayName: 'Deleted Message Notifications', kind: 'flag', description: 'Whether to notify messages deleted in a chat' },
	{ name: 'keepOnlineStatus', displayName: 'Keep Online', kind: 'flag', description: 'Whether the account shows as online all the time' },
];

export const FLAG_NAMES: ReadonlySet<string> = new Set(SETTING_FIELDS.filter((field) => field.kind === 'flag').map((field) => field.name));

/** Flags GREEN-API still answers but no longer documents for setting: typed the same way. */
const DEPRECATED_FLAGS = ['sharedSession', 'deviceWebhook', 'statusInstanceWebhook', 'enableMessagesHistory', 'incomingBlockWebhook'];

const SETTINGS_RULES = fieldRules({ wid: { type: 'string' }, webhookUrl: { type: 'string' }, webhookUrlToken: { type: 'string' }, delaySendMessagesMilliseconds: { type: 'integer' } });

/** Shown instead of a webhookUrlToken: it authorises calls to the webhook, and an execution's data is kept. */
export const HIDDEN = '[hidden]';

/** getSettings' answer with "yes" / "no" as booleans; the webhook token is only said to be set. */
export function parseSettings(json: unknown): IDataObject {
	const answer = conform(expectObject(json, "the instance's settings"), SETTINGS_RULES);
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(answer)) {
		if (FLAG_NAMES.has(key) || DEPRECATED_FLAGS.includes(key)) result[key] = yesNo(value, key);
		else result[key] = value;
	}
	if (typeof result.webhookUrlToken === 'string' && result.webhookUrlToken !== '') result.webhookUrlToken = HIDDEN;
	return result;
}

function yesNo(value: unknown, key: string): IDataObject[string] {
	if (value === 'yes' || value === true) return true;
	if (value === 'no' || value === false) return false;
	if (value === '' || value === null || value === undefined) return null;
	throw new UnexpectedAnswerError(`GREEN-API answered ${key} as ${JSON.stringify(value).slice(0, 20)}; the documented values are "yes" and "no"`);
}
