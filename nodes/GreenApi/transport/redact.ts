/**
 * The API token travels in the URL path, so any text that may have seen a URL (a
 * server's error body, a library's error message) passes through here before it can
 * reach a message, description, log line or output item.
 */

export const REDACTED = '[redacted]';

/** Shorter secrets would match ordinary words; nothing GREEN-API issues is that short. */
const MIN_SECRET_LENGTH = 4;

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
