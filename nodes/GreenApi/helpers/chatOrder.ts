/**
 * Runs jobs so that those of one chat go one after another, in input order (the next is
 * started only after the previous one was answered: a reply and its follow-up must never
 * swap), while different chats go in parallel, at most `concurrency` at a time. A free slot
 * always goes to the earliest item whose chat is free, so with one slot the whole run keeps
 * input order, and with more no chat waits behind a busy one.
 */
export async function inChatOrder(chats: ReadonlyArray<string | undefined>, concurrency: number, run: (index: number) => Promise<void>): Promise<void> {
	const queues = new Map<string, number[]>();
	chats.forEach((chat, index) => {
		if (chat === undefined) return; // not to be run (refused before sending)
		const queue = queues.get(chat);
		if (queue) queue.push(index);
		else queues.set(chat, [index]);
	});
	// Free chats, earliest waiting item first: each queue is in input order, so its head decides.
	const ready = new MinHeap<number[]>((queue) => queue[0]);
	for (const queue of queues.values()) ready.push(queue);

	await new Promise<void>((resolve, reject) => {
		let running = 0;
		const next = (): void => {
			while (running < Math.max(1, concurrency) && ready.size > 0) {
				const queue = ready.pop() as number[];
				const index = queue.shift() as number;
				running++;
				run(index).then(() => {
					running--;
					if (queue.length > 0) ready.push(queue);
					next();
				}, reject);
			}
			if (running === 0 && ready.size === 0) resolve();
		};
		next();
	});
}

/** A binary heap ordered by `key`, smallest first. */
class MinHeap<T> {
	private readonly items: T[] = [];

	constructor(private readonly key: (item: T) => number) {}

	get size(): number {
		return this.items.length;
	}

	push(item: T): void {
		const { items, key } = this;
		items.push(item);
		for (let i = items.length - 1; i > 0; ) {
			const parent = (i - 1) >> 1;
			if (key(items[parent]) <= key(items[i])) break;
			[items[parent], items[i]] = [items[i], items[parent]];
			i = parent;
		}
	}

	pop(): T | undefined {
		const { items, key } = this;
		const top = items[0];
		const last = items.pop();
		if (items.length === 0 || last === undefined) return top;
		items[0] = last;
		for (let i = 0; ; ) {
			const [l, r] = [2 * i + 1, 2 * i + 2];
			let smallest = i;
			if (l < items.length && key(items[l]) < key(items[smallest])) smallest = l;
			if (r < items.length && key(items[r]) < key(items[smallest])) smallest = r;
			if (smallest === i) break;
			[items[smallest], items[i]] = [items[i], items[smallest]];
			i = smallest;
		}
		return top;
	}
}
