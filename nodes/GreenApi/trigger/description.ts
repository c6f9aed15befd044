import type { INodeProperties } from 'n8n-workflow';

import { mediaProperties } from './notification/mediaOptions';

/** [name, value, what the event is]: the picker is the only place many users read about them. */
const EVENT_TYPES = [
	['Incoming Message', 'incomingMessageReceived', 'A message someone sent to this WhatsApp number, in a personal chat or a group'],
	['Outgoing Message (Phone)', 'outgoingMessageReceived', 'A message sent from the phone or WhatsApp Web of this number'],
	[
		'Outgoing Message (API)',
		'outgoingAPIMessageReceived',
		'The echo of a message sent through the API, a GREEN-API node\'s included: a workflow that replies starts again on its own reply',
	],
	[
		'Outgoing Message Status',
		'outgoingMessageStatus',
		'What became of a message this number sent: sent, delivered, read, or failed, noAccount, notInGroup, yellowCard with a description. Several per message; idMessage is the one the send returned.',
	],
	['Instance State Changed', 'stateInstanceChanged', 'The instance\'s state changed: authorized, notAuthorized, blocked, sleepMode, starting or yellowCard'],
	['Incoming Call', 'incomingCall', 'A call to this number: offered, picked up, hung up, missed or declined'],
	['Device Info', 'deviceInfo', 'The phone\'s details, such as its battery level'],
] as const;

/** What a new trigger listens to: statuses and echoes of our own sends would start a run per reply. */
export const DEFAULT_EVENTS: string[] = ['incomingMessageReceived'];

/** The hidden resource and operation of webhook mode (their defaults below), the key of the trigger's custom operation. */
export const WEBHOOK_RUN = { resource: 'webhook', operation: 'passOn' } as const;

/** The fields' bounds, also enforced at activation (poll/options.ts): expressions skip the editor's checks. */
export const RECEIVE_TIMEOUT = { displayName: 'Receive Timeout (Seconds)', min: 5, max: 60 } as const;
export const MAX_ATTEMPTS = { displayName: 'Attempts per Notification', min: 1, max: 10 } as const;

const poll = { show: { mode: ['poll'] } };
const webhook = { show: { mode: ['webhook'] } };

export const properties: INodeProperties[] = [
	{
		displayName: 'Receive',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Poll the Notification Queue',
				value: 'poll',
				description: 'Works behind NAT and firewalls; needs no public URL. The instance must have no webhook URL.',
			},
			{
				name: 'Webhook',
				value: 'webhook',
				description: 'Instant; GREEN-API must be able to reach this n8n',
			},
		],
		default: 'poll',
	},
	{
		displayName:
			'"Listen for test event" takes the next matching notification off the queue and deletes it, together with every notification before it that the filters reject. Only one workflow may poll an instance: while a published workflow (this one included) polls it, Unpublish that workflow to test, or test on a second instance.',
		name: 'pollNotice',
		type: 'notice',
		default: '',
		displayOptions: poll,
	},
	{
		displayName: RECEIVE_TIMEOUT.displayName,
		name: 'receiveTimeout',
		type: 'number',
		typeOptions: { minValue: RECEIVE_TIMEOUT.min, maxValue: RECEIVE_TIMEOUT.max },
		default: 20,
		description: 'How long each long poll waits for a notification before asking again (5-60; a value outside is taken as the nearest of them)',
		displayOptions: poll,
	},
	{
		displayName: 'Acknowledge',
		name: 'acknowledge',
		type: 'options',
		options: [
			{
				name: 'After the Workflow Finished',
				value: 'afterFinished',
				description: 'At-least-once: a notification is deleted only after its execution succeeded (or failed every attempt)',
			},
			{
				name: 'As Soon as Received',
				value: 'onReceive',
				description: 'Faster, executions overlap; if n8n stops mid-execution that notification is lost',
			},
		],
		default: 'afterFinished',
		displayOptions: poll,
	},
	{
		displayName: MAX_ATTEMPTS.displayName,
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: MAX_ATTEMPTS.min, maxValue: MAX_ATTEMPTS.max, numberPrecision: 0 },
		default: 3,
		description:
			'A failed execution is run again (after 2 s, 4 s, …) up to this many times; then the notification is deleted so the queue moves on, and a failed execution naming its receiptId and chat is saved',
		displayOptions: { show: { mode: ['poll'], acknowledge: ['afterFinished'] } },
	},
	{
		displayName:
			'Paste the Production URL above into the instance\'s webhookUrl in the GREEN-API console, and the Webhook Token below into webhookUrlToken. Requests without it get 401.',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: webhook,
	},
	// Only in webhook mode: they make n8n run the webhook's items through customOperations
	// (GreenApiTrigger.node.ts) instead of trigger(), which has nothing to emit in this mode.
	{ displayName: 'Resource', name: 'resource', type: 'hidden', default: 'webhook', displayOptions: webhook },
	{ displayName: 'Operation', name: 'operation', type: 'hidden', default: 'passOn', displayOptions: webhook },
	{
		displayName: 'Webhook Token',
		name: 'webhookToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'GREEN-API sends it as "Authorization: Bearer &lt;token&gt;"; any request without it is refused',
		displayOptions: webhook,
	},
	{
		displayName: 'Set Webhook URL on Publish',
		name: 'setWebhookUrl',
		type: 'boolean',
		default: false,
		hint: 'Writes webhookUrl and webhookUrlToken through setSettings: it replaces the previous webhook URL, and GREEN-API restarts the instance (up to 5 minutes). Unpublishing clears them if they still point to this workflow.',
		displayOptions: webhook,
	},
	{
		displayName: 'Event Types',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_TYPES.map(([name, value, description]) => ({ name, value, description })),
		default: [...DEFAULT_EVENTS],
		description:
			'Only these start the workflow; others are dropped (poll: deleted from the queue; webhook: answered 200). Cleared: every type, statuses and echoes of your own sends included.',
	},
	{
		displayName: 'Chats',
		name: 'chats',
		type: 'options',
		options: [
			{ name: 'All Chats', value: 'all' },
			{ name: 'Personal Chats Only', value: 'personal' },
			{ name: 'Group Chats Only', value: 'group' },
		],
		default: 'all',
	},
	{
		displayName: 'Only These Chat IDs',
		name: 'chatIds',
		type: 'string',
		default: '',
		placeholder: '+7 912 345-67-89, 120363043968066561@g.us',
		description: 'Comma-separated phone numbers (any form, with country code) or chat IDs; empty: every chat',
	},
	...mediaProperties,
];
