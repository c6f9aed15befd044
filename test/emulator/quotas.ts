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
