import { pathFor, toConnection, withSecrets } from '../../nodes/GreenApi/transport/connection';

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
				media: { origin: 'https://7105.media.greenapi.com', basePath: '', host: '7105.media.greenapi.com' },
				secrets: ['secret-token'],
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

	it.each([
		['https://7105.api.greenapi.com', 'https://7105.media.greenapi.com'],
		['https://api.green-api.com', 'https://media.green-api.com'],
		['https://API.GREEN-API.COM/', 'https://media.green-api.com'],
	])('derives the media host from GREEN-API\'s own API host: %s', (apiUrl, media) => {
		const result = toConnection({ apiUrl, idInstance: '1', token: 'secret-token' });
		expect(result.ok && result.connection.media?.origin).toBe(media);
	});

	it.each(['http://127.0.0.1:7105', 'https://proxy.example.com/green', 'https://7105.api.greenapi.com/behind/a/path', 'https://evil-api.greenapi.com.example.com'])(
		'derives no media host from anything else (the credential must name it): %s',
		(apiUrl) => {
			const result = toConnection({ apiUrl, idInstance: '1', token: 'secret-token' });
			expect(result.ok).toBe(true);
			if (result.ok) expect(result.connection.media).toBeUndefined();
		},
	);

	it('takes the Media URL as entered, checked by the same rules as the API URL', () => {
		const ok = toConnection({ apiUrl: 'http://127.0.0.1:7105', mediaUrl: ' http://127.0.0.1:7106/ ', idInstance: '1', token: 'secret-token' });
		expect(ok.ok && ok.connection.media).toEqual({ origin: 'http://127.0.0.1:7106', basePath: '', host: '127.0.0.1:7106' });
		const plain = toConnection({ apiUrl: 'https://7105.api.greenapi.com', mediaUrl: 'http://7105.media.greenapi.com', idInstance: '1', token: 'secret-token' });
		expect(plain).toEqual({ ok: false, reason: expect.stringMatching(/^Media URL must start with https:\/\/ .*unencrypted/) });
		const pasted = toConnection({ apiUrl: 'https://7105.api.greenapi.com', mediaUrl: 'https://7105.media.greenapi.com/waInstance1/sendFileByUpload/secret-token', idInstance: '1', token: 'secret-token' });
		expect(pasted.ok).toBe(false);
		if (!pasted.ok) {
			expect(pasted.reason).toMatch(/^Media URL must be only the address .*7105\.media\.greenapi\.com/);
			expect(pasted.reason).not.toContain('secret-token');
		}
	});

	it('withSecrets adds further secrets to redact, skipping ones too short to redact, and keeps the rest', () => {
		const result = toConnection({ apiUrl: 'https://7105.api.greenapi.com', idInstance: '1101000001', token: 'secret-token' });
		if (!result.ok) throw new Error(result.reason);
		const widened = withSecrets(result.connection, 'webhook-secret', 'abc', 'secret-token');
		expect(widened).toEqual({ ...result.connection, secrets: ['secret-token', 'webhook-secret'] });
		expect(result.connection.secrets).toEqual(['secret-token']);
	});
});
