import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { toConnection } from '../transport/connection';
import { GreenApiError } from '../transport/failures';
import { quote, redact } from '../transport/redact';
import { callGreenApi } from '../transport/request';

/** Why each instance state other than `authorized` cannot serve requests, and the fix. */
const STATE_MESSAGES: Record<string, string> = {
	notAuthorized:
		'The instance is not authorized (notAuthorized): link a WhatsApp account by scanning the QR code in the GREEN-API console',
	blocked: 'The instance is blocked (blocked): WhatsApp banned the linked account; see the GREEN-API console',
	sleepMode:
		'The instance is in sleep mode (sleepMode): the linked phone is off or offline; turn it on and connect it to the internet',
	starting: 'The instance is starting (starting): try again in a few minutes',
	yellowCard:
		'The instance has a yellow card (yellowCard): WhatsApp has suspended sending from this account for a while; see the GREEN-API console',
};

const TEST_DEADLINE_MS = 20_000;

/** n8n's "Test" button: asks getStateInstance and succeeds only for `authorized`. */
export async function greenApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const result = toConnection(credential.data);
	if (!result.ok) return { status: 'Error', message: result.reason };
	const secrets = result.connection.secrets;

	let answer: unknown;
	try {
		answer = await callGreenApi(result.connection, 'getStateInstance', undefined, {
			perSecond: 1,
			maxRetries: 1,
			timeoutMs: 15_000,
			// The Test button must answer: queueing behind the instance's limiter, the retry and
			// any server-asked wait all count against this.
			deadlineMs: TEST_DEADLINE_MS,
		});
	} catch (error) {
		const message = error instanceof GreenApiError ? `${error.message}. ${error.description}` : 'The test request failed';
		return { status: 'Error', message: redact(message, secrets) };
	}

	const state = (answer as { stateInstance?: unknown } | null)?.stateInstance;
	if (state === 'authorized') {
		return { status: 'OK', message: 'Connection successful: the instance is authorized' };
	}
	if (typeof state !== 'string') {
		return { status: 'Error', message: 'GREEN-API did not report the instance state (no stateInstance in its answer)' };
	}
	return {
		status: 'Error',
		// An unknown state is the server's text: redacted, then cut, like any text it sends.
		message: STATE_MESSAGES[state] ?? `The instance state is "${quote(state, secrets, 60)}": only an authorized instance can be used`,
	};
}
