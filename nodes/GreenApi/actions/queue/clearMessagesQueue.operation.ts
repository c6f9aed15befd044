import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { onlyOnceUnlessAsked, runForEachItemOption } from '../../helpers/runForEachItem';
import { runSends } from '../../helpers/sendRunner';
import { conform, expectObject, fieldRules, UnexpectedAnswerError } from '../../helpers/values';
import { optionsCollection } from '../common';

export const option: INodePropertyOptions = {
	name: 'Clear Messages Queue',
	value: 'clearMessagesQueue',
	action: 'Clear messages queue',
	description: 'Delete every message still waiting in the instance\'s send queue: they will never be sent. Cannot be undone.',
};

export const docs = 'https://green-api.com/en/docs/api/queues/ClearMessagesQueue/';

const WHAT = 'clear the whole send queue';

export const properties: INodeProperties[] = [
	{
		displayName:
			'This deletes every message still waiting to be sent from this instance, whichever workflow queued it. They will never be sent, and this cannot be undone. Check them first with Show Messages Queue.',
		name: 'clearMessagesQueueNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection('clearMessagesQueue', [runForEachItemOption(WHAT)]),
];

const ANSWER_FIELDS = fieldRules({ isCleared: { type: 'boolean' } });

function parseCleared(json: unknown): IDataObject {
	const answer = conform(expectObject(json, 'isCleared'), ANSWER_FIELDS);
	if (typeof answer.isCleared !== 'boolean') throw new UnexpectedAnswerError('GREEN-API answered without isCleared');
	return answer;
}

const clear = runSends<Record<string, never>>({
	method: 'clearMessagesQueue',
	unknown: 'GREEN-API may or may not have cleared the send queue: check it with Show Messages Queue or Get Messages Count before clearing again',
	read: () => ({}),
	// One queue per instance: with Run for Each Item the clears go one after the other.
	chatOf: () => 'queue',
	given: () => ({}),
	send: async ({ call, context }) => {
		// GREEN-API has this change of state as a GET: no body.
		const { isCleared } = await call('clearMessagesQueue', undefined, parseCleared);
		if (isCleared !== true) {
			context.addExecutionHints({ message: 'GREEN-API answered isCleared: false, so the send queue was not cleared: its messages will still be sent. Run it again, or check the instance in the GREEN-API console.', location: 'outputPane' });
			return { isCleared: false, sendState: 'notSent' };
		}
		return { isCleared: true, sendState: 'done' };
	},
});

export const execute = onlyOnceUnlessAsked('Clear Messages Queue', WHAT, clear);
