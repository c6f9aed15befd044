import { inChatOrder } from '../../nodes/GreenApi/helpers/chatOrder';

/** A promise the test settles by hand, so order is decided by events, not by time. */
function gate(): { promise: Promise<void>; open: () => void } {
	let open = () => {};
	const promise = new Promise<void>((resolve) => (open = resolve));
	return { promise, open };
}

describe('inChatOrder', () => {
	it('starts the next item of a chat only after the previous one ended, while other chats go on', async () => {
		const chats = ['a', 'b', 'a', 'c', 'a'];
		const gates = chats.map(gate);
		const started: number[] = [];
		const run = inChatOrder(chats, 10, async (index) => {
			started.push(index);
			await gates[index].promise;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toEqual([0, 1, 3]);
		gates[1].open();
		gates[3].open();
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toEqual([0, 1, 3]);
		gates[0].open();
		await new Promise((resolve) => setImmediate(resolve));
		expect(started).toEqual([0, 1, 3, 2]);
		gates[2].open();
		gates[4].open();
		await run;
		expect(started).toEqual([0, 1, 3, 2, 4]);
	});

	it('with one slot, keeps input order across chats too', async () => {
		const ran: number[] = [];
		await inChatOrder(['a', 'a', 'b', 'a', 'c'], 1, async (index) => {
			ran.push(index);
			await new Promise((resolve) => setImmediate(resolve));
		});
		expect(ran).toEqual([0, 1, 2, 3, 4]);
	});

	it('runs at most `concurrency` chats at once, and skips items without a chat', async () => {
		let running = 0;
		let most = 0;
		const ran: number[] = [];
		await inChatOrder(['a', undefined, 'b', 'c', 'd', 'a'], 2, async (index) => {
			running++;
			most = Math.max(most, running);
			ran.push(index);
			await new Promise((resolve) => setImmediate(resolve));
			running--;
		});
		expect(most).toBe(2);
		expect(ran.sort()).toEqual([0, 2, 3, 4, 5]);
	});
});
