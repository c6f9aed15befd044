import { quote, redact, REDACTED, redactJson } from '../../nodes/GreenApi/transport/redact';

describe('redact', () => {
	const token = 'token/with spaces+and=signs';

	it('removes the token in plain and URL-encoded form, every time it occurs', () => {
		const text = `POST /waInstance1/getContactInfo/${encodeURIComponent(token)} failed; token was ${token}, again ${token}`;
		const result = redact(text, [token]);
		expect(result).not.toContain(token);
		expect(result).not.toContain(encodeURIComponent(token));
		expect(result.split(REDACTED)).toHaveLength(4);
	});

	it('matches lower-case percent escapes, + for a space, and any letter case', () => {
		const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
		const form = encodeURIComponent(token).replace(/%20/g, '+');
		const text = `${lower} | ${form} | ${token.toUpperCase()}`;
		expect(redact(text, [token])).toBe(`${REDACTED} | ${REDACTED} | ${REDACTED}`);
	});

	it('leaves text without secrets alone', () => {
		expect(redact('nothing here', [token])).toBe('nothing here');
	});
});

describe('quote', () => {
	const token = 'abcdefghij0123456789abcdefghij0123456789abcdefghij';

	it('redacts before it cuts, so no piece of the token survives the cut', () => {
		const quoted = quote(`my key is ${token}`, [token], 30);
		expect(quoted).toBe(`my key is ${REDACTED}`);
		const long = quote(`${'x'.repeat(20)} ${token} ${'y'.repeat(100)}`, [token], 40);
		expect(long.length).toBeLessThanOrEqual(40);
		expect(long).not.toMatch(/abcdefghij/i);
	});
});

describe('redactJson', () => {
	const token = 'token/with spaces+and=signs';

	it('redacts every string and key of a parsed answer, however deep, in place', () => {
		let deep: unknown = { leaf: `x ${token}` };
		for (let i = 0; i < 100_000; i++) deep = [deep];
		const answer = { name: token, list: [1, `a ${encodeURIComponent(token)} b`, deep], [token]: true };
		const result = redactJson(answer, [token]);
		expect(result).toBe(answer);
		expect(answer.name).toBe(REDACTED);
		expect(answer.list[1]).toBe(`a ${REDACTED} b`);
		expect(Object.keys(answer)).toEqual(['name', 'list', REDACTED]);
		let node = answer.list[2];
		while (Array.isArray(node)) node = node[0];
		expect(node).toEqual({ leaf: `x ${REDACTED}` });
	});

	it('finds a token spelled with JSON escapes, which the answer text does not show as such', () => {
		const source = `{"name": "${[...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"}`;
		expect(redactJson(JSON.parse(source) as { name: string }, [token], source).name).toBe(REDACTED);
	});

	it('leaves an answer whose text holds no token and no escape as it is, without walking it', () => {
		const answer = Object.freeze({ name: 'Dealer' });
		expect(redactJson(answer, [token], JSON.stringify(answer))).toBe(answer);
	});
});
