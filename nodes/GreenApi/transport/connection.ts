import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { quote, redact } from './redact';

/** Where and as whom to call GREEN-API, from the greenApi credential. */
export interface Connection {
	/** scheme://host[:port], the undici pool key. */
	origin: string;
	/** Path prefix of the API URL (empty for the usual hosts; set behind a reverse proxy). */
	basePath: string;
	/** Host name for messages: never the full URL, which would carry the token. */
	host: string;
	idInstance: string;
	token: string;
	/**
	 * The rate limiter's key: GREEN-API counts per instance, whatever host name or
	 * spelling of the URL reaches it (127.0.0.1 and localhost, or two API hosts).
	 */
	instanceKey: string;
}

export type ConnectionResult = { ok: true; connection: Connection } | { ok: false; reason: string };

/**
 * Trims every field (pasted values often carry spaces or a newline), drops trailing
 * slashes and refuses what cannot work, so the user reads what to fix instead of a
 * confusing 403/404 from the wrong place. A refusal quotes what was entered, so it is
 * redacted here: someone may have pasted a whole URL, token included, as the API URL.
 */
export function toConnection(data: ICredentialDataDecryptedObject | undefined): ConnectionResult {
	const apiUrl = text(data?.apiUrl);
	const idInstance = text(data?.idInstance);
	const token = text(data?.token);
	const fail = (reason: string): ConnectionResult => ({ ok: false, reason: redact(reason, [token]) });

	// "7105.api.greenapi.com" is no URL, and "7105.api.greenapi.com:443" one with an odd scheme.
	if (apiUrl !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(apiUrl) && /^[\w.-]+(?::\d+)?(?:\/|$)/.test(apiUrl)) {
		return fail(`API URL "${quote(apiUrl, [token], 80)}" has no scheme: add https:// in front (https://${quote(apiUrl, [token], 80)})`);
	}
	let url: URL;
	try {
		url = new URL(apiUrl);
	} catch {
		// Quoted redacted first, then cut: a whole document pasted as the URL is not repeated.
		return fail(`API URL "${quote(apiUrl, [token], 80)}" is not a URL: copy apiUrl from the GREEN-API console, e.g. https://7105.api.greenapi.com`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return fail(`API URL must start with https:// (it starts with ${url.protocol}//): copy apiUrl from the GREEN-API console`);
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return fail(
			`API URL must start with https:// (http:// is only accepted for this machine, e.g. a local emulator): the API token is part of every request's address and would travel unencrypted to ${url.host}`,
		);
	}
	if (url.username || url.password || url.search || url.hash) {
		return fail('API URL must be just the address from the GREEN-API console, without user, query or fragment');
	}
	if (/\/waInstance/i.test(url.pathname)) {
		return fail('API URL must be only the address from the GREEN-API console (e.g. https://7105.api.greenapi.com), not a whole method URL');
	}
	if (!/^\d+$/.test(idInstance)) {
		return fail(
			idInstance === ''
				? 'Instance ID is empty: copy idInstance from the GREEN-API console'
				: 'Instance ID must be the digits of idInstance from the GREEN-API console',
		);
	}
	if (token === '') {
		return fail('API Token is empty: copy apiTokenInstance from the GREEN-API console');
	}
	const basePath = url.pathname.replace(/\/+$/, '');
	return {
		ok: true,
		connection: {
			origin: url.origin,
			basePath,
			host: url.host,
			idInstance,
			token,
			instanceKey: idInstance,
		},
	};
}

/** `{basePath}/waInstance{id}/{method}/{token}[/suffix…][?query]`: every URL carries the token. */
export function pathFor(
	connection: Connection,
	method: string,
	suffix: readonly (string | number)[] = [],
	query: Record<string, string | number> = {},
): string {
	const segments = [method, connection.token, ...suffix].map((segment) => encodeURIComponent(String(segment)));
	const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString();
	return `${connection.basePath}/waInstance${connection.idInstance}/${segments.join('/')}${search ? `?${search}` : ''}`;
}

/** 127.0.0.0/8, ::1 and localhost: plain http there never leaves this machine. */
function isLoopback(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
