import type { Answer } from './types';

const DESCRIPTION = 'Monthly quota has been exceeded. Upgrade the tariff in the console to continue.';

/** Monthly quotas per method, as on the free Developer plan: 466 once `total` requests were answered. */
export class Quotas {
	private readonly totals = new Map<string, number>();
	private readonly used = new Map<string, number>();

	set(method: string, total: number): void {
		this.totals.set(method.toLowerCase(), total);
		this.used.set(method.toLowerCase(), 0);
	}

	clear(): void {
		this.totals.clear();
		this.used.clear();
	}

	count(method: string): void {
		const key = method.toLowerCase();
		if (this.totals.has(key)) this.used.set(key, (this.used.get(key) ?? 0) + 1);
	}

	exceeded(method: string): Answer | undefined {
		const key = method.toLowerCase();
		const total = this.totals.get(key);
		const used = this.used.get(key) ?? 0;
		if (total === undefined || used < total) return undefined;
		const invokeStatus = { method, used, total, status: 'QUOTE_EXCEEDED', description: DESCRIPTION };
		return { status: 466, body: JSON.stringify({ invokeStatus }), contentType: 'application/json' };
	}
}

export type CorrespondentsSpelling = 'CORRESPONDENTS_QUOTE_EXCEEDED' | 'CORRESPONDENTS_QUOTA_EXCEEDED';

/**
 * The free plan's chat quota: once `total` distinct chats received a message, a send to another chat
 * answers 466 with correspondentsStatus (sends to the chats already used keep working).
 */
export class CorrespondentsQuota {
	private total: number | undefined;
	private spelling: CorrespondentsSpelling = 'CORRESPONDENTS_QUOTE_EXCEEDED';
	private readonly chats = new Set<string>();

	set(total: number, spelling: CorrespondentsSpelling): void {
		if (!(total >= 0) || !Number.isInteger(total)) throw new RangeError(`correspondents quota must be an integer >= 0, got ${total}`);
		this.total = total;
		this.spelling = spelling;
	}

	clear(): void {
		this.total = undefined;
		this.chats.clear();
	}

	/** A chat got an accepted message (counted whether or not a quota is set, as the month's usage). */
	record(chatId: string): void {
		this.chats.add(chatId);
	}

	exceeded(chatId: string): Answer | undefined {
		if (this.total === undefined || this.chats.has(chatId) || this.chats.size < this.total) return undefined;
		const used = [...this.chats];
		const correspondentsStatus = {
			method: 'correspondents',
			used: used.length,
			total: this.total,
			status: this.spelling,
			description: `Monthly quota has been exceeded. You can only send or receive messages from these numbers: ${used.join(',')}. Please go to your personal account and change the tariff to business https://console.green-api.com`,
		};
		return { status: 466, body: JSON.stringify({ correspondentsStatus }), contentType: 'application/json' };
	}
}
