import { pathFor, toConnection } from '../../nodes/GreenApi/transport/connection';

describe('toConnection', () => {
	it('trims every field, drops trailing slashes and keys the limiter by instance', () => {
		const result = toConnection({ apiUrl: ' https://7105.api.greenapi.com// ', idInstance: ' 1101000001\n', token: '\tsecret-token ' });
		expect(result).toEqual({
			ok: true,
			connection: {
				origin: 'https://7105.api.greenapi.com',
				basePath: '',
				host: '7105.api.greenapi.com',
				idInstance: '1101000001',
				token: 'secret-token',
				instanceKey: '1101000001',
			},
		});
		if (result.ok) expect(pathFor(result.connection, 'getContactInfo')).toBe('/waInstance1101000001/getContactInfo/secret-token');
	});

	it('never quotes the token back, even when it was pasted into the API URL', () => {
		const token = 'pasted-secret-token';
		const result = toConnection({ apiUrl: `not a url ${token}`, idInstance: '1', token });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.reason).toMatch(/is not a URL/);
			expect(result.reason).not.toContain(token);
		}
	});

	it.each(['7105.api.greenapi.com', '7105.api.greenapi.com/', '7105.api.greenapi.com:443', 'api.green-api.com'])('a URL without a scheme says to add https://: %s', (apiUrl) => {
		const result = toConnection({ apiUrl, idInstance: '1', token: 'secret-token' });
		expect(result).toEqual({ ok: false, reason: `API URL "${apiUrl}" has no scheme: add https:// in front (https://${apiUrl})` });
	});

	it.each(['http://127.0.0.1:7105', 'http://127.10.0.1', 'http://localhost:7105/', 'http://[::1]:7105'])('accepts plain http on this machine: %s', (apiUrl) => {
		expect(toConnection({ apiUrl, idInstance: '1', token: 'secret-token' }).ok).toBe(true);
	});

	it.each(['http://7105.api.greenapi.com', 'http://10.0.0.5:7105', 'http://localhost.example.com', 'http://128.0.0.1'])(
		'refuses plain http elsewhere, saying the token would travel unencrypted: %s',
		(apiUrl) => {
			const result = toConnection({ apiUrl, idInstance: '1', token: 'secret-token' });
			expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^API URL must start with https:\/\/ .*would travel unencrypted to /) });
		},
	);

	it('quotes a long pasted API URL redacted, then cut, so no piece of the token is left', () => {
		const token = 'abcdefghij0123456789abcdefghij0123456789abcdefghij';
		const result = toConnection({ apiUrl: `${'x'.repeat(60)} ${token} ${'y'.repeat(500)}`, idInstance: '1', token });
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.reason.length).toBeLessThan(250);
			expect(result.reason).not.toMatch(/abcdefghij|0123456789/i);
		}
	});
});
