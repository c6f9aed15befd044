import { chatDigits } from '../contacts';
import { json, SEED_CHAT_ID, text } from '../types';
import { bodyField, notServing } from './method';
import type { MethodHandler } from './method';

/** A group of three: the seed contact owns it, one more admin, one member. */
export function groupData(groupId: string): Record<string, unknown> {
	const digits = chatDigits(groupId).replace(/\D/g, '');
	const stamp = 1_600_000_000 + (Number(digits.slice(-6)) % 10_000_000);
	return {
		groupId,
		owner: SEED_CHAT_ID,
		subject: `Group ${digits.slice(-4)}`,
		creation: stamp,
		participants: [
			{ id: SEED_CHAT_ID, isAdmin: true, isSuperAdmin: true },
			{ id: '79001234569@c.us', isAdmin: true, isSuperAdmin: false },
			{ id: '79990000003@c.us', isAdmin: false, isSuperAdmin: false },
		],
		subjectTime: stamp + 60,
		subjectOwner: SEED_CHAT_ID,
		groupInviteLink: '',
	};
}

export const getGroupData: MethodHandler = {
	name: 'getGroupData',
	verb: 'POST',
	serve({ body, state, groups }) {
		const down = notServing(state);
		if (down) return down;
		const field = bodyField(body, 'groupId');
		if (!field.ok) return field.answer;
		if (!/^[\d-]+@g\.us$/.test(field.value)) return text(400, 'Validation failed');
		return json(200, JSON.stringify(groups ? groups.data(field.value) : groupData(field.value)));
	},
};
