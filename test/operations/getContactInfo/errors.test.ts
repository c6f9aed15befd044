import { SEED_CHAT_ID } from '../../emulator';
import { captureOutput, exposedText, useStage } from '../../support/greenApiRun';
import type { GreenApiStage, NodeRunOptions } from '../../support/greenApiRun';

const fast = { requestsPerSecond: 0, retries: 0, timeout: 1000 };
let stage: GreenApiStage;

useStage({ rateLimits: { getContactInfo: 0 } }, (started) => (stage = started));

/** Runs one seed item that fails, and checks that no secret escaped anywhere. */
async function failure(options: NodeRunOptions = {}) {
	const { result, output } = await captureOutput(() => stage.runNode([{ chatId: SEED_CHAT_ID }], { options: fast, ...options }));
	expect(result.error).toBeDefined();
	const exposed = exposedText(result.error, result.run, output);
	for (const secret of stage.secrets) expect(exposed).not.toContain(secret);
	return result.error as Error & { httpCode?: string; description?: string; context?: { itemIndex?: number } };
}

describe('errors a person can act on, without the token', () => {
	it('401: names the API token', async () => {
		const error = await failure({ credential: 'wrongToken' });
		expect(error.message).toBe('Wrong API token: GREEN-API did not accept the API token for instance 1101000001');
		expect(error.description).toMatch(/apiTokenInstance/);
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '401', context: { itemIndex: 0 } });
	});

	it('403: names the Instance ID and API URL, the host being the usual cause', async () => {
		const error = await failure({ credential: 'wrongInstance' });
		expect(error.message).toMatch(/^Wrong Instance ID or API URL: 127\.0\.0\.1:\d+ does not serve instance 9999999999$/);
		expect(error.description).toMatch(/wrong host is the usual cause/);
		expect(error.httpCode).toBe('403');
	});

	it('400: passes on the server\'s own text', async () => {
		stage.emulator.inject({ kind: 'status', status: 400, body: 'Validation failed. Details: something specific' });
		const error = await failure();
		expect(error.message).toBe('GREEN-API rejected the request: Validation failed. Details: something specific');
		expect(error.httpCode).toBe('400');
	});

	it('400 whose body echoes the URL: the token in it is redacted', async () => {
		stage.emulator.inject({ kind: 'status', status: 400, echoPath: true });
		const error = await failure();
		expect(error.message).toContain('[redacted]');
		expect(error.message).toContain('/waInstance1101000001/getContactInfo/');
	});

	it('466: says which quota, how much of it is used, and what to do', async () => {
		stage.emulator.inject({ kind: 'quota', correspondents: true });
		const error = await failure();
		expect(error.message).toMatch(/^GREEN-API quota exceeded: getContactInfo used \d+ of \d+ \(QUOTE_EXCEEDED\); .* \(CORRESPONDENTS_QUOTE_EXCEEDED\)$/);
		expect(error.description).toMatch(/Upgrade the instance tariff/);
		expect(error.httpCode).toBe('466');
	});

	it('500: reports GREEN-API\'s internal error without retrying it', async () => {
		stage.emulator.inject({ kind: 'status', status: 500, body: 'internal trouble' });
		const error = await failure({ options: { ...fast, retries: 3 } });
		expect(error.message).toBe('GREEN-API failed to process the request: internal trouble');
		expect(stage.emulator.requests).toHaveLength(1);
	});

	it('timeout: names the host and the time waited', async () => {
		stage.emulator.inject({ kind: 'hang' });
		const error = await failure();
		expect(error.message).toMatch(/^No answer from 127\.0\.0\.1:\d+ within 1000 ms$/);
		expect(error.description).toMatch(/Raise "Timeout"/);
	});

	it('connection refused: names the host and points to the API URL', async () => {
		const error = await failure({ credential: 'refused' });
		expect(error.message).toMatch(/^127\.0\.0\.1:\d+ refused the connection$/);
		expect(error.description).toMatch(/Check the API URL/);
	});

	it('a dropped connection: says so', async () => {
		stage.emulator.inject({ kind: 'reset' });
		const error = await failure();
		expect(error.message).toMatch(/^The connection to 127\.0\.0\.1:\d+ closed before GREEN-API answered$/);
	});

	it('an option out of range (expressions bypass the editor): names it and its bounds, before any request', async () => {
		const error = await failure({ options: { ...fast, timeout: 5 } });
		expect(error.message).toBe('Option "Timeout (Milliseconds)" must be a whole number from 1000 to 600000, not 5');
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('an API URL that is not http(s): says what to fix, before any request', async () => {
		const error = await failure({ credential: 'ftpUrl' });
		expect(error.message).toBe('GREEN-API credential: API URL must start with https:// (it starts with ftp://): copy apiUrl from the GREEN-API console');
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('after a 401 with "continue", the other items fail the same way without more requests', async () => {
		const items = ['79001111111', '79002222222', '79003333333'].map((chatId) => ({ chatId }));
		const { contacts } = await stage.runNode(items, { credential: 'wrongToken', options: { ...fast, maxConcurrency: 1 }, onError: 'continueRegularOutput' });
		expect(contacts.map((item) => item.json.error)).toEqual([0, 1, 2].map((i) => expect.stringMatching(/^Wrong API token: GREEN-API did not accept the API token for instance \d+$/)));
		expect(stage.emulator.requests).toHaveLength(1);
	});
});
