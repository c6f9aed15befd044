import { useStage, WRONG_TOKEN } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

let stage: GreenApiStage;
let good: { apiUrl: string; idInstance: string; token: string };

// The Test button may be pressed twice in a second: keep the server's limit out of the way.
useStage({ rateLimits: { getStateInstance: 0 } }, (started) => {
	stage = started;
	good = { apiUrl: stage.emulator.url, idInstance: stage.emulator.idInstance, token: stage.emulator.token };
});

function expectNoSecret(message: string) {
	for (const secret of stage.secrets) expect(message).not.toContain(secret);
}

describe('the credential\'s Test button (getStateInstance)', () => {
	it('succeeds for an authorized instance', async () => {
		await expect(stage.testCredential(good)).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful: the instance is authorized',
		});
		expect(stage.emulator.count({ method: 'getStateInstance' })).toBe(1);
	});

	it.each(['notAuthorized', 'blocked', 'sleepMode', 'starting', 'yellowCard'])('fails for state %s and names it', async (state) => {
		stage.emulator.setState(state);
		const result = await stage.testCredential(good);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`(${state})`);
	});

	it('fails for a state it does not know, quoting it', async () => {
		stage.emulator.setState('somethingNew');
		await expect(stage.testCredential(good)).resolves.toMatchObject({ status: 'Error', message: expect.stringContaining('"somethingNew"') });
	});

	it('an unknown state of 200,000 characters is quoted cut, not whole', async () => {
		stage.emulator.setState(`somethingNew${'x'.repeat(200_000)}`);
		const result = await stage.testCredential(good);
		expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining('"somethingNewxxx') });
		expect(result.message.length).toBeLessThan(200);
	});

	it('401: says the API token is wrong, without the token', async () => {
		const result = await stage.testCredential({ ...good, token: WRONG_TOKEN });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Wrong API token/) });
		expectNoSecret(result.message);
	});

	it('403: says the Instance ID or API URL is wrong', async () => {
		const result = await stage.testCredential({ ...good, idInstance: '42' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Wrong Instance ID or API URL/) });
	});

	it('tolerates a trailing slash and spaces around every field', async () => {
		const padded = { apiUrl: ` ${good.apiUrl}/ `, idInstance: ` ${good.idInstance}\n`, token: `\t${good.token} ` };
		await expect(stage.testCredential(padded)).resolves.toMatchObject({ status: 'OK' });
	});

	it.each([
		['ftp://example.invalid', /must start with https:\/\//],
		['example.invalid', /has no scheme: add https:\/\/ in front/],
		['not a url at all', /is not a URL/],
		['', /is not a URL/],
		['https://7105.api.greenapi.com/waInstance1101000001/getContactInfo/abc', /not a whole method URL/],
	])('refuses the API URL %j with a message that says what to fix, sending nothing', async (apiUrl, pattern) => {
		const result = await stage.testCredential({ ...good, apiUrl });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(pattern) });
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it.each([
		[{ idInstance: '' }, /Instance ID is empty/],
		[{ idInstance: 'abc' }, /Instance ID must be the digits/],
		[{ token: '   ' }, /API Token is empty/],
	])('refuses %j before sending anything', async (patch, pattern) => {
		await expect(stage.testCredential({ ...good, ...patch })).resolves.toMatchObject({ status: 'Error', message: expect.stringMatching(pattern) });
		expect(stage.emulator.requests).toHaveLength(0);
	});

	it('a host that refuses connections: names it', async () => {
		const result = await stage.testCredential({ ...good, apiUrl: 'http://127.0.0.1:9' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^127\.0\.0\.1:9 refused the connection/) });
	}, 15_000);
});
