import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { refuse } from '../../helpers/errors';
import type { ItemParameters } from '../../helpers/parameters';
import { isPolled } from '../../helpers/pollingRegistry';
import { runSends } from '../../helpers/sendRunner';
import type { Connection } from '../../transport/connection';
import { optionsCollection } from '../common';
import { FLAG_NAMES, HIDDEN, SETTING_FIELDS } from './settingsFields';
import type { SettingField } from './settingsFields';
import { INSTANCE_KEY, parseFlag, refused } from './shared';

export const option: INodePropertyOptions = {
	name: 'Set Settings',
	value: 'setSettings',
	action: 'Set settings',
	description: 'Change only the settings given (webhook URL, notification switches, send delay…); GREEN-API restarts the instance to apply them',
};

export const docs = 'https://green-api.com/en/docs/api/account/SetSettings/';

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 600_000;

function property(field: SettingField): INodeProperties {
	const base = { displayName: field.displayName, name: field.name, description: field.description };
	if (field.kind === 'flag') return { ...base, type: 'boolean', default: false };
	if (field.kind === 'milliseconds') return { ...base, type: 'number', default: 1000, typeOptions: { minValue: MIN_DELAY_MS, maxValue: MAX_DELAY_MS } };
	return { ...base, type: 'string', default: '', ...(field.name === 'webhookUrlToken' ? { typeOptions: { password: true } } : { placeholder: 'https://example.com/green-api' }) };
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Settings to Change',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add setting',
		default: {},
		options: SETTING_FIELDS.map(property),
		hint: 'Only the settings added here are sent; the others stay as they are. GREEN-API restarts the instance to apply them: it may answer "starting" for up to 5 minutes.',
	},
	optionsCollection('setSettings'),
];

type Settings = IDataObject;

const FIELDS = new Map(SETTING_FIELDS.map((field) => [field.name, field]));

/** A flag as the editor gives it (boolean), or as an expression may ("yes", "true"). */
function flagOf(value: unknown): 'yes' | 'no' | undefined {
	if (value === true || value === 'yes' || value === 'true') return 'yes';
	if (value === false || value === 'no' || value === 'false') return 'no';
	return undefined;
}

function readSetting(field: SettingField, value: unknown): IDataObject[string] {
	const label = `Settings to Change → ${field.displayName}`;
	if (FLAG_NAMES.has(field.name)) {
		const flag = flagOf(value);
		if (!flag) throw refuse(`${label} must be on or off (true / false), not ${JSON.stringify(value)?.slice(0, 40)}`, { [field.name]: String(value).slice(0, 40) });
		return flag;
	}
	if (field.kind === 'milliseconds') {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number) || number < MIN_DELAY_MS || number > MAX_DELAY_MS) {
			throw refuse(`${label} must be whole milliseconds from ${MIN_DELAY_MS} to ${MAX_DELAY_MS.toLocaleString('en-US')}, not ${JSON.stringify(value)?.slice(0, 40)}`, { [field.name]: String(value).slice(0, 40) });
		}
		return number;
	}
	if (typeof value !== 'string') throw refuse(`${label} must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`, { [field.name]: '' });
	const text = value.trim();
	if (field.name === 'webhookUrl' && text !== '' && !/^https?:\/\/[^\s/]+/i.test(text)) {
		throw refuse(`${label} "${text.slice(0, 80)}" is not an http(s) URL: write the address GREEN-API should POST to, or leave it empty to use the queue`, { webhookUrl: text.slice(0, 80) });
	}
	return text;
}

async function read(item: ItemParameters, _context: unknown, connection: Connection): Promise<Settings> {
	const raw = item.value('settings', 'Settings to Change', {});
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw refuse('Settings to Change must be a collection of settings');
	const body: Settings = {};
	for (const [name, value] of Object.entries(raw as IDataObject)) {
		const field = FIELDS.get(name);
		if (!field) throw refuse(`Settings to Change has "${name.slice(0, 40)}", which is not a setting GREEN-API takes: remove it`, { [name.slice(0, 40)]: '' });
		body[name] = readSetting(field, value);
	}
	if (Object.keys(body).length === 0) throw refuse('Settings to Change is empty: add the settings to change (Add setting)');
	// GREEN-API sends notifications to the webhook or to the queue, never both: the trigger would wait for nothing.
	if (typeof body.webhookUrl === 'string' && body.webhookUrl !== '' && (await isPolled(connection.idInstance))) {
		throw refuse(
			`Settings to Change → Webhook URL: a GREEN-API Trigger of this n8n polls instance ${connection.idInstance}, and with a webhook URL GREEN-API stops putting notifications in its queue, so that trigger would silently receive nothing. Unpublish that workflow (or switch its trigger to Receive: Webhook) first`,
			{ webhookUrl: String(body.webhookUrl).slice(0, 80) },
		);
	}
	return body;
}

/** What an output or error item may show of the settings: the webhook token only as set. */
function shown(settings: Settings): IDataObject {
	return { ...settings, ...(typeof settings.webhookUrlToken === 'string' && settings.webhookUrlToken !== '' ? { webhookUrlToken: HIDDEN } : {}) };
}

export const execute = runSends<Settings>({
	method: 'setSettings',
	unknown: 'GREEN-API may or may not have saved these settings: check them with Get Settings (after the restart, up to 5 minutes) before setting them again',
	read,
	chatOf: () => INSTANCE_KEY,
	given: (settings) => ({ changed: Object.keys(settings) }),
	send: async ({ call }, settings) => {
		const answer = await call('setSettings', settings, parseFlag('saveSettings'));
		if (answer.saveSettings !== true) throw refused('Not saved: GREEN-API answered saveSettings false', 'Nothing changed. Check the values (Get Settings shows the current ones) and run it again.');
		return { ...answer, settings: shown(settings), sendState: 'done' };
	},
});
