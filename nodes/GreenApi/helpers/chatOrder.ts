/**
 * Runs jobs so that those of one chat go one after another, in input order (the next is
 * started only after the previous one was answered: a reply and its follow-up must never
 * swap), while different chats go in parallel, at most `concurrency` at a time. Chats are
 * taken in the order of their first job.
 */
export async function inChatOrder(chats: ReadonlyArray<string | undefined>, concurrency: number, run: (index: number) => Promise<void>): Promise<void> {
	const queues = new Map<string, number[]>();
	chats.forEach((chat, index) => {
		if (chat === undefined) return; // not to be run (refused before sending)
		const queue = queues.get(chat);
		if (queue) queue.push(index);
		else queues.set(chat, [index]);
	});
	const pending = [...queues.values()];
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < pending.length) {
			const queue = pending[next++];
			for (const index of queue) await run(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, pending.length)) }, worker));
}
