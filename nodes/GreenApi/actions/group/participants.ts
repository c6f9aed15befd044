import type { INodeProperties } from 'n8n-workflow';

import type { LimitedMethod } from '../../helpers/rateLimits';
import { runSends } from '../../helpers/sendRunner';
import { optionsCollection } from '../common';
import { DONE, expectTrue, groupIdProperty, parseFlag, participantProperty, readGroupId, readParticipant } from './shared';

/**
 * Add / Remove Participant, Promote to Admin and Demote Admin: one group, one member, one flag
 * in the answer. Only the wording differs, so the four operation files differ only in it.
 */
export interface ParticipantChange {
	method: LimitedMethod & ('addGroupParticipant' | 'removeGroupParticipant' | 'setGroupAdmin' | 'removeAdmin');
	/** The answer's flag: addParticipant, removeParticipant, setGroupAdmin, removeAdmin. */
	flag: string;
	/** What GREEN-API did not do when the flag is false, e.g. "add the participant". */
	what: string;
	/** What to check when it said no. */
	check: string;
}

interface Member {
	groupId: string;
	participantChatId: string;
}

export function participantProperties(method: LimitedMethod, notice?: string): INodeProperties[] {
	return [
		groupIdProperty,
		participantProperty,
		...(notice ? [{ displayName: notice, name: `${method}Notice`, type: 'notice' as const, default: '' }] : []),
		optionsCollection(method),
	];
}

export function participantChange({ method, flag, what, check }: ParticipantChange) {
	const parse = parseFlag([flag]);
	return runSends<Member>({
		method,
		unknown: `GREEN-API may or may not have done this (${what}): check the group's members (Get Group Data) before running it again`,
		read: (item) => ({ groupId: readGroupId(item), participantChatId: readParticipant(item) }),
		// Per group, in input order: "add, then promote" must not swap.
		chatOf: ({ groupId }) => groupId,
		given: ({ groupId, participantChatId }) => ({ groupId, participantChatId }),
		send: async ({ call }, { groupId, participantChatId }) => {
			const answer = await call(method, { groupId, participantChatId }, parse);
			return { ...expectTrue(answer, flag, `GREEN-API did not ${what}`, check), groupId, participantChatId, sendState: DONE };
		},
	});
}
