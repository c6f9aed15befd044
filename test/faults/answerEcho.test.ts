import { SEED_CHAT_ID } from '../emulator';
import { exposedText, useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Characters that travel percent-encoded, so an echo of the URL spells the token several ways.
const TOKEN = 'Echo/Token with Spaces+0123456789abcdef';
let stage: GreenApiStage;

useStage({ token: TOKEN, rateLimits: { getContactInfo: 0, checkWhatsapp: 0, getAvatar: 0, getContacts: 0 } }, (started) => (stage = started));

/** The token as a server echoing the request URL may write it inside a 200's JSON. */
function spellings(): string[] {
	const encoded = encodeURIComponent(TOKEN);
	const unicode = [...TOKEN].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
	return [`https://host/waInstance1/getAvatar/${encoded}`, encoded.toLowerCase(), TOKEN.toUpperCase(), unicode];
}

/** A 200 body (raw JSON text) that holds every spelling of the token in its values and one key. */
function echoing(fields: Record<string, string>): string {
	const values = spellings().map((spelling, index) => `"echo${index}": "${spelling}"`);
	const own = Object.entries(fields).map(([key, value]) => `"${key}": "${value}"`);
	return `{${[...own, ...values, `"${spellings()[1]}": true`].join(', ')}}`;
}

function expectNoToken(value: unknown): void {
	const text = exposedText(value);
	for (const spelling of [TOKEN, encodeURIComponent(TOKEN), encodeURIComponent(TOKEN).toLowerCase(), TOKEN.toUpperCase()]) {
		expect(text.toLowerCase()).not.toContain(spelling.toLowerCase());
	}
	expect(text).toContain('[redacted]');
}

describe('answers that echo the request URL leave no token in the output items', () => {
	it('Get Avatar: urlAvatar and every other field', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'getAvatar', body: echoing({ urlAvatar: `${spellings()[0]}.jpg` }) });
		const { outputs, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }], { operation: 'getAvatar' });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.urlAvatar).toBe('https://host/waInstance1/getAvatar/[redacted].jpg');
		expectNoToken(outputs);
	});

	it('Check WhatsApp: the extra fields it passes through', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'checkWhatsapp', body: echoing({ existsWhatsapp: 'true' }).replace('"true"', 'true') });
		const { outputs, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }], { operation: 'checkWhatsapp' });
		expect(error).toBeUndefined();
		expect(outputs[0][0].json.existsWhatsapp).toBe(true);
		expectNoToken(outputs);
	});

	it('Get Contact Info: the contact and its products', async () => {
		stage.emulator.inject({ kind: 'status', status: 200, method: 'getContactInfo', body: echoing({ name: spellings()[3], chatId: SEED_CHAT_ID }) });
		const { contacts, error } = await stage.runNode([{ chatId: SEED_CHAT_ID }]);
		expect(error).toBeUndefined();
		expect(contacts[0].json.name).toBe('[redacted]');
		expectNoToken(contacts);
	});

	it('Get Contacts: names in a list', async () => {
		stage.emulator.setContactList([{ id: SEED_CHAT_ID, name: `Dealer ${TOKEN}`, type: 'user' }, { id: '79001234567@c.us', name: encodeURIComponent(TOKEN), type: 'user' }]);
		const { outputs, error } = await stage.runNode([{}], { operation: 'getContacts', parameters: { returnAll: true } });
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json.name)).toEqual(['Dealer [redacted]', '[redacted]']);
		expectNoToken(outputs);
	});
});
