import type { IExecuteFunctions } from 'n8n-workflow';

import { quote, redact } from '../transport/redact';
import { parseChatId } from './chatId';
import type { ChatKind } from './chatId';
import { refuse } from './errors';

/** Reads one item's parameters; every refusal is an InputError carrying the value given. */
export class ItemParameters {
	constructor(
		private readonly context: IExecuteFunctions,
		readonly index: number,
		private readonly secrets: readonly string[],
	) {}

	/** The value as the item gives it; a value holding the API token is refused without repeating it. */
	value(name: string, label: string, fallback?: unknown): unknown {
		let value: unknown;
		try {
			value = fallback === undefined ? this.context.getNodeParameter(name, this.index) : this.context.getNodeParameter(name, this.index, fallback);
		} catch (error) {
			throw refuse(`${label} could not be read: ${quote((error as Error).message, this.secrets, 200)}`);
		}
		if (this.holdsSecret(value)) {
			throw refuse(
				`${label} holds the credential's API token. Remove it from this field: the token belongs only in the credential (renew it in the GREEN-API console if it was shared)`,
				{ [name]: '[redacted]' },
			);
		}
		return value;
	}

	/** A chat ID of the kinds asked for, normalised (phone numbers become …@c.us). */
	chatId(kinds: readonly ChatKind[], name = 'chatId', label = 'Chat ID'): string {
		const value = this.value(name, label);
		const result = parseChatId(value, kinds);
		if (!result.ok) throw refuse(result.reason.replace(/^Chat ID/, label), { [name]: value as string });
		return result.chatId;
	}

	private holdsSecret(value: unknown): boolean {
		if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return false;
		const text = typeof value === 'string' ? value : safeStringify(value);
		return redact(text, this.secrets) !== text;
	}
}

function safeStringify(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '';
	}
}
