import { GreenApiEmulator } from '../emulator';
import { call, newAgent, useEmulator } from '../emulator/http-client';

// The emulator's send queue: what the send methods queued, listed, counted and cleared with
// GREEN-API's answers (all three are GETs), limits and errors.
describe('GREEN-API emulator: the send queue', () => {
	const agent = newAgent();
	let emu: GreenApiEmulator;
	useEmulator({}, agent, (started) => (emu = started));
	const get = (method: string) => call(emu, method, { verb: 'GET', dispatcher: agent });
	const post = (method: string, body: Record<string, unknown>) => call(emu, method, { body, dispatcher: agent });
	const json = (text: string) => JSON.parse(text) as unknown;

	it('lists what the sends queued, in order, in GREEN-API\'s shape; counts it; a clear empties it', async () => {
		emu.setRateLimit('showMessagesQueue', 0); // asked twice within a second here
		const sent = json((await post('sendMessage', { chatId: '71234567890@c.us', message: 'Hello', linkPreview: true })).text) as { idMessage: string };
		const forwarded = json((await post('forwardMessages', { chatId: '79001234569@c.us', chatIdFrom: '71234567890@c.us', messages: [sent.idMessage] })).text) as { messages: string[] };
		await post('readChat', { chatId: '71234567890@c.us' }); // marks as read: nothing to send
		await post('sendTextStatus', { message: 'Open till 9' });
		const queue = json((await get('showMessagesQueue')).text) as Array<Record<string, unknown>>;
		expect(queue).toEqual([
			{ messageID: sent.idMessage, type: 'sendMessage', body: { chatId: '71234567890@c.us', message: 'Hello', linkPreview: true } },
			{ messagesIDs: forwarded.messages, type: 'ForwardMessages', body: { chatId: '79001234569@c.us', chatIdFrom: '71234567890@c.us', messages: [sent.idMessage] } },
			{ messageID: expect.stringMatching(/^BAE5/), type: 'sendTextStatus', body: { message: 'Open till 9' } },
		]);
		expect(json((await get('getMessagesCount')).text)).toEqual({ count: 3 });
		expect(json((await get('clearMessagesQueue')).text)).toEqual({ isCleared: true });
		expect(json((await get('showMessagesQueue')).text)).toEqual([]);
		expect(json((await get('getMessagesCount')).text)).toEqual({ count: 0 });
		// The log of what was accepted stays: clearing the queue does not unsend what went to GREEN-API.
		expect(emu.messages.count()).toBe(4);
	});

	it('are GETs (a POST is 404), limited 1/s (show, clear) as GREEN-API\'s table says, and refused while not authorized', async () => {
		expect((await post('clearMessagesQueue', {})).status).toBe(404);
		const shows = await Promise.all([get('showMessagesQueue'), get('showMessagesQueue')]);
		expect(shows.map((reply) => reply.status).sort()).toEqual([200, 429]);
		const clears = await Promise.all([get('clearMessagesQueue'), get('clearMessagesQueue')]);
		expect(clears.map((reply) => reply.status).sort()).toEqual([200, 429]);
		// getMessagesCount is in no table: not limited here.
		expect((await Promise.all([get('getMessagesCount'), get('getMessagesCount')])).map((reply) => reply.status)).toEqual([200, 200]);
		emu.setState('notAuthorized');
		const down = await get('getMessagesCount');
		expect([down.status, down.text]).toEqual([400, 'instance is starting or not authorized']);
	});

	it('lists at most the first 500 queued messages, but counts them all', async () => {
		emu.setRateLimit('sendMessage', 0);
		for (let index = 0; index < 502; index++) await post('sendMessage', { chatId: '71234567890@c.us', message: `m${index}` });
		const queue = json((await get('showMessagesQueue')).text) as Array<{ body: { message: string } }>;
		expect(queue).toHaveLength(500);
		expect(queue[499].body.message).toBe('m499');
		expect(json((await get('getMessagesCount')).text)).toEqual({ count: 502 });
	});
});
