// "Listen for test event" in webhook mode, as a person does it in the editor: switch the
// trigger to Webhook, type a Webhook Token, press "Execute step" (n8n then listens), and have GREEN-API (the emulator)
// deliver a notification to the Test URL; the sample must reach the output panel.
import type { GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import type { Editor } from './editor';

export const WEBHOOK_EVENT_WORKFLOW_ID = 'e2eEditorHook01';
const WEBHOOK_ID = '5f0c2d7a-8b1e-4c3d-9a6f-2e4b6c8d0a1f';
const TRIGGER = 'GREEN-API Trigger';
export const SAMPLE_TEXT = 'A test event from the browser test';

/** A lone trigger in poll mode (the default a person starts from), with the demo credential. */
export function webhookEventWorkflow(credential: { id: string; name: string }): unknown {
	return {
		id: WEBHOOK_EVENT_WORKFLOW_ID,
		name: 'e2e: webhook test event',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${WEBHOOK_EVENT_WORKFLOW_ID}-1`,
				name: TRIGGER,
				type: 'n8n-nodes-green-api.greenApiTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: { mode: 'poll' },
				credentials: { greenApi: credential },
			},
		],
		connections: {},
	};
}

/**
 * Delivers the sample as GREEN-API would once its webhookUrl is the Test URL, until n8n has
 * registered that URL (404 before): the editor says "listening" slightly before it has.
 */
async function deliverToTestUrl(emulator: GreenApiEmulator, testUrl: string, token: string): Promise<number> {
	Object.assign(emulator.notifications.settings, { webhookUrl: testUrl, webhookUrlToken: token });
	const until = Date.now() + 20_000;
	for (;;) {
		const { status } = await emulator.notifications.deliverWebhook(incoming(1, { text: SAMPLE_TEXT }));
		if (status !== 404 || Date.now() > until) return status;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Returns the HTTP status of the delivery; the output panel shows the sample when this returns. */
export async function listenForWebhookTestEvent(editor: Editor, baseUrl: string, emulator: GreenApiEmulator, token: string): Promise<number> {
	await editor.step('open the webhook test workflow', () => editor.goto(`/workflow/${WEBHOOK_EVENT_WORKFLOW_ID}`));
	const node = editor.testId('canvas-node').filter({ hasText: TRIGGER });
	await editor.step('open the trigger by double-clicking it', () => node.dblclick());
	const panel = editor.testId('ndv');
	await editor.step('open the Receive list', () => panel.getByTestId('parameter-input-mode').click());
	await editor.step('pick "Webhook"', () => editor.page.getByRole('option').filter({ hasText: /^\s*Webhook/ }).click());
	await editor.step('type the Webhook Token', () => panel.getByTestId('parameter-input-webhookToken').locator('input').fill(token));
	// n8n 2.x calls "Listen for test event" "Execute step".
	await editor.step('press "Execute step"', () => panel.getByTestId('node-execute-button').click());
	await editor.step('see that n8n listens', () => panel.getByTestId('trigger-listening').waitFor());

	const status = await deliverToTestUrl(emulator, `${baseUrl}/webhook-test/${WEBHOOK_ID}/notifications`, token);
	const output = editor.testId('output-panel');
	await editor.step('see the sample in the output panel', () => output.getByText(SAMPLE_TEXT).first().waitFor({ timeout: 30_000 }));
	await editor.step('see that n8n stopped listening', () => panel.getByTestId('trigger-listening').waitFor({ state: 'hidden' }));
	return status;
}

/** The statuses n8n saved for the workflow's executions, once none is still running (bounded). */
export async function settledExecutionStatuses(baseUrl: string, cookie: string): Promise<string[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WEBHOOK_EVENT_WORKFLOW_ID }));
	const until = Date.now() + 15_000;
	for (;;) {
		const response = await fetch(`${baseUrl}/rest/executions?filter=${filter}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
		const { data } = (await response.json()) as { data: { results: { status: string }[] } };
		const statuses = data.results.map((execution) => execution.status);
		if (!statuses.some((status) => status === 'running' || status === 'new') || Date.now() > until) return statuses;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
