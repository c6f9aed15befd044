import { GreenApi } from '../../credentials/GreenApi.credentials';

describe('greenApi credential description', () => {
	const credential = new GreenApi();

	it('is named greenApi and shown as GREEN-API', () => {
		expect(credential.name).toBe('greenApi');
		expect(credential.displayName).toBe('GREEN-API');
		expect(credential.documentationUrl).toMatch(/^https:\/\/green-api\.com\//);
	});

	it('has exactly the API URL, Instance ID and API Token fields', () => {
		expect(credential.properties.map((p) => p.name)).toEqual(['apiUrl', 'idInstance', 'token']);
	});

	it('defaults the API URL to the general host and hints at the console', () => {
		const apiUrl = credential.properties.find((p) => p.name === 'apiUrl');
		expect(apiUrl?.default).toBe('https://api.green-api.com');
		expect(apiUrl?.hint).toMatch(/console/);
	});

	it('hides the token as a password field', () => {
		const token = credential.properties.find((p) => p.name === 'token');
		expect(token?.typeOptions?.password).toBe(true);
		expect(token?.displayName).toBe('API Token');
	});
});
