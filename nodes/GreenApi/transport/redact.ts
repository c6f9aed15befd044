/**
 * The API token travels in the URL path, so any text that may have seen a URL (a
 * server's error body, a library's error message) passes through here before it can
 * reach a message, description, log line or output item.
 */

export const REDACTED = '[redacted]';

export function redact(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			result = result.split(form).join(REDACTED);
		}
	}
	return result;
}
