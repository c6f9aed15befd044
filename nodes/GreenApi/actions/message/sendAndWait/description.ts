import type { INodeProperties } from 'n8n-workflow';

import { SEND_LIMITS } from '../../../helpers/sendRules';
import { optionsCollection } from '../../common';
import { sendChatIdProperty } from '../shared';
import { FIELD_TYPES } from './form';

/**
 * The fields of Send and Wait for Response. The names are n8n's own (message, responseType,
 * approvalOptions, defineForm, formFields, jsonOutput, options.limitWaitTime): n8n builds its
 * "Human review" tool from any node with a sendAndWait operation and replaces `message` and
 * `responseType` by name, as for its Slack or Telegram nodes.
 */
const ONE_WAIT =
	'One message and one wait per execution, as in n8n: with several input items only the first is sent and waited for.';

const show = (values: Record<string, string[]>) => ({ show: values });

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	description: 'Stop waiting after a while: the node then outputs { data: { timedOut: true } }',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{ name: 'After Time Interval', value: 'afterTimeInterval', description: 'Waits for a certain amount of time' },
						{ name: 'At Specified Time', value: 'atSpecifiedTime', description: 'Waits until a date and time' },
					],
				},
				{ displayName: 'Amount', name: 'resumeAmount', type: 'number', default: 45, typeOptions: { minValue: 0, numberPrecision: 2 }, displayOptions: show({ limitType: ['afterTimeInterval'] }) },
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'minutes',
					options: ['seconds', 'minutes', 'hours', 'days'].map((unit) => ({ name: unit[0].toUpperCase() + unit.slice(1), value: unit })),
					displayOptions: show({ limitType: ['afterTimeInterval'] }),
				},
				{ displayName: 'Max Date and Time', name: 'maxDateAndTime', type: 'dateTime', default: '', displayOptions: show({ limitType: ['atSpecifiedTime'] }), description: 'Stop waiting at this date and time' },
			],
		},
	],
};

const formFields: INodeProperties[] = [
	{
		displayName: 'Define Form',
		name: 'defineForm',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		displayOptions: show({ responseType: ['customForm'] }),
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Form Element',
		default: {},
		displayOptions: show({ responseType: ['customForm'], defineForm: ['fields'] }),
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Element Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: FIELD_TYPES.map((type) => ({ name: type === 'textarea' ? 'Textarea' : type[0].toUpperCase() + type.slice(1), value: type })),
					},
					{ displayName: 'Field Label', name: 'fieldLabel', type: 'string', default: '', placeholder: 'e.g. Your name', required: true, description: 'Also the key of the answer in the output' },
					{
						displayName: 'Field Options',
						name: 'fieldOptions',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, sortable: true },
						required: true,
						placeholder: 'Add Field Option',
						default: { values: [{ option: '' }] },
						displayOptions: show({ fieldType: ['dropdown'] }),
						options: [{ displayName: 'Values', name: 'values', values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }] }],
					},
					{ displayName: 'Placeholder', name: 'placeholder', type: 'string', default: '', displayOptions: { hide: { fieldType: ['dropdown', 'date'] } } },
					{ displayName: 'Required Field', name: 'requiredField', type: 'boolean', default: false, description: 'Whether to require the person to fill this field in' },
				],
			},
		],
	},
	{
		displayName: 'Form Fields (JSON)',
		name: 'jsonOutput',
		type: 'json',
		typeOptions: { rows: 5 },
		default: '[\n  {\n    "fieldLabel": "Name",\n    "requiredField": true\n  },\n  {\n    "fieldLabel": "Comment",\n    "fieldType": "textarea"\n  }\n]',
		description: `As in n8n's Form node: fieldLabel, fieldType (${FIELD_TYPES.join(', ')}), requiredField, placeholder, fieldOptions`,
		displayOptions: show({ responseType: ['customForm'], defineForm: ['json'] }),
	},
];

export const properties: INodeProperties[] = [
	{ ...sendChatIdProperty(), hint: ONE_WAIT },
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `The question, up to ${SEND_LIMITS.text.toLocaleString('en-US')} characters with the links. The links to answer follow it.`,
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{ name: 'Approval', value: 'approval', description: 'An Approve link, or Approve and Decline' },
			{ name: 'Free Text', value: 'freeText', description: 'A link to a form with one text field' },
			{ name: 'Custom Form', value: 'customForm', description: 'A link to a form with your fields' },
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show({ responseType: ['approval'] }),
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{ displayName: 'Approve Button Label', name: 'approveLabel', type: 'string', default: 'Approve' },
					{ displayName: 'Decline Button Label', name: 'disapproveLabel', type: 'string', default: 'Decline', displayOptions: show({ approvalType: ['double'] }) },
				],
			},
		],
	},
	...formFields,
	optionsCollection('sendAndWait', [
		limitWaitTime,
		{ displayName: 'Links as Buttons', name: 'asButtons', type: 'boolean', default: false, description: 'Whether to send the links as tap buttons (GREEN-API beta: personal chats only) instead of links in the text' },
		{ displayName: 'Tap Line', name: 'tapLine', type: 'string', default: '', description: 'The line under the question that says what a tap does; empty: a line chosen for the response type' },
		{ displayName: 'Message Button Label', name: 'messageButtonLabel', type: 'string', default: 'Respond', displayOptions: show({ '/responseType': ['freeText', 'customForm'] }) },
		{ displayName: 'Response Form Title', name: 'responseFormTitle', type: 'string', default: '', description: 'The heading of the form page; empty: "Your answer"', displayOptions: show({ '/responseType': ['freeText', 'customForm'] }) },
		{ displayName: 'Response Form Description', name: 'responseFormDescription', type: 'string', default: '', description: 'A text under the heading of the form page (it travels in the link, so keep it short)', displayOptions: show({ '/responseType': ['freeText', 'customForm'] }) },
		{ displayName: 'Response Form Button Label', name: 'responseFormButtonLabel', type: 'string', default: 'Submit', displayOptions: show({ '/responseType': ['freeText', 'customForm'] }) },
	]),
];
