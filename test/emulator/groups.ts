// The emulator's groups: what Create Group made and what the group changes did, so Get Group
// Data answers with them. A group nobody changed is the generated one of getGroupData.ts
// (its owner the seed contact; this account is not in it, so changing it is refused).
import { groupData } from './methods/getGroupData';

/** The instance's own account (the notifications' instanceData.wid). */
export const ACCOUNT = '79001234567@c.us';

export interface Member {
	id: string;
	isAdmin: boolean;
	isSuperAdmin: boolean;
}

export interface Group {
	groupId: string;
	owner: string;
	subject: string;
	creation: number;
	participants: Member[];
	subjectTime: number;
	subjectOwner: string;
	groupInviteLink: string;
	/** setGroupPicture's link, once set (not part of getGroupData's answer). */
	urlAvatar?: string;
}

export class GroupStore {
	private readonly groups = new Map<string, Group>();
	// Never reset: group IDs stay unique for the emulator's lifetime, across tests.
	private made = 0;

	/** A copy of the group as it is now: changes apply only through put(), once the request is accepted. */
	get(groupId: string): Group {
		const group = this.groups.get(groupId) ?? (groupData(groupId) as unknown as Group);
		return structuredClone(group);
	}

	/** Whether the group was created or changed here (else it is the generated one). */
	known(groupId: string): boolean {
		return this.groups.has(groupId);
	}

	/** The getGroupData answer. */
	data(groupId: string): Record<string, unknown> {
		const { urlAvatar: _, ...data } = this.get(groupId);
		return data;
	}

	/** A new group of this account (its super admin) and `members`, not stored until put(). */
	draft(subject: string, members: readonly string[]): Group {
		this.made++;
		const creation = Math.floor(Date.now() / 1000);
		const groupId = `${ACCOUNT.slice(0, -'@c.us'.length)}-${1_700_000_000 + this.made}@g.us`;
		return {
			groupId,
			owner: ACCOUNT,
			subject,
			creation,
			participants: [{ id: ACCOUNT, isAdmin: true, isSuperAdmin: true }, ...members.map((id) => ({ id, isAdmin: false, isSuperAdmin: false }))],
			subjectTime: creation,
			subjectOwner: ACCOUNT,
			groupInviteLink: `https://chat.whatsapp.com/EMU${this.made.toString(36).toUpperCase().padStart(19, '0')}`,
		};
	}

	put(group: Group): void {
		this.groups.set(group.groupId, group);
	}

	all(): Group[] {
		return [...this.groups.values()].map((group) => structuredClone(group));
	}

	clear(): void {
		this.groups.clear();
	}
}

export function memberOf(group: Group, id: string): Member | undefined {
	return group.participants.find((member) => member.id === id);
}

/** What WhatsApp requires of the account for every change but leaving. */
export function accountIsAdmin(group: Group): boolean {
	return memberOf(group, ACCOUNT)?.isAdmin === true;
}
