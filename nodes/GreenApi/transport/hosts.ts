import { quote } from './redact';

/** One of GREEN-API's hosts for an instance: where requests go and how messages name it. */
export interface Endpoint {
	/** scheme://host[:port], the undici pool key. */
	origin: string;
	/** Path prefix (empty for GREEN-API's own hosts; set behind a reverse proxy). */
	basePath: string;
	/** Host name for messages: never the full URL, which would carry the token. */
	host: string;
}

export type EndpointResult = { ok: true; endpoint: Endpoint } | { ok: false; reason: string };

/**
 * The credential's API URL or Media URL, checked so that the user reads what to fix instead
 * of a confusing 403/404 from the wrong place. A refusal quotes what was entered redacted,
 * then cut: someone may have pasted a whole URL, token included. `example` is what the
 * GREEN-API console shows for the field, `field` its name there (apiUrl, mediaUrl).
 */
export function parseHostUrl(label: string, field: string, raw: string, token: string, example: string): EndpointResult {
	const fail = (reason: string): EndpointResult => ({ ok: false, reason });
	const shown = quote(raw, [token], 80);
	// "7105.api.greenapi.com" is no URL, and "7105.api.greenapi.com:443" one with an odd scheme.
	if (raw !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && /^[\w.-]+(?::\d+)?(?:\/|$)/.test(raw)) {
		return fail(`${label} "${shown}" has no scheme: add https:// in front (https://${shown})`);
	}
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return fail(`${label} "${shown}" is not a URL: copy ${field} from the GREEN-API console, e.g. ${example}`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return fail(`${label} must start with https:// (it starts with ${url.protocol}//): copy ${field} from the GREEN-API console`);
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return fail(
			`${label} must start with https:// (http:// is only accepted for this machine, e.g. a local emulator): the API token is part of every request's address and would travel unencrypted to ${url.host}`,
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		return fail(`${label} must be just the address from the GREEN-API console, without user, query or fragment`);
	}
	if (/\/waInstance/i.test(url.pathname)) {
		return fail(`${label} must be only the address from the GREEN-API console (e.g. ${example}), not a whole method URL`);
	}
	return { ok: true, endpoint: { origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), host: url.host } };
}

// 7105.api.greenapi.com → 7105.media.greenapi.com; api.green-api.com → media.green-api.com.
const GREEN_API_HOST = /^((?:\d+\.)?)api\.(greenapi\.com|green-api\.com)$/i;

/**
 * The media host GREEN-API pairs with an API host, as its console shows them side by side;
 * undefined when the API URL is not one of GREEN-API's own (a proxy, an emulator): the
 * credential's Media URL must then say it.
 */
export function mediaEndpointFor(api: Endpoint): Endpoint | undefined {
	const url = new URL(api.origin);
	const match = GREEN_API_HOST.exec(url.hostname);
	if (!match || api.basePath !== '') return undefined;
	url.hostname = `${match[1]}media.${match[2]}`;
	return { origin: url.origin, basePath: '', host: url.host };
}

/** 127.0.0.0/8, ::1 and localhost: plain http there never leaves this machine. */
function isLoopback(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
