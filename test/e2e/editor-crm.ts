// The shipped CRM workflow run from the editor, as a person tries it: "Execute workflow" makes
// the trigger listen, a customer writes, and every node runs once (the README's picture).
import type { GreenApiEmulator } from '../emulator';
import { incoming as incomingBody } from '../emulator/notification-bodies';
import type { LoggedMessage } from '../emulator/types';
import { createCrmTable, crmWorkflow } from './crm';
import type { Editor } from './editor';
import type { N8nServer } from './server';

export async function runCrmWorkflowInEditor(
	editor: Editor,
	emulator: GreenApiEmulator,
	server: N8nServer,
	cookie: string,
	credential: { id: string; name: string },
): Promise<{ incoming: { chatId: string; idMessage: string }; reply: LoggedMessage | undefined }> {
	// The webhook test before this one pasted a Test URL into the instance, as its README step says.
	emulator.notifications.settings.webhookUrl = '';
	await createCrmTable(server, cookie);
	const workflow = crmWorkflow(credential);
	await editor.step('open the CRM workflow', () => editor.goto(`/workflow/${workflow.id}`));
	await editor.step('find its Reply node on the canvas', () => editor.testId('canvas-node').filter({ hasText: 'Reply' }).waitFor());
	await editor.step('press "Execute workflow" (the trigger listens)', () => editor.testId('execute-workflow-button').click());
	await editor.step('wait for the trigger to poll', async () => {
		const deadline = Date.now() + 30_000;
		while (emulator.notifications.polling === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
	});
	const chatId = '79130000042@c.us';
	const body = incomingBody(1, { chatId, text: 'Hi, is my order ready?' });
	emulator.notifications.enqueue(body);
	await editor.step('see "Workflow executed successfully"', () =>
		editor.page.getByRole('alert').filter({ hasText: /workflow executed successfully/i }).waitFor({ timeout: 60_000 }),
	);
	const idMessage = String(body.idMessage);
	const reply = emulator.messages.all().find((logged) => logged.method === 'sendMessage' && logged.fields.quotedMessageId === idMessage);
	return { incoming: { chatId, idMessage }, reply };
}
