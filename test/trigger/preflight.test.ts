// The getSettings check before polling: bounded in time (n8n activates workflows one at a
// time, so a slow one holds up every later one), and its refusal quotes no secret.

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { hideUrlParts } from '../../nodes/GreenApi/transport/redactUrl';
import type { GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { activate, credentialsFor, fakeTrigger, useActivatedTriggers, waitFor } from './harness';

const node = new GreenApiTrigger();
const POLL = { mode: 'poll', receiveTimeout: 5, acknowledge: 'afterFinished', maxAttempts: 2, events: ['incomingMessageReceived'], chats: 'all', chatIds: '' };

let emulator: GreenApiEmulator;
const open = useActivatedTriggers((started) => (emulator = started));

async function refusalFor(webhookUrl: string, webhookUrlToken = ''): Promise<string> {
	Object.assign(emulator.notifications.settings, { webhookUrl, webhookUrlToken });
	const error = await activate(node, fakeTrigger(POLL, credentialsFor(emulator))).then(
		() => undefined,
		(e: Error) => e,
	);
	if (error === undefined) throw new Error('the activation was not refused');
	expect(error.message).toMatch(/^This GREEN-API instance sends its notifications to the webhook URL /);
	return JSON.stringify([error.message, (error as { description?: string }).description]);
}

describe('GREEN-API Trigger pre-flight check (poll mode)', () => {
	it('a getSettings that never answers holds the activation a few seconds only; polling goes on, with a warning', async () => {
		emulator.inject({ kind: 'hang', method: 'getSettings' });
		const fake = fakeTrigger(POLL, credentialsFor(emulator));
		const started = Date.now();
		open.push(await activate(node, fake));
		const took = Date.now() - started;
		expect(took).toBeLessThan(8_000);
		expect(fake.logs.join('\n')).toMatch(/getSettings did not answer within 5 s; polling anyway/);
		const [id] = emulator.notifications.enqueue(incoming(1));
		await waitFor(() => emulator.notifications.deleted.includes(id));
		expect(fake.emitted.map((item) => item.receiptId)).toEqual([id]);
		console.info(`activation with getSettings hanging took ${took} ms`);
	}, 70_000);

	it('the refusal quotes the webhook URL without its userinfo, query values and fragment', async () => {
		const text = await refusalFor('https://user:pa55word@hooks.example.com/green?token=SECRET-IN-QUERY&v=2&bare#access_token=FRAGMENT');
		expect(text).toContain('https://[redacted]@hooks.example.com/green?token=[redacted]&v=[redacted]&[redacted]#[redacted]');
		for (const secret of ['user', 'pa55word', 'SECRET-IN-QUERY', 'bare', 'FRAGMENT']) expect(text).not.toContain(secret);
	});

	it("the refusal quotes neither the API token nor the instance's webhookUrlToken, wherever in the URL", async () => {
		const text = await refusalFor(`https://hooks.example.com/${emulator.token}/in/hook-token-5678`, 'hook-token-5678');
		expect(text).toContain('https://hooks.example.com/[redacted]/in/[redacted]');
		expect(text).not.toContain(emulator.token);
		expect(text).not.toContain('hook-token-5678');
	});

	it('a 5,000-character webhook URL is quoted cut to 120 characters', async () => {
		const text = await refusalFor(`https://hooks.example.com/${'a'.repeat(5_000)}`);
		const quoted = /webhook URL (.+?), so its queue/.exec(text)?.[1] ?? '';
		expect(quoted).toHaveLength(120);
		expect(quoted.endsWith('…')).toBe(true);
		expect(text.length).toBeLessThan(600);
	});

	it.each([
		['https://u:p@ss@hooks.example.com/x', 'https://[redacted]@hooks.example.com/x'],
		['https://hooks.example.com/a@b?', 'https://hooks.example.com/a@b?'],
		['https://hooks.example.com/in', 'https://hooks.example.com/in'],
		['user:pass@hooks.example.com/in?=x&&k=', '[redacted]@hooks.example.com/in?=[redacted]&&k=[redacted]'],
	])('hides the parts of %s that carry tokens, and nothing else', (url, hidden) => {
		expect(hideUrlParts(url)).toBe(hidden);
	});
});
