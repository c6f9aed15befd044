import { parseContact, UnexpectedAnswerError } from '../../../nodes/GreenApi/helpers/contact';

const base = {
	avatar: 'https://example.invalid/a.jpg',
	name: 'Dealer',
	contactName: 'Dealer',
	email: 'dealer@example.invalid',
	category: 'Automotive Dealership',
	description: 'Service',
	products: [
		{ id: '42079728159', imageUrls: { requested: 'r', original: 'o' }, reviewStatus: { whatsapp: 'APPROVED' }, availability: 'in stock', name: 'A', description: 'd', price: null, isHidden: false },
		{ id: '3545870328871389', imageUrls: { requested: 'r', original: 'o' }, reviewStatus: { whatsapp: 'APPROVED' }, availability: 'in stock', name: 'B', price: null, isHidden: false },
	],
	chatId: '71234567890@c.us',
	lastSeen: null,
	isArchive: false,
	isDisappearing: false,
	isMute: false,
	messageExpiration: 0,
	muteExpiration: null,
	isBusiness: true,
};

describe('parseContact', () => {
	it('keeps every field, adds phoneNumber, and lists the products', () => {
		const { contact, products } = parseContact(structuredClone(base), '71234567890@c.us');
		expect(contact).toEqual({ ...base, phoneNumber: '71234567890', lastSeenIso: null, muteExpirationIso: null });
		expect(products).toEqual(base.products);
		expect(products[1]).not.toHaveProperty('description');
	});

	it('keeps fields it does not know', () => {
		const { contact } = parseContact({ ...base, newField: { a: 1 } }, base.chatId);
		expect(contact.newField).toEqual({ a: 1 });
	});

	it.each([
		['missing', undefined, []],
		['null', null, []],
		['an empty object', {}, []],
	])('treats products %s as an empty list', (_, products, expected) => {
		expect(parseContact({ ...base, products }, base.chatId).contact.products).toEqual(expected);
	});

	it('accepts products documented as an object: one product, or products keyed by id', () => {
		const [first, second] = base.products;
		expect(parseContact({ ...base, products: first }, base.chatId).products).toEqual([first]);
		expect(parseContact({ ...base, products: { a: first, b: second } }, base.chatId).products).toEqual([first, second]);
	});

	it('brings values to their documented type when nothing is lost', () => {
		const { contact, products } = parseContact(
			{ ...base, lastSeen: 1700000000, messageExpiration: '604800', isMute: 'true', isBusiness: 1, products: [{ ...base.products[0], id: 42079728159, price: 1000 }] },
			base.chatId,
		);
		expect(contact).toMatchObject({ lastSeen: '1700000000', lastSeenIso: '2023-11-14T22:13:20.000Z', messageExpiration: 604800, isMute: true, isBusiness: true });
		expect(products[0]).toMatchObject({ id: '42079728159', price: '1000' });
	});

	it.each([
		[{ isBusiness: 'yes' }, /isBusiness as the text "yes"; the documented type is boolean/],
		[{ messageExpiration: 'soon' }, /messageExpiration .* integer/],
		[{ muteExpiration: 1.5 }, /muteExpiration .* integer or null/],
		[{ name: { first: 'x' } }, /name as an object; the documented type is string/],
		[{ products: 'none' }, /products as the text "none"/],
		[{ products: [1] }, /products\[0\] as number 1/],
		[{ products: [{ ...base.products[0], imageUrls: 'x' }] }, /products\[0\]\.imageUrls/],
		[{ chatId: null }, /chatId as null/],
	])('refuses %j naming the field', (patch, pattern) => {
		expect(() => parseContact({ ...base, ...patch }, base.chatId)).toThrow(UnexpectedAnswerError);
		expect(() => parseContact({ ...base, ...patch }, base.chatId)).toThrow(pattern);
	});

	it.each([null, [], 'text', 42])('refuses an answer that is not an object (%j)', (body) => {
		expect(() => parseContact(body, base.chatId)).toThrow(/instead of a contact object/);
	});

	it('uses the requested chatId for phoneNumber when the answer has none', () => {
		const { chatId: _omit, ...rest } = base;
		expect(parseContact(rest, '79001234567@c.us').contact.phoneNumber).toBe('79001234567');
		expect(parseContact({ ...base, chatId: '123@lid' }, base.chatId).contact.phoneNumber).toBeNull();
	});
});
