/**
 * What this process knows about one instance's receipts, shared by every loop that polls it
 * (a workflow saved again gets a new loop while the old one's execution still runs).
 *
 * - settled: the loop decided it is done with it (ran, poison, filtered, or started for
 *   "As Soon as Received"). GREEN-API may still hand it out again (a delete that answered
 *   false, or one that was cut short): it is then deleted again, never run again.
 * - running: its execution has not ended. Another loop that receives it waits for that end
 *   instead of starting a second execution.
 */
export class ReceiptBook {
	private readonly settled = new Set<string>();
	private readonly running = new Map<string, Promise<void>>();

	/** Receipts are handed out in order, so the newest few thousand are the ones that can come back. */
	constructor(private readonly capacity = 10_000) {}

	isSettled(receiptId: string): boolean {
		return this.settled.has(receiptId);
	}

	settle(receiptId: string): void {
		this.settled.add(receiptId);
		if (this.settled.size > this.capacity) this.settled.delete(this.settled.values().next().value as string);
	}

	/** Marks the receipt as running; call the returned function when the loop is done with it. */
	begin(receiptId: string): () => void {
		let end!: () => void;
		const ended = new Promise<void>((resolve) => (end = resolve));
		this.running.set(receiptId, ended);
		return () => {
			if (this.running.get(receiptId) === ended) this.running.delete(receiptId);
			end();
		};
	}

	/** Resolves when another loop is done with it; undefined when none runs it. */
	whenDone(receiptId: string): Promise<void> | undefined {
		return this.running.get(receiptId);
	}
}

const books = new Map<string, ReceiptBook>();

export function receiptBookFor(instanceKey: string): ReceiptBook {
	let book = books.get(instanceKey);
	if (!book) books.set(instanceKey, (book = new ReceiptBook()));
	return book;
}
