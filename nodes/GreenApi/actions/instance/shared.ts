import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../../helpers/runner';
import type { LimitedMethod } from '../../helpers/rateLimits';
import type { SendContext } from '../../helpers/sendRunner';
import { GreenApiError } from '../../transport/failures';
import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import type { FieldRules } from '../../helpers/values';
import { optionsCollection } from '../common';

/**
 * What the Instance operations share. They act on the instance of the credential, not on a
 * chat: every item of a run asks the same thing, so a lookup asks once and each item gets
 * its copy (the runner says so in a hint); the state changes keep one order under this key.
 */
export const INSTANCE_KEY = 'instance';

/** The states GREEN-API documents for stateInstance (getStateInstance, getWaSettings). */
export const STATES = ['authorized', 'notAuthorized', 'blocked', 'sleepMode', 'starting', 'yellowCard'];

/** A lookup of the instance: one GET, its answer parsed and typed, one item per input item. */
export function instanceLookup(method: LimitedMethod, parse: (json: unknown) => IDataObject) {
	return runPerItem<null, IDataObject>({
		method,
		read: () => null,
		keyOf: () => INSTANCE_KEY,
		given: () => ({}),
		fetch: async ({ call }) => await call(undefined, parse),
		toItems: (answer) => [{ output: 0, item: { json: answer } }],
		outputCount: () => 1,
	});
}

/** An operation without fields of its own: only the Options collection (the docs link is a callout above it, resources.ts). */
export function onlyOptions(method: LimitedMethod, own: INodeProperties[] = []): INodeProperties[] {
	return [optionsCollection(method, own)];
}

const STATE_FIELDS = fieldRules({ stateInstance: { type: 'string' } });

export function parseState(json: unknown): IDataObject {
	const answer = conform(expectObject(json, "the instance's state"), STATE_FIELDS);
	if (typeof answer.stateInstance !== 'string' || answer.stateInstance === '') throw new UnexpectedAnswerError('GREEN-API answered without stateInstance');
	return answer;
}

/** The state changes' answers: `{"isReboot": true}`, `{"isLogout": true}`, `{"saveSettings": true}`. */
export function parseFlag(field: string, rules: FieldRules = []): (json: unknown) => IDataObject {
	const all = fieldRules({ [field]: { type: 'boolean' } }).concat(rules);
	return (json) => {
		const answer = conform(expectObject(json, `{"${field}": true}`), all);
		if (typeof answer[field] !== 'boolean') throw new UnexpectedAnswerError(`GREEN-API answered without ${field}`);
		return answer;
	};
}

/**
 * GREEN-API answered, and said no: nothing changed, so the item may simply be run again.
 * Not a node error yet: the send runner turns every failure into one (errors.ts toNodeError).
 */
export function refused(message: string, description: string): GreenApiError {
	return new GreenApiError(message, description, undefined, false, 'notSent');
}

/** A GET that changes the instance (reboot, logout), through the send runner: never retried blindly. */
export async function changeInstance(send: SendContext, method: 'reboot' | 'logout', field: string, no: { message: string; description: string }): Promise<IDataObject> {
	const answer = await send.call(method, undefined, parseFlag(field));
	if (answer[field] !== true) throw refused(no.message, no.description);
	return { ...answer, sendState: 'done' };
}
