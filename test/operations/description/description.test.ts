import type { INodeParameters } from 'n8n-workflow';

import { GreenApi } from '../../../nodes/GreenApi/GreenApi.node';

const { description } = new GreenApi();

/** Evaluates a `={{ … }}` string the way n8n does, with only $parameter in scope: proves it uses no closure. */
function evaluate(expression: unknown, parameters: INodeParameters): unknown {
	const body = String(expression).replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return new Function('$parameter', `return (${body});`)(parameters);
}

const names = (outputs: unknown) => (outputs as Array<string | { displayName?: string }>).map((output) => (typeof output === 'string' ? output : output.displayName));

describe('the node description', () => {
	it.each([
		[{ resource: 'contact', operation: 'getContactInfo', options: {} }, ['Contact', 'Products']],
		[{ resource: 'contact' }, ['Contact', 'Products']],
		[{ resource: 'group', operation: 'getGroupData' }, ['Group', 'Participants']],
		[{ resource: 'contact', operation: 'checkWhatsapp', options: {} }, ['main']],
		[{ resource: 'contact', operation: 'checkWhatsapp', options: { splitByResult: true } }, ['Has WhatsApp', 'No WhatsApp']],
		[{ resource: 'contact', operation: 'getAvatar' }, ['main']],
		[{ resource: 'contact', operation: 'getContacts' }, ['main']],
		[{ resource: 'message' }, ['main']],
		[{ resource: 'message', operation: 'sendFile', options: { splitByResult: true } }, ['main']],
	])('has the outputs the operation chooses: %j', (parameters, expected) => {
		expect(names(evaluate(description.outputs, parameters as INodeParameters))).toEqual(expected);
	});

	it('shows what a person reads on the canvas, for every operation', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		const shown = operations.flatMap((property) =>
			(property.options as Array<{ name: string; value: string }>).map((option) =>
				evaluate(description.subtitle, { resource: property.displayOptions?.show?.resource?.[0] as string, operation: option.value }),
			),
		);
		// Each operation's subtitle is "<Resource>: <its name in the list>", whatever the resource.
		const resourceNames = new Map((description.properties.find((property) => property.name === 'resource')?.options as Array<{ name: string; value: string }>).map((option) => [option.value, option.name]));
		const expected = operations.flatMap((property) =>
			(property.options as Array<{ name: string }>).map((option) => `${resourceNames.get(property.displayOptions?.show?.resource?.[0] as string)}: ${option.name}`),
		);
		expect(shown).toEqual(expected);
		expect(shown).toEqual(expect.arrayContaining(['Contact: Get Contact Info', 'Message: Send Text', 'Message: Mark as Read', 'Status: Get Outgoing Statuses']));
	});

	it('builds the outputs expression from the operations table, with no "}}" inside that would end it early', () => {
		const body = String(description.outputs).replace(/^=\{\{/, '').replace(/\}\}$/, '');
		expect(body).not.toContain('}}');
		expect(body).toContain('"Has WhatsApp"');
	});

	it('keeps hints short and units on screen', () => {
		const options = description.properties.filter((property) => property.name === 'options').flatMap((property) => property.options as Array<{ displayName: string; description?: string }>);
		for (const option of options) expect((option.description ?? '').length).toBeLessThan(200);
		expect(options.map((option) => option.displayName)).toContain('Timeout (Milliseconds)');
	});
});

describe('wording in the editor', () => {
	const operations = description.properties.filter((property) => property.name === 'operation').flatMap((property) => property.options as Array<{ name: string; value: string; action: string }>);

	it('names each action as briefly as n8n does, since actions become node names', () => {
		for (const { action } of operations) expect(action.length).toBeLessThanOrEqual(20);
		expect(operations.map((operation) => operation.action)).toContain('Check WhatsApp');
	});

	it('labels every output with at most 12 characters, which fit under the node on the canvas', () => {
		const settings = [{ resource: 'contact', operation: 'checkWhatsapp', options: { splitByResult: true } }, { resource: 'contact', operation: 'getContactInfo' }, { resource: 'group', operation: 'getGroupData' }];
		for (const parameters of settings) for (const name of names(evaluate(description.outputs, parameters as INodeParameters))) expect(String(name).length).toBeLessThanOrEqual(12);
	});

	// Send and Wait (n8n's SEND_AND_WAIT_OPERATION) has no GREEN-API method of its own: it links the
	// page of sendMessage, the method its message goes out with, and says so in the link's text.
	const DOCS_METHOD: Record<string, string> = { sendAndWait: 'sendMessage' };

	it('links each operation to its own GREEN-API page, under its first field', () => {
		for (const { value } of operations) {
			const first = description.properties.find((property) => property.displayOptions?.show?.operation?.includes(value));
			const method = DOCS_METHOD[value] ?? value;
			// The editor shows no hint under a collection or a notice: there the link is a callout above it.
			expect(['collection', 'fixedCollection', 'notice']).not.toContain(first?.type);
			expect(first?.type === 'callout' ? first.displayName : first?.hint).toMatch(new RegExp(`<a href="https://green-api\\.com/en/docs/api/\\w+(?:/\\w+)?/${method}\\w*/" target="_blank">GREEN-API docs: ${method}</a>$`, 'i'));
		}
	});

	// Notes are hints; a warning-coloured notice is kept for what cannot be undone (issue 19).
	const DESTRUCTIVE = ['logout', 'clearMessagesQueue', 'leaveGroup', 'removeGroupParticipant'];

	it('shows a notice only on the destructive operations, each on its own operation', () => {
		for (const notice of description.properties.filter((property) => property.type === 'notice')) {
			const shownFor = notice.displayOptions?.show?.operation ?? [];
			expect(shownFor).toHaveLength(1);
			expect(DESTRUCTIVE).toContain(shownFor[0]);
		}
	});
});
