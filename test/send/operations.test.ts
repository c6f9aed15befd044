import type { IDataObject } from 'n8n-workflow';

import { normalizeNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import { incoming } from '../emulator/notification-bodies';
import { useStage } from '../support/greenApiRun';
import type { GreenApiStage } from '../support/greenApiRun';

// Each Message operation through n8n's engine: what the node outputs and what GREEN-API got.
let stage: GreenApiStage;
useStage({}, (started) => (stage = started));

const A = '79002000001@c.us';
const GROUP = '120363043968066561@g.us';
const run = (operation: string, parameters: IDataObject, items: object[] = [{ chatId: A }], options: IDataObject = {}) =>
	stage.runNode(items, { resource: 'message', operation, parameters, options });

describe('the Message operations', () => {
	it('Send Text to a phone number, a chat and a group, with a quote, no link preview and typing time', async () => {
		const items = [{ chatId: '+7 900 200-00-01', messageId: '3EB0C767D097B7C7C030' }, { chatId: GROUP }];
		const { contacts: output, error } = await run('sendMessage', { message: 'Hello *there*' }, items, { quotedMessageId: '={{ $json.messageId }}', linkPreview: false, typingSeconds: 3 });
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.chatId)).toEqual([A, GROUP]);
		const [first, second] = stage.emulator.messages.all();
		expect(first.fields).toEqual({ chatId: A, message: 'Hello *there*', quotedMessageId: '3EB0C767D097B7C7C030', linkPreview: false, typingTime: 3000 });
		expect(second.fields).toEqual({ chatId: GROUP, message: 'Hello *there*', linkPreview: false, typingTime: 3000 });
		expect(output[0].json.idMessage).toBe(first.idMessage);
	});

	it('placed after the trigger, Send Text answers a group message in the group, quoting it, with no Chat ID typed', async () => {
		const item = normalizeNotification(incoming(7, { chatId: GROUP, text: 'Who has the keys?' }));
		expect(item.sender.chatId).not.toBe(GROUP);
		// Chat ID is left at its default ({{ $json.chatId }}); the Quote Message ID option is added with its own.
		const { error } = await run('sendMessage', { message: 'I do' }, [item], { quotedMessageId: '={{ $json.messageId }}' });
		expect(error).toBeUndefined();
		expect(stage.emulator.messages.all().map((m) => m.fields)).toEqual([{ chatId: GROUP, message: 'I do', quotedMessageId: item.messageId }]);
	});

	it('Send Text as an AI agent\'s tool: $fromAI fills Chat ID and Message from the tool call', async () => {
		// n8n hands a tool's arguments to the node as its input item (json.query); $fromAI reads them there.
		const items = [{ query: { chatId: '+7 900 200-00-01', message: 'Your order has shipped' } }];
		const parameters = { chatId: "={{ $fromAI('chatId', 'The customer\\'s phone number or WhatsApp chat ID', 'string') }}", message: "={{ $fromAI('message', 'The text to send', 'string') }}" };
		const { contacts: output, error } = await run('sendMessage', parameters, items);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.json.chatId)).toEqual([A]);
		expect(stage.emulator.messages.all().map((m) => m.fields)).toEqual([{ chatId: A, message: 'Your order has shipped' }]);
	});

	it('Send File by URL: the name comes from the link when none is given', async () => {
		const { contacts: output } = await run('sendFile', { fileSource: 'url', urlFile: 'https://example.com/files/price%20list.pdf', caption: 'Prices' });
		expect(output[0].json).toMatchObject({ chatId: A, fileName: 'price list.pdf', sendState: 'queued' });
		expect(stage.emulator.messages.all()[0]).toMatchObject({ method: 'sendFileByUrl', fields: { urlFile: 'https://example.com/files/price%20list.pdf', fileName: 'price list.pdf', caption: 'Prices' } });
	});

	it('Send Location, Send Contact and Send Poll send what GREEN-API documents', async () => {
		await run('sendLocation', { latitude: '55.7558', longitude: 37.6173, nameLocation: 'Red Square', address: 'Moscow' });
		await run('sendContact', { phoneContact: '+7 (900) 200-00-09', firstName: 'Ann', company: 'ACME' });
		await run('sendPoll', { message: 'Lunch?', pollOptions: { option: [{ name: 'Yes' }, { name: 'No' }] }, multipleAnswers: true });
		expect(stage.emulator.messages.all().map((m) => [m.method, m.fields])).toEqual([
			['sendLocation', { chatId: A, latitude: 55.7558, longitude: 37.6173, nameLocation: 'Red Square', address: 'Moscow' }],
			['sendContact', { chatId: A, contact: { phoneContact: 79002000009, firstName: 'Ann', company: 'ACME' } }],
			['sendPoll', { chatId: A, message: 'Lunch?', options: [{ optionName: 'Yes' }, { optionName: 'No' }], multipleAnswers: true }],
		]);
	});

	it('Forward Messages forwards one message per call and lists every new ID', async () => {
		const { contacts: output, error } = await run('forwardMessages', { chatIdFrom: '79002000002@c.us', messages: 'AAAA1111, BBBB2222,CCCC3333' });
		expect(error).toBeUndefined();
		const log = stage.emulator.messages.all();
		expect(log.map((m) => m.fields.messages)).toEqual([['AAAA1111'], ['BBBB2222'], ['CCCC3333']]);
		expect(output[0].json.idMessages).toEqual(log.map((m) => m.idMessage));
		expect(output[0].json.forwarded).toEqual([
			{ from: 'AAAA1111', idMessage: log[0].idMessage },
			{ from: 'BBBB2222', idMessage: log[1].idMessage },
			{ from: 'CCCC3333', idMessage: log[2].idMessage },
		]);
	});

	it('Forward Messages failing on the second says the first went through, so only the rest is forwarded again', async () => {
		stage.emulator.setQuota('forwardMessages', 1);
		const { error } = await run('forwardMessages', { chatIdFrom: '79002000002@c.us', messages: 'AAAA1111,BBBB2222' });
		expect(error?.message).toMatch(/^GREEN-API quota exceeded/);
		expect((error as { description?: string }).description).toMatch(/^1 of 2 messages were forwarded \(AAAA1111\) before this one failed: forward only the rest again\./);
		expect(stage.emulator.messages.all().map((m) => m.fields.messages)).toEqual([['AAAA1111']]);
	});

	it('Edit, Delete, Mark as Read and Show Typing', async () => {
		const edit = await run('editMessage', { idMessage: 'BAE5F00DF00DF00D', message: 'Fixed text' });
		const del = await run('deleteMessage', { idMessage: 'BAE5F00DF00DF00D', deleteFor: 'me' });
		const read = await run('readChat', { idMessage: '' });
		const typing = await run('sendTyping', { seconds: 4, typingType: 'recording' });
		expect([edit, del, read, typing].map((result) => result.error)).toEqual([undefined, undefined, undefined, undefined]);
		expect(edit.contacts[0].json).toMatchObject({ idMessage: 'BAE5F00DF00DF00D', chatId: A, edited: true });
		expect(del.contacts[0].json).toMatchObject({ chatId: A, idMessage: 'BAE5F00DF00DF00D', deleted: true });
		expect(read.contacts[0].json).toMatchObject({ chatId: A, setRead: true });
		expect(typing.contacts[0].json).toMatchObject({ chatId: A, typingTime: 4000 });
		expect(stage.emulator.messages.all().map((m) => [m.method, m.fields])).toEqual([
			['editMessage', { chatId: A, idMessage: 'BAE5F00DF00DF00D', message: 'Fixed text' }],
			['deleteMessage', { chatId: A, idMessage: 'BAE5F00DF00DF00D', onlySenderDelete: true }],
			['readChat', { chatId: A }],
			['sendTyping', { chatId: A, typingTime: 4000, typingType: 'recording' }],
		]);
	});

	it('a delete answered 502 is not retried and says it may have happened', async () => {
		stage.emulator.inject({ kind: 'status', status: 502, method: 'deleteMessage', apply: true, times: 3 });
		const { error } = await run('deleteMessage', { idMessage: 'BAE5F00DF00DF00D' }, [{ chatId: A }], { retries: 3 });
		expect(error?.message).toMatch(/may or may not have deleted this message: check the chat$/);
		expect(stage.emulator.count({ method: 'deleteMessage' })).toBe(1);
	});
});
