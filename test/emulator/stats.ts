import type { RecordedStatus, RequestFilter, RequestRecord } from './types';

/** Every request the emulator decided, in arrival order, for assertions and benchmark reports. */
export class RequestLog {
	readonly records: RequestRecord[] = [];

	add(at: number, method: string, chatId: unknown, status: RecordedStatus): void {
		this.records.push({ at, method, chatId, status });
	}

	clear(): void {
		// In place: callers may hold the `requests` array itself.
		this.records.length = 0;
	}

	count(filter: RequestFilter = {}): number {
		const method = filter.method?.toLowerCase();
		let n = 0;
		for (const r of this.records) {
			if (method !== undefined && r.method.toLowerCase() !== method) continue;
			if ('chatId' in filter && r.chatId !== filter.chatId) continue;
			if (filter.status !== undefined && r.status !== filter.status) continue;
			n++;
		}
		return n;
	}

	statusCounts(): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const r of this.records) {
			const key = String(r.status);
			counts[key] = (counts[key] ?? 0) + 1;
		}
		return counts;
	}
}
