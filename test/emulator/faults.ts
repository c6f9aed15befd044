import { STATUS_CODES } from 'node:http';
import type { ServerResponse } from 'node:http';
import { contactBody, generateContact, SEED_BODY } from './contacts';
import { SEED_CHAT_ID, json, text } from './types';
import type { Answer, Fault, Outcome } from './types';

const DEFAULT_OVERSIZED_BYTES = 10_000_000;
const QUOTA_DESCRIPTION =
	'Monthly quota has been exceeded. Please go to your personal account and change the tariff to business https://console.green-api.com';

interface Armed {
	fault: Fault;
	left: number;
}

/** Injected faults, checked in insertion order; each match consumes one of its `times`. */
export class FaultBook {
	private armed: Armed[] = [];

	inject(fault: Fault): void {
		if (fault.kind === 'status' && (fault.status === undefined || !Number.isInteger(fault.status))) {
			throw new TypeError("a 'status' fault needs an integer status");
		}
		this.armed.push({ fault: { ...fault }, left: fault.times ?? Infinity });
	}

	clear(): void {
		this.armed = [];
	}

	/**
	 * The first live fault matching this request, consumed; undefined when none applies. Phase 'before'
	 * takes the faults that replace the request, 'after' those that `apply` it first.
	 */
	take(method: string, chatId: unknown, phase: 'before' | 'after' = 'before'): Fault | undefined {
		for (const a of this.armed) {
			if (a.left <= 0) continue;
			if ((a.fault.apply === true) !== (phase === 'after')) continue;
			if ((a.fault.method ?? 'getContactInfo').toLowerCase() !== method.toLowerCase()) continue;
			if (a.fault.chatId !== undefined && a.fault.chatId !== chatId) continue;
			a.left--;
			return a.fault;
		}
		return undefined;
	}
}

export interface FaultContext {
	method: string; // canonical
	chatId: unknown;
	path: string; // the raw request path, token included
	state: string;
}

function normalBody(ctx: FaultContext): string {
	if (ctx.method === 'getStateInstance') return JSON.stringify({ stateInstance: ctx.state });
	return typeof ctx.chatId === 'string' && /^\d+@(?:c\.us|lid)$/.test(ctx.chatId) ? contactBody(ctx.chatId) : SEED_BODY;
}

function wrongTypes(ctx: FaultContext): string {
	if (ctx.method === 'getStateInstance') return JSON.stringify({ stateInstance: 1 });
	// Every field has a plausible-looking value of the wrong JSON type, so naive parsing "works".
	return JSON.stringify({
		avatar: 42,
		name: ['Dealer'],
		contactName: { first: 'Dealer' },
		email: false,
		category: 7,
		description: null,
		products: 'none',
		chatId: Number.parseInt(String(ctx.chatId ?? SEED_CHAT_ID), 10) || 71234567890,
		lastSeen: true,
		isArchive: 'no',
		isDisappearing: 0,
		isMute: 'false',
		messageExpiration: 'soon',
		muteExpiration: 'later',
		isBusiness: 'yes',
	});
}

function oversized(ctx: FaultContext, bytes: number): string {
	const chatId = typeof ctx.chatId === 'string' ? ctx.chatId : SEED_CHAT_ID;
	const contact = generateContact(chatId);
	contact.description = '';
	// Padding is ASCII, so UTF-8 bytes of the base plus the padding give the exact size.
	const base = Buffer.byteLength(JSON.stringify(contact));
	contact.description = 'x'.repeat(Math.max(0, bytes - base));
	return JSON.stringify(contact);
}

function quota(ctx: FaultContext, correspondents: boolean, used: unknown = 1000): string {
	const body: Record<string, unknown> = {
		invokeStatus: { method: ctx.method, used, total: 1000, status: 'QUOTE_EXCEEDED', description: QUOTA_DESCRIPTION },
	};
	if (correspondents) {
		body.correspondentsStatus = {
			method: 'correspondents',
			used: 3,
			total: 3,
			status: 'CORRESPONDENTS_QUOTE_EXCEEDED',
			description:
				'Monthly quota has been exceeded. You can only send or receive messages from these numbers: 71234567890@c.us,79001234567@c.us,79007654321@c.us. Please go to your personal account and change the tariff to business https://console.green-api.com',
		};
	}
	return JSON.stringify(body);
}

export function renderFault(fault: Fault, ctx: FaultContext): Outcome {
	switch (fault.kind) {
		case 'reset':
			return { kind: 'reset' };
		case 'hang':
			return { kind: 'hang' };
		case 'status': {
			const status = fault.status as number;
			let body = fault.body ?? STATUS_CODES[status] ?? `Error ${status}`;
			if (fault.echoPath) body = `${body} (request ${echo(ctx.path, fault.echoPath)})`;
			const headers = fault.retryAfter === undefined ? undefined : { 'Retry-After': String(fault.retryAfter) };
			return text(status, body, headers);
		}
		case 'quota':
			return json(466, quota(ctx, fault.correspondents === true, fault.used));
		case 'malformedJson': {
			const whole = normalBody(ctx);
			return json(200, whole.slice(0, Math.max(1, Math.floor(whole.length / 2))));
		}
		case 'emptyBody':
			return json(200, '');
		case 'oversized':
			return json(200, oversized(ctx, fault.bytes ?? DEFAULT_OVERSIZED_BYTES));
		case 'wrongTypes':
			return json(200, wrongTypes(ctx));
		case 'trickle':
			return { ...json(200, normalBody(ctx)), trickleMs: fault.intervalMs ?? 600 };
		case 'cutBody':
			return { ...json(200, normalBody(ctx)), cutAfter: fault.bytes ?? 12 };
	}
}

/** An `apply` fault: the request already took effect and `answer` is its real success, now failed as `kind` says. */
export function renderApplied(fault: Fault, answer: Answer, ctx: FaultContext): Outcome {
	if (fault.kind === 'cutBody') return { ...answer, cutAfter: fault.bytes ?? Math.floor(Buffer.byteLength(answer.body) / 2) };
	if (fault.kind === 'trickle') return { ...answer, trickleMs: fault.intervalMs ?? 600 };
	return renderFault(fault, ctx);
}

/** The path as a server that re-encodes it might echo it. */
function echo(path: string, form: true | 'lowerCase' | 'plus'): string {
	if (form === 'lowerCase') return path.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
	if (form === 'plus') return path.replace(/%20/g, '+');
	return path;
}

/**
 * Writes an answer's body after its headers: whole, one byte at a time, or cut short and
 * closed (the Content-Length header still promises the whole body).
 */
export function writeBody(res: ServerResponse, answer: Answer): void {
	if (answer.cutAfter !== undefined) {
		res.write(Buffer.from(answer.body).subarray(0, answer.cutAfter), () => res.socket?.destroy());
		return;
	}
	if (answer.trickleMs === undefined) {
		res.end(answer.body);
		return;
	}
	const bytes = Buffer.from(answer.body);
	let sent = 0;
	const timer = setInterval(() => {
		if (res.destroyed || sent >= bytes.length) {
			clearInterval(timer);
			if (!res.destroyed) res.end();
			return;
		}
		res.write(bytes.subarray(sent, ++sent));
	}, answer.trickleMs);
	res.on('close', () => clearInterval(timer));
}
