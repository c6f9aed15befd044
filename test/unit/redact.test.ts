import { redact, REDACTED } from '../../nodes/GreenApi/transport/redact';

describe('redact', () => {
	const token = 'token/with spaces+and=signs';

	it('removes the token in plain and URL-encoded form, every time it occurs', () => {
		const text = `POST /waInstance1/getContactInfo/${encodeURIComponent(token)} failed; token was ${token}, again ${token}`;
		const result = redact(text, [token]);
		expect(result).not.toContain(token);
		expect(result).not.toContain(encodeURIComponent(token));
		expect(result.split(REDACTED)).toHaveLength(4);
	});

	it('leaves text without secrets alone', () => {
		expect(redact('nothing here', [token])).toBe('nothing here');
	});
});
