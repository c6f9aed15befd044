import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { ParsedContact } from './contact';
import { errorItem, toNodeError } from './errors';
import type { InputError } from './errors';
import type { Outcome } from './fetchAll';

export type ItemRequest = { ok: true; chatId: string } | { ok: false; error: InputError };

export interface OutputContext {
	node: INode;
	continueOnFail: boolean;
	secrets: readonly string[];
}

/**
 * Contact output: one item per input item, in input order, paired to it. Products output:
 * one item per catalogue product, paired to the input item its contact came from.
 * Without "continue on fail" the first failing item, in input order, ends the run.
 */
export function toOutputs(
	requests: readonly ItemRequest[],
	outcomes: ReadonlyMap<string, Outcome<ParsedContact>>,
	{ node, continueOnFail, secrets }: OutputContext,
): INodeExecutionData[][] {
	const contacts: INodeExecutionData[] = [];
	const products: INodeExecutionData[] = [];
	const emitted = new Set<string>();
	requests.forEach((request, index) => {
		const outcome = request.ok ? outcomes.get(request.chatId) : { ok: false as const, error: request.error };
		if (outcome === undefined) return; // never started: an earlier item's failure ends the run
		if (!outcome.ok) {
			const error = toNodeError(node, outcome.error, index, secrets);
			if (!continueOnFail) throw error;
			contacts.push(errorItem(error, index, request.ok ? request.chatId : undefined));
			return;
		}
		const { chatId } = request as { chatId: string };
		// Repeated chatIds share one answer; later items get their own copy so that a
		// downstream node editing one item cannot change another.
		const parsed = emitted.has(chatId) ? structuredClone(outcome.value) : outcome.value;
		emitted.add(chatId);
		contacts.push({ json: parsed.contact, pairedItem: { item: index } });
		const contactChatId = parsed.contact.chatId ?? chatId;
		for (const product of parsed.products) {
			products.push({ json: { ...product, chatId: contactChatId }, pairedItem: { item: index } });
		}
	});
	return [contacts, products];
}

/** The distinct chatIds of the valid items, in order of first appearance. */
export function distinctChatIds(requests: readonly ItemRequest[]): string[] {
	return [...new Set(requests.flatMap((request) => (request.ok ? [request.chatId] : [])))];
}
