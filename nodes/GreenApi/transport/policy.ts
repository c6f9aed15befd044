/**
 * The failure policy, in one table: for every way a GREEN-API call can fail, whether it is
 * tried again, whether it is fatal for the items not yet started (every further call to
 * this instance would fail the same way, so none is sent), and what it tells the user.
 * The retry loop (attempts.ts) and the error builder (failures.ts) read only this.
 */

export type FailureKind =
	| 'badRequest'
	| 'wrongToken'
	| 'wrongInstance'
	| 'noMethod'
	| 'rateLimited'
	| 'quota'
	| 'serverError'
	| 'unavailable'
	| 'otherStatus'
	| 'badAnswer'
	| 'timeout'
	| 'connectTimeout'
	| 'dropped'
	| 'refused'
	| 'hostNotFound'
	| 'tooLarge'
	| 'tlsPlainPort'
	| 'tlsUntrusted'
	| 'tlsFailed'
	| 'proxyRefused'
	| 'proxyAuth'
	| 'proxyAnswered'
	| 'proxyFailed'
	| 'waitTooLong'
	| 'overallDeadline'
	| 'cancelled'
	| 'unknown';

/** What a message may say; every server text in it is already redacted and cut. */
export interface Facts {
	host: string;
	idInstance: string;
	method: string;
	status?: number;
	/** The server's own words, quoted. */
	text?: string;
	timeoutMs: number;
	/** Proxy host (never its credentials). */
	proxy?: string;
	/** Retry-After, said as a person would ("11 days"). */
	wait?: string;
	maxMb?: number;
	/** The library's or system's error code. */
	code?: string;
	/** The server's explanation, quoted, put before what to do. */
	note?: string;
}

export interface Rule {
	retry: boolean;
	fatal: boolean;
	message(facts: Facts): string;
	/** What to do about it. */
	todo(facts: Facts): string;
}

const rule = (retry: boolean, fatal: boolean, message: Rule['message'], todo: Rule['todo']): Rule => ({ retry, fatal, message, todo });
const API_URL_TODO = () => 'Check the API URL in the credential: it must be the apiUrl from the GREEN-API console.';
const LATER = () => 'Try again later.';

export const POLICY: Record<FailureKind, Rule> = {
	badRequest: rule(
		false,
		false,
		(f) => `GREEN-API rejected the request: ${f.text || 'Bad Request'}`,
		() =>
			'GREEN-API answers 400 for invalid request data, or when the instance is not authorized, starting or expired: check its state in the GREEN-API console.',
	),
	wrongToken: rule(
		false,
		true,
		(f) => `Wrong API token: GREEN-API did not accept the API token for instance ${f.idInstance}`,
		() => "Copy apiTokenInstance from the GREEN-API console into the credential's API Token field.",
	),
	wrongInstance: rule(
		false,
		true,
		(f) => `Wrong Instance ID or API URL: ${f.host} does not serve instance ${f.idInstance}`,
		() =>
			'Use the apiUrl shown next to this instance in the GREEN-API console (e.g. https://7105.api.greenapi.com) and its idInstance; a wrong host is the usual cause.',
	),
	noMethod: rule(false, true, (f) => `${f.host} has no GREEN-API method ${f.method}`, API_URL_TODO),
	rateLimited: rule(
		true,
		false,
		() => 'GREEN-API rate limit still exceeded',
		(f) =>
			`GREEN-API limits ${f.method} requests per second for each instance. Lower "Requests per Second" in the node options if you raised it above GREEN-API's limit, and check that nothing else uses this instance at the same time.`,
	),
	quota: rule(
		false,
		true,
		(f) => `GREEN-API quota exceeded${f.text ? `: ${f.text}` : ''}`,
		() => 'Upgrade the instance tariff in the GREEN-API console or wait until the quota renews.',
	),
	serverError: rule(
		false,
		false,
		(f) => `GREEN-API failed to process the request: ${f.text || 'Internal Server Error'}`,
		() => 'An internal error of GREEN-API; it is not retried because the same request fails the same way.',
	),
	unavailable: rule(
		true,
		false,
		(f) => `GREEN-API is unavailable (HTTP ${f.status})`,
		() => 'A gateway error on GREEN-API\'s side. Run the workflow again later, or raise "Retries" in the node options.',
	),
	otherStatus: rule(
		false,
		false,
		(f) => `GREEN-API answered HTTP ${f.status}${f.text ? `: ${f.text}` : ''}`,
		() => 'An answer GREEN-API does not document for this method.',
	),
	badAnswer: rule(
		false,
		false,
		(f) => f.text ?? 'GREEN-API answered with something other than the documented answer',
		(f) => `GREEN-API answered ${f.method} with HTTP 200 but not with the documented answer.`,
	),
	timeout: rule(
		true,
		false,
		(f) => `No answer from ${f.host} within ${f.timeoutMs} ms`,
		() => 'Raise "Timeout" in the node options if GREEN-API is slow, or try again later.',
	),
	connectTimeout: rule(true, false, (f) => `Could not connect to ${f.host} in time`, () => 'Check the API URL and the network.'),
	// A body cut short (fewer bytes than its Content-Length) is one of these too: resent whole.
	dropped: rule(true, false, (f) => `The connection to ${f.host} closed before GREEN-API answered`, LATER),
	refused: rule(false, true, (f) => `${f.host} refused the connection`, () => 'Check the API URL in the credential.'),
	hostNotFound: rule(false, true, (f) => `Cannot find the host ${f.host}`, () => 'Check the API URL in the credential.'),
	tooLarge: rule(
		false,
		false,
		(f) => `The answer from ${f.host} is larger than ${f.maxMb} MB and was refused`,
		() => "The size cap protects n8n's memory.",
	),
	tlsPlainPort: rule(
		false,
		true,
		(f) => `${f.host} does not speak TLS (https) on this port`,
		() => 'The API URL starts with https:// but the port answers plain HTTP: check the API URL (GREEN-API\'s hosts use https on the default port).',
	),
	tlsUntrusted: rule(false, true, (f) => `The TLS certificate of ${f.host} is not trusted`, () => 'Check the API URL.'),
	tlsFailed: rule(false, true, (f) => `The TLS connection to ${f.host} failed`, () => 'Check the API URL.'),
	proxyRefused: rule(
		false,
		true,
		(f) => `The proxy ${f.proxy} refused the connection`,
		() => 'Requests to GREEN-API go through the proxy set in HTTPS_PROXY / HTTP_PROXY: check that it runs, or fix that setting.',
	),
	proxyAuth: rule(
		false,
		true,
		(f) => `The proxy ${f.proxy} asked for authentication (HTTP 407)`,
		() => 'Put the proxy user and password into the proxy URL in HTTPS_PROXY / HTTP_PROXY, or let this n8n through the proxy.',
	),
	proxyAnswered: rule(
		true,
		false,
		(f) => `The proxy ${f.proxy} did not open a connection to ${f.host} (HTTP ${f.status})`,
		() => 'The proxy set in HTTPS_PROXY / HTTP_PROXY could not reach GREEN-API: check the proxy, or try again later.',
	),
	proxyFailed: rule(
		true,
		false,
		(f) => `The connection through the proxy ${f.proxy} failed`,
		() => 'Check the proxy set in HTTPS_PROXY / HTTP_PROXY.',
	),
	waitTooLong: rule(
		false,
		false,
		(f) => `GREEN-API asked to wait ${f.wait} (Retry-After): longer than this node waits before a retry, so this item was not retried`,
		(f) =>
			`The server answered HTTP ${f.status} and asked not to be called again for ${f.wait}. Other items went on after a short pause; run the workflow again later.`,
	),
	overallDeadline: rule(
		false,
		false,
		(f) => `No answer from ${f.host} within ${f.timeoutMs} ms, retries included`,
		() => 'GREEN-API is slow or out of reach: try again later.',
	),
	cancelled: rule(false, false, () => 'The request was cancelled with the execution', () => 'Run the workflow again to fetch this item.'),
	unknown: rule(false, false, (f) => `The request to ${f.host} failed`, () => 'Try again later.'),
};

/**
 * What became of a call that changes state (a send, a delete, an edit) when it failed:
 * `notSent` only when the failure proves GREEN-API did not take it, else `unknown`.
 */
export type SendState = 'notSent' | 'unknown';

/**
 * GREEN-API has no idempotency key and a 200 only means "queued", so a call that changes
 * state is tried again only when GREEN-API cannot have taken it: a 429 (rejected, not
 * queued), or a failure before the request was written (refused, DNS, connect timeout,
 * TLS, proxy). A 5xx, a timeout or a connection dropped after writing may hide a queued
 * message: retrying it could send it twice.
 */
export function mayRetry(kind: FailureKind, written: boolean, changesState: boolean): boolean {
	if (!POLICY[kind].retry) return false;
	return !changesState || kind === 'rateLimited' || !written;
}

/** A 4xx is GREEN-API refusing the request, except 408 and 499 (the request timed out or was closed mid-way). */
export function sendStateOf(written: boolean, status: number | undefined): SendState {
	if (!written) return 'notSent';
	return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 499 ? 'notSent' : 'unknown';
}

/** The kind of an HTTP answer that is not a success. */
export function statusKind(status: number): FailureKind {
	switch (status) {
		case 400:
			return 'badRequest';
		case 401:
			return 'wrongToken';
		case 403:
			return 'wrongInstance';
		case 404:
			return 'noMethod';
		case 429:
			return 'rateLimited';
		case 466:
			return 'quota';
		case 500:
			return 'serverError';
		case 502:
		case 503:
		case 504:
			return 'unavailable';
		default:
			return 'otherStatus';
	}
}
