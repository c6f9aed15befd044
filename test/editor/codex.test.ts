import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';

// n8n's nodes panel matches what is typed against the display name and the codex
// `alias` list only (the browser test proves it in a real editor): people look for
// WhatsApp first, then for what they want done.
const codex = JSON.parse(readFileSync(join(__dirname, '../../nodes/GreenApi/GreenApi.node.json'), 'utf8')) as {
	node: string;
	categories: string[];
	alias: string[];
};

describe('the node codex (what the nodes panel searches)', () => {
	it('names the node as n8n loads it from the community package', () => {
		expect(codex.node).toBe(`n8n-nodes-green-api.${new GreenApi().description.name}`);
		expect(codex.categories).toContain('Communication');
	});

	it.each(['whatsapp', 'contact info', 'catalog', 'products', 'green api', 'group', 'qr code', 'approval', 'human'])('finds the node for "%s"', (typed) => {
		const words = typed.split(' ');
		const matches = codex.alias.filter((alias) => words.every((word) => alias.toLowerCase().includes(word)));
		expect(matches.length).toBeGreaterThan(0);
	});
});
