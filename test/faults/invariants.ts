import type { INodeExecutionData } from 'n8n-workflow';

import { captureOutput, exposedText, pairedIndexes } from '../support/greenApiRun';
import type { GreenApiStage, NodeRun, NodeRunOptions } from '../support/greenApiRun';

/** Distinct personal numbers, none of them the seed. */
export function numbers(count: number, prefix = '7900200'): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
}

export const chatIdOf = (phone: string) => `${phone}@c.us`;

/**
 * Runs the node with "continue on fail" and checks what must hold whatever the server
 * did: one Contact item per input item, in order and paired to it, each either the
 * contact asked for or a clear error naming its item; Products only from successes,
 * paired and in order; and no secret anywhere, output streams included.
 */
export async function runChecked(stage: GreenApiStage, chatIds: unknown[], options: NodeRunOptions = {}): Promise<NodeRun & { failed: Map<number, string> }> {
	const { result, output } = await captureOutput(() =>
		stage.runNode(
			chatIds.map((chatId) => ({ chatId })),
			{ onError: 'continueRegularOutput', ...options },
		),
	);
	expect(result.error).toBeUndefined();
	const { contacts, products } = result;
	expect(pairedIndexes(contacts)).toEqual(chatIds.map((_, index) => index));

	const failed = new Map<number, string>();
	contacts.forEach((item, index) => {
		if (typeof item.json.error === 'string') {
			expect(item.json.error).not.toMatch(/\[item \d+\]/); // n8n numbers the item itself
			expect(item.json.error.length).toBeGreaterThan(20);
			failed.set(index, item.json.error);
		} else {
			expect(item.json.error).toBeUndefined();
			expect(typeof item.json.chatId).toBe('string');
			expect(item.json.phoneNumber).toBe(String(item.json.chatId).replace('@c.us', ''));
		}
	});
	expectProductsFollowContacts(contacts, products);

	expectNoSecretPiece(exposedText(result.run, output), stage.secrets);
	return { ...result, failed };
}

/** Shorter pieces would match ordinary words; a cut or re-spelled token leaves at least this much. */
export const SECRET_PIECE = 10;

/**
 * No 10-character piece of any secret, in any letter case: a token cut in half by a
 * message limit, or echoed upper-cased, fails this as surely as a whole one.
 */
export function expectNoSecretPiece(exposed: string, secrets: readonly string[]): void {
	const text = exposed.toLowerCase();
	for (const secret of secrets) {
		const lower = secret.toLowerCase();
		for (let at = 0; at + SECRET_PIECE <= lower.length; at++) {
			const piece = lower.slice(at, at + SECRET_PIECE);
			if (text.includes(piece)) throw new Error(`a ${SECRET_PIECE}-character piece of a secret leaked: …${piece.slice(0, 3)}… at ${text.indexOf(piece)}`);
		}
	}
}

function expectProductsFollowContacts(contacts: INodeExecutionData[], products: INodeExecutionData[]) {
	const expected = contacts.flatMap((item, index) =>
		typeof item.json.error === 'string'
			? []
			: (item.json.products as Array<{ id: string }>).map((product) => ({ index, id: product.id, chatId: item.json.chatId })),
	);
	expect(products.map((item, i) => ({ index: pairedIndexes(products)[i], id: item.json.id, chatId: item.json.chatId }))).toEqual(expected);
}
