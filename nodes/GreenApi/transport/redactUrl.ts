import { quote, redact, REDACTED } from './redact';

/**
 * A URL someone else chose (an instance's webhook URL), quoted in a message. Services put
 * their tokens in the query (`?token=…`), the userinfo (`user:pass@`) or the fragment, so
 * those are hidden whole; the keys, host and path stay, so the user can still tell which
 * URL it is. The given secrets are removed wherever they are, then the result is cut.
 */
export function quoteUrl(url: string, secrets: readonly string[], max: number): string {
	// Secrets first: hiding a part could otherwise split one, leaving its other half readable.
	return quote(hideUrlParts(redact(url, secrets)), secrets, max);
}

/** `scheme://[redacted]@host/path?key=[redacted]&[redacted]#[redacted]`: userinfo, query values and fragment hidden. */
export function hideUrlParts(url: string): string {
	const fragmentAt = url.indexOf('#');
	const beforeFragment = fragmentAt === -1 ? url : url.slice(0, fragmentAt);
	const fragment = fragmentAt === -1 ? '' : fragmentAt === url.length - 1 ? '#' : `#${REDACTED}`;
	const queryAt = beforeFragment.indexOf('?');
	const base = queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt);
	const query = queryAt === -1 ? undefined : beforeFragment.slice(queryAt + 1);
	// The authority ends at the first "/"; its last "@" ends the userinfo (a password may hold "@").
	const withoutUserinfo = base.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)?[^/]*@/i, (_match, scheme: string | undefined) => `${scheme ?? ''}${REDACTED}@`);
	return withoutUserinfo + (query === undefined ? '' : `?${query.split('&').map(hideQueryValue).join('&')}`) + fragment;
}

/** `key=value` keeps its key; a bare part (`?SECRET`) may be the token itself. */
function hideQueryValue(part: string): string {
	if (part === '') return part;
	const equals = part.indexOf('=');
	return equals === -1 ? REDACTED : `${part.slice(0, equals)}=${REDACTED}`;
}
