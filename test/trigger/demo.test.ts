// The trigger demo workflow (test/demo/green-api-trigger-demo.workflow.json) stays importable and
// its trigger, with the file's own parameters, feeds Get Contact Info's {{ $json.chatId }}.
import type { IDataObject } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { normalizeChatId } from '../../nodes/GreenApi/helpers/chatId';
import demoCredentials from '../demo/green-api-emulator.credentials.json';
import workflow from '../demo/green-api-trigger-demo.workflow.json';
import { GreenApiEmulator } from '../emulator';
import { incoming } from '../emulator/notification-bodies';
import { activate, credentialsFor, fakeTrigger, waitFor } from './harness';

let emulator: GreenApiEmulator;
beforeAll(async () => {
	emulator = await GreenApiEmulator.start();
	emulator.notifications.maxLongPollMs = 150;
});
afterAll(async () => await emulator.close());

describe('trigger demo workflow', () => {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-green-api.greenApiTrigger')!;

	it('uses the demo credential and wires the trigger into Get Contact Info', () => {
		expect(trigger.credentials?.greenApi.id).toBe(demoCredentials[0].id);
		expect(workflow.connections['GREEN-API Trigger'].main[0][0].node).toBe('GREEN-API');
		expect(workflow.nodes.find((n) => n.name === 'GREEN-API')?.parameters).toMatchObject({ chatId: '={{ $json.chatId }}' });
	});

	it("its trigger emits a personal message whose chatId Get Contact Info accepts as it is", async () => {
		const fake = fakeTrigger(trigger.parameters as IDataObject, credentialsFor(emulator));
		const response = await activate(new GreenApiTrigger(), fake);
		try {
			emulator.notifications.enqueue(incoming(1, { chatId: '120363043968066561@g.us' }), incoming(2, { chatId: '79001112233@c.us', text: 'Do you deliver?' }));
			await waitFor(() => emulator.notifications.queue.length === 0);
			expect(fake.emitted).toHaveLength(1);
			expect(fake.emitted[0]).toMatchObject({ chatId: '79001112233@c.us', text: 'Do you deliver?' });
			expect(normalizeChatId(fake.emitted[0].chatId)).toEqual({ ok: true, chatId: '79001112233@c.us' });
		} finally {
			await response.closeFunction?.();
		}
	});
});
