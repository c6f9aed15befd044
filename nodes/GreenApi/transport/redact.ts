/**
 * The API token travels in the URL path, so any text that may have seen a URL (a
 * server's error body, a library's error message) passes through here before it can
 * reach a message, description, log line or output item.
 */

export const REDACTED = '[redacted]';

/** Shorter secrets would match ordinary words; nothing GREEN-API issues is that short. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Removes every secret in any spelling a server or library may echo it in: as is,
 * percent-encoded with upper- or lower-case hex, form-encoded (`+` for a space), or a
 * mix of these, in any letter case.
 */
export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		result = result.replace(secretPattern(secret), REDACTED);
	}
	return result;
}

/**
 * A value quoted in a message: redacted first, then cut to `max` characters, so a cut can
 * never leave part of a secret behind (cutting first would keep up to max-1 of its characters).
 */
export function quote(text: string, secrets: readonly string[], max: number): string {
	const redacted = redact(text, secrets);
	return redacted.length > max ? `${redacted.slice(0, Math.max(0, max - 1))}…` : redacted;
}

const patterns = new Map<string, RegExp>();

function secretPattern(secret: string): RegExp {
	let pattern = patterns.get(secret);
	if (!pattern) {
		pattern = new RegExp([...secret].map(spellings).join(''), 'gi');
		// Credentials are few; the cache only saves rebuilding the same pattern per message.
		if (patterns.size > 100) patterns.clear();
		patterns.set(secret, pattern);
	}
	pattern.lastIndex = 0;
	return pattern;
}

/** Each character as itself, or percent-encoded (any hex case), or `+` for a space. */
function spellings(char: string): string {
	const forms = [char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')];
	const bytes = [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
	forms.push(bytes);
	if (char === ' ') forms.push('\\+');
	return `(?:${forms.join('|')})`;
}

/**
 * A parsed answer with every secret removed from its strings, keys included: a 200 may
 * echo the request URL in any field (an avatar link, a name), and output items must not
 * carry the token any more than error messages do. Changes `value` in place; iterative, so
 * a hostile, deeply nested answer cannot overflow the stack. `source` is the answer's text:
 * when it holds no secret and no JSON escape, no string parsed from it can, and the walk is skipped.
 */
export function redactJson<T>(value: T, secrets: readonly string[], source?: string): T {
	if (source !== undefined && !source.includes('\\') && redact(source, secrets) === source) return value;
	if (typeof value === 'string') return redact(value, secrets) as T;
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const node = stack.pop();
		if (typeof node !== 'object' || node === null) continue;
		const record = node as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const child = record[key];
			const safeKey = redact(key, secrets);
			if (safeKey !== key) delete record[key];
			record[safeKey] = typeof child === 'string' ? redact(child, secrets) : child;
			if (typeof child === 'object' && child !== null) stack.push(child);
		}
	}
	return value;
}
