import { GreenApi } from '../../credentials/GreenApi.credentials';
import { EMULATOR_ID_INSTANCE } from '../emulator';

describe('greenApi credential description', () => {
	const credential = new GreenApi();

	it('is named greenApi and shown as GREEN-API (WhatsApp), so the credential chooser finds it by "whatsapp"', () => {
		expect(credential.name).toBe('greenApi');
		expect(credential.displayName).toBe('GREEN-API (WhatsApp)');
		expect(credential.displayName.toLowerCase()).toContain('whatsapp');
		expect(credential.documentationUrl).toMatch(/^https:\/\/green-api\.com\//);
	});

	it('has exactly the API URL, Media URL, Instance ID and API Token fields', () => {
		expect(credential.properties.map((p) => p.name)).toEqual(['apiUrl', 'mediaUrl', 'idInstance', 'token']);
	});

	it('keeps Media URL optional, so credentials saved before it existed still work', () => {
		const mediaUrl = credential.properties.find((p) => p.name === 'mediaUrl');
		expect(mediaUrl?.default).toBe('');
		expect(mediaUrl?.required).toBeFalsy();
		expect(mediaUrl?.placeholder).toMatch(/^https:\/\/\d+\.media\.greenapi\.com$/);
		expect((mediaUrl?.hint ?? '').length).toBeLessThan(80);
	});

	it('leaves the API URL empty: an example host as placeholder and the console in the hint', () => {
		const apiUrl = credential.properties.find((p) => p.name === 'apiUrl');
		expect(apiUrl?.default).toBe('');
		expect(apiUrl?.required).toBe(true);
		expect(apiUrl?.placeholder).toMatch(/^https:\/\/\d+\.api\.greenapi\.com$/);
		expect(apiUrl?.hint).toMatch(/console/);
		// A hint that wraps over many lines covers the next field in the dialog.
		expect((apiUrl?.hint ?? '').length).toBeLessThan(80);
	});

	it('shows an Instance ID placeholder that is not the emulator\'s working id', () => {
		const idInstance = credential.properties.find((p) => p.name === 'idInstance');
		expect(idInstance?.default).toBe('');
		expect(idInstance?.placeholder).toMatch(/^\d{10}$/);
		expect(idInstance?.placeholder).not.toBe(EMULATOR_ID_INSTANCE);
	});

	it('hides the token as a password field', () => {
		const token = credential.properties.find((p) => p.name === 'token');
		expect(token?.typeOptions?.password).toBe(true);
		expect(token?.displayName).toBe('API Token');
	});
});
