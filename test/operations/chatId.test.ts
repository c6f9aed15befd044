import { normalizeChatId, parseChatId, phoneNumberOf } from '../../nodes/GreenApi/helpers/chatId';

const accepted = (value: unknown) => {
	const result = normalizeChatId(value);
	if (!result.ok) throw new Error(`refused ${JSON.stringify(value)}: ${result.reason}`);
	return result.chatId;
};
const refused = (value: unknown) => {
	const result = normalizeChatId(value);
	if (result.ok) throw new Error(`accepted ${JSON.stringify(value)} as ${result.chatId}`);
	return result.reason;
};

describe('chatId rules', () => {
	it.each([
		['71234567890@c.us', '71234567890@c.us'],
		['  71234567890@c.us \n', '71234567890@c.us'],
		['71234567890@C.US', '71234567890@c.us'],
		['12345678901234@lid', '12345678901234@lid'],
		['+7 (123) 456-78-90', '71234567890@c.us'],
		['7 123 456 7890', '71234567890@c.us'],
		['71234567890', '71234567890@c.us'],
		['+7\u00a0123\u00a0456\u00a078\u00a090', '71234567890@c.us'],
		['+49 151.2345.6789', '4915123456789@c.us'],
		['+7 123 456-78-90@c.us', '71234567890@c.us'],
		[71234567890, '71234567890@c.us'],
	])('accepts %j as %s', (input, expected) => {
		expect(accepted(input)).toBe(expected);
	});

	it('refuses group chats and points to Get Group Data', () => {
		for (const group of ['11001234567-1581234048@g.us', '120363043968066561@g.us']) {
			const reason = refused(group);
			expect(reason).toMatch(/group chat/);
			expect(reason).toMatch(/Get Group Data/);
		}
	});

	it.each([
		[null, /empty/],
		[undefined, /empty/],
		['', /empty/],
		['   ', /empty/],
		[true, /boolean \(true\)/],
		[false, /boolean \(false\)/],
		[{ chatId: '71234567890@c.us' }, /an object/],
		[['71234567890'], /a list/],
		[1.5, /not a phone number/],
		[-71234567890, /not a phone number/],
		[Number.NaN, /not a phone number/],
		['hello', /neither a phone number nor a chat ID/],
		['john@example.com', /not a chat ID GREEN-API knows/],
		['abc@c.us', /not a valid personal chat ID/],
		['12ab@lid', /not a valid linked ID/],
		['123456', /6 digits/],
		['1234567890123456', /16 digits/],
		['0049 151 2345 6789', /starts with 0/],
		['8 (912) 345-67-89'.replace('8', '0'), /starts with 0/],
	])('refuses %j with a reason that says what is wrong', (input, pattern) => {
		expect(refused(input)).toMatch(pattern);
	});

	it('tells how to write a valid chat ID in every refusal but the group one', () => {
		expect(refused('hello')).toMatch(/71234567890@c\.us/);
		expect(refused(true)).toMatch(/international number/);
	});

	it('keeps messages short when a long text is mapped into the field', () => {
		expect(refused('x'.repeat(500)).length).toBeLessThan(300);
	});

	it('gives the phone number only for personal chats', () => {
		expect(phoneNumberOf('71234567890@c.us')).toBe('71234567890');
		expect(phoneNumberOf('12345678901234@lid')).toBeNull();
	});

	it('accepts groups only where they are asked for, and only groups where only they are', () => {
		expect(parseChatId(' 11001234567-1581234048@G.US ', ['group'])).toEqual({ ok: true, chatId: '11001234567-1581234048@g.us' });
		expect(parseChatId('120363043968066561@g.us', ['personal', 'group'])).toEqual({ ok: true, chatId: '120363043968066561@g.us' });
		expect(parseChatId('+7 123 456-78-90', ['personal', 'group'])).toEqual({ ok: true, chatId: '71234567890@c.us' });
		for (const notGroup of ['71234567890@c.us', '71234567890', 71234567890, 'abc@g.us']) {
			expect(parseChatId(notGroup, ['group'])).toEqual({ ok: false, reason: expect.stringMatching(/group ID.*@g\.us/) });
		}
	});
});
