import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { mediaEndpointFor, parseHostUrl } from './hosts';
import type { Endpoint } from './hosts';
import { MIN_SECRET_LENGTH, redact } from './redact';

/** Where and as whom to call GREEN-API, from the greenApi credential: the API host's endpoint, and more. */
export interface Connection extends Endpoint {
	idInstance: string;
	token: string;
	/**
	 * The rate limiter's key: GREEN-API counts per instance, whatever host name or
	 * spelling of the URL reaches it (127.0.0.1 and localhost, or two API hosts).
	 */
	instanceKey: string;
	/** The media host that takes uploads: the credential's Media URL, or the one paired with the API URL. */
	media: Endpoint | undefined;
	/** What no message, log line or output item about this connection may show: the token, and any withSecrets adds. */
	secrets: readonly string[];
}

/** `connection` for calls whose bodies or answers carry further secrets (the Webhook Token in setSettings). */
export function withSecrets(connection: Connection, ...extra: string[]): Connection {
	const added = extra.filter((secret) => secret.length >= MIN_SECRET_LENGTH && !connection.secrets.includes(secret));
	return added.length === 0 ? connection : { ...connection, secrets: [...connection.secrets, ...added] };
}

export type ConnectionResult = { ok: true; connection: Connection } | { ok: false; reason: string };

const API_EXAMPLE = 'https://7105.api.greenapi.com';
const MEDIA_EXAMPLE = 'https://7105.media.greenapi.com';

/** Why an upload cannot go anywhere: said when a file is sent, not when the credential is saved. */
export const NO_MEDIA_HOST =
	"This credential's API URL is not one of GREEN-API's own hosts, so its media host cannot be derived: fill in Media URL in the GREEN-API credential (mediaUrl in the GREEN-API console, e.g. https://7105.media.greenapi.com)";

/**
 * Trims every field (pasted values often carry spaces or a newline), drops trailing
 * slashes and refuses what cannot work (hosts.ts), so the user reads what to fix instead
 * of a confusing 403/404 from the wrong place. Every refusal is redacted here: someone may
 * have pasted a whole URL, token included, into a URL field.
 */
export function toConnection(data: ICredentialDataDecryptedObject | undefined): ConnectionResult {
	const apiUrl = text(data?.apiUrl);
	const mediaUrl = text(data?.mediaUrl);
	const idInstance = text(data?.idInstance);
	const token = text(data?.token);
	const fail = (reason: string): ConnectionResult => ({ ok: false, reason: redact(reason, [token]) });

	const api = parseHostUrl('API URL', 'apiUrl', apiUrl, token, API_EXAMPLE);
	if (!api.ok) return fail(api.reason);
	// Optional, and absent from credentials saved before it existed: derived then.
	const media = mediaUrl === '' ? undefined : parseHostUrl('Media URL', 'mediaUrl', mediaUrl, token, MEDIA_EXAMPLE);
	if (media && !media.ok) return fail(media.reason);
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
	return {
		ok: true,
		connection: {
			...api.endpoint,
			idInstance,
			token,
			instanceKey: idInstance,
			media: media ? media.endpoint : mediaEndpointFor(api.endpoint),
			secrets: [token],
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

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
