// n8n 2.x says Publish / Unpublish and "Execute step" where 1.x said Activate / Deactivate,
// "active workflow" and "Test step": a notice in the old words names buttons the user cannot find.
import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';
import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';

const OLD_WORDS = /\b(?:de)?activat|\bactive\b|test step|execute node|test node/i;
const SHOWN = new Set(['displayName', 'description', 'hint', 'action', 'placeholder']);

/** Every text the editor shows from a node description: labels, descriptions, hints and option names. */
function shownTexts(value: unknown, into: string[] = []): string[] {
	if (Array.isArray(value)) for (const entry of value) shownTexts(entry, into);
	else if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		for (const [key, child] of Object.entries(record)) {
			if (typeof child === 'string' && (SHOWN.has(key) || (key === 'name' && 'value' in record))) into.push(child);
			else shownTexts(child, into);
		}
	}
	return into;
}

describe("the nodes' texts use n8n 2.x's words", () => {
	it.each([
		['GREEN-API Trigger', new GreenApiTrigger().description],
		['GREEN-API', new GreenApi().description],
	])('%s shows no Activate / Deactivate / active workflow / Test step', (_name, description) => {
		expect(shownTexts(description).filter((text) => OLD_WORDS.test(text))).toEqual([]);
	});
});
