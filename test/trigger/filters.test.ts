import { buildFilter } from '../../nodes/GreenApi/trigger/notification/filters';
import { normalizeNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import { incoming, outgoingStatus } from '../emulator/notification-bodies';

const personal = normalizeNotification(incoming(1, { chatId: '71234567890@c.us' }));
const other = normalizeNotification(incoming(2, { chatId: '79001112233@c.us' }));
const group = normalizeNotification(incoming(3, { chatId: '120363043968066561@g.us' }));
const status = normalizeNotification(outgoingStatus(4));

describe('filters: event types, personal or group, chat IDs in any phone form', () => {
	it('keeps incoming messages by default and drops other types', () => {
		const keep = buildFilter({ events: ['incomingMessageReceived'], chats: 'all', chatIds: '' });
		expect([personal, group, status].map(keep)).toEqual([true, true, false]);
		expect(buildFilter({ events: [], chats: 'all', chatIds: '' })(status)).toBe(true);
	});

	it('personal or group chats only', () => {
		expect([personal, group].map(buildFilter({ events: [], chats: 'personal', chatIds: '' }))).toEqual([true, false]);
		expect([personal, group].map(buildFilter({ events: [], chats: 'group', chatIds: '' }))).toEqual([false, true]);
	});

	it('chat IDs written as people write phone numbers, and group IDs', () => {
		const keep = buildFilter({ events: [], chats: 'all', chatIds: '+7 123 456-78-90; 120363043968066561@G.US' });
		expect([personal, other, group].map(keep)).toEqual([true, false, true]);
	});

	it('refuses an entry it cannot read, naming it', () => {
		expect(() => buildFilter({ events: [], chats: 'all', chatIds: '71234567890, 0049 151' })).toThrow(/entry 2: .*starts with 0/);
	});
});
