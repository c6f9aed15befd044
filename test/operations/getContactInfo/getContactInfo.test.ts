import seed from '../../emulator/fixtures/seed-contact.json';
import { productCount, SEED_CHAT_ID } from '../../emulator';
import { chatIdsOf, pairedIndexes, useStage } from '../../support/greenApiRun';
import type { GreenApiStage } from '../../support/greenApiRun';

const unlimited = { requestsPerSecond: 0 };
let stage: GreenApiStage;

useStage({ rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

describe('Get Contact Info through n8n\'s engine', () => {
	it('turns the seed chatId into the contact "Dealer" and its two products, paired to the input', async () => {
		const { contacts, products, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }]);
		expect(error).toBeUndefined();
		expect(contacts).toHaveLength(1);
		expect(contacts[0].json).toEqual({ ...seed, phoneNumber: '71234567890', lastSeenIso: null, muteExpirationIso: null });
		expect(contacts[0].json).toMatchObject({ name: 'Dealer', isBusiness: true });
		// What a CRM step maps opens the editor's table; the long URL and the list close it.
		expect(Object.keys(contacts[0].json).slice(0, 6)).toEqual(['chatId', 'phoneNumber', 'name', 'contactName', 'email', 'isBusiness']);
		expect(Object.keys(contacts[0].json).slice(-2)).toEqual(['avatar', 'products']);
		expect(contacts[0].pairedItem).toEqual({ item: 0 });
		expect(products.map((item) => item.json.id)).toEqual(['42079728159', '3545870328871389']);
		expect(products.map((item) => item.json)).toEqual(seed.products.map((product) => ({ ...product, chatId: SEED_CHAT_ID })));
		expect(pairedIndexes(products)).toEqual([0, 0]);
		expect(stage.emulator.count({ chatId: SEED_CHAT_ID })).toBe(1);
	});

	it('accepts phone numbers in human form and fetches each distinct contact once', async () => {
		const forms = ['+7 (123) 456-78-90', '7 123 456 7890', '71234567890', 71234567890, ' 71234567890@c.us '];
		const { contacts, products } = await stage.runNode(forms.map((chatId) => ({ chatId })));
		expect(contacts.map((item) => item.json.name)).toEqual(Array(5).fill('Dealer'));
		expect(pairedIndexes(contacts)).toEqual([0, 1, 2, 3, 4]);
		expect(pairedIndexes(products)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
		expect(stage.emulator.requests).toHaveLength(1);
		expect(stage.emulator.requests[0].chatId).toBe(SEED_CHAT_ID);
	});

	it('gives repeated chatIds their own copies, so editing one item cannot change another', async () => {
		const { contacts } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: SEED_CHAT_ID }]);
		expect(contacts[0].json).toEqual(contacts[1].json);
		expect(contacts[0].json).not.toBe(contacts[1].json);
		expect(contacts[0].json.products).not.toBe(contacts[1].json.products);
	});

	it('evaluates the Chat ID expression per item', async () => {
		const { contacts } = await stage.runNode([{ phone: '1234567890' }, { phone: '9001234567' }], {
			chatId: '={{ "+7 " + $json.phone }}',
			options: unlimited,
		});
		expect(chatIdsOf(contacts)).toEqual(['71234567890@c.us', '79001234567@c.us']);
	});

	it('keeps every item, in order, when good and bad items are mixed and errors continue', async () => {
		const items = [
			{ chatId: SEED_CHAT_ID },
			{ chatId: null },
			{ chatId: '120363043968066561@g.us' },
			{ chatId: '79001234569' },
			{ chatId: true },
			{ chatId: { nested: 1 } },
			{ chatId: '' },
			{ chatId: 'not a number' },
		];
		const { contacts, products, error } = await stage.runNode(items, { onError: 'continueRegularOutput', options: unlimited });
		expect(error).toBeUndefined();
		expect(pairedIndexes(contacts)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		const errors = contacts.map((item) => item.json.error as string | undefined);
		expect(errors[0]).toBeUndefined();
		expect(errors[1]).toMatch(/Chat ID is empty/);
		expect(errors[2]).toMatch(/group chat.*Get Group Data/);
		expect(errors[3]).toBeUndefined();
		expect(errors[4]).toMatch(/text or a number, but it is a boolean \(true\)/);
		expect(errors[5]).toMatch(/an object/);
		expect(errors[6]).toMatch(/empty/);
		expect(errors[7]).toMatch(/neither a phone number nor a chat ID/);
		expect(chatIdsOf(contacts)[3]).toBe('79001234569@c.us');
		// Refused items show the value they were given, and the same fields as other error items.
		expect(chatIdsOf(contacts)).toEqual([SEED_CHAT_ID, null, '120363043968066561@g.us', '79001234569@c.us', true, { nested: 1 }, '', 'not a number']);
		expect(Object.keys(contacts[2].json).sort()).toEqual(['chatId', 'description', 'error']);
		const generated = productCount('79001234569@c.us');
		expect(generated).toBeGreaterThan(0);
		expect(pairedIndexes(products)).toEqual([0, 0, ...Array(generated).fill(3)]);
		expect(stage.emulator.requests.map((request) => request.chatId).sort()).toEqual([SEED_CHAT_ID, '79001234569@c.us']);
		expect(stage.emulator.count({ status: 500 })).toBe(0);
	});

	it('routes failed items to the error output when set to continue using it', async () => {
		const { contacts, errors } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: false }], {
			onError: 'continueErrorOutput',
		});
		expect(pairedIndexes(contacts)).toEqual([0]);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toMatch(/boolean \(false\)/);
	});

	it('without "continue", stops on bad input before sending any request, naming the item', async () => {
		const { error, contacts } = await stage.runNode([{ chatId: SEED_CHAT_ID }, { chatId: SEED_CHAT_ID }, { chatId: true }]);
		expect(error?.message).toMatch(/boolean \(true\)/);
		expect(error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 2 } });
		expect(contacts).toEqual([]);
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('without "continue", stops at the first failing item and sends nothing after it', async () => {
		stage.emulator.inject({ kind: 'status', status: 400, chatId: '79001234567@c.us', body: 'Validation failed' });
		const items = ['79001111111', '79001234567', '79002222222', '79003333333'].map((chatId) => ({ chatId }));
		const { error } = await stage.runNode(items, { options: { ...unlimited, maxConcurrency: 1 } });
		expect(error?.message).toBe('GREEN-API rejected the request: Validation failed');
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400', context: { itemIndex: 1 } });
		expect(stage.emulator.requests.map((request) => request.chatId)).toEqual(['79001111111@c.us', '79001234567@c.us']);
	});
});
