// Webhook mode's "no duplicate runs": GREEN-API delivers a notification again after a slow or
// failed answer, or after a retry on its side. One already seen by this workflow's trigger
// starts nothing and is answered 200, so GREEN-API stops.
//
// Why not n8n's checkProcessedAndRecord: n8n-core offers the deduplication helpers to
// IExecuteFunctions only; IWebhookFunctions (where a duplicate must be refused, before any
// execution exists) has none. The equivalent here:
// - the persistent part is the node's workflow static data, which n8n saves in the database:
//   webhook() reads it (n8n loads it afresh for every request), and the execution the webhook
//   starts records the notification (passOn, an IExecuteFunctions), which n8n saves when that
//   execution ends. A write from webhook() itself would be lost: n8n resets the "changed" flag
//   when it builds the execution, before it saves the webhook's static data.
// - the process part covers what the database does not hold yet: a copy that arrives while the
//   first execution runs, and entries a concurrent execution's save overwrote (each execution
//   writes the whole static data it loaded), which every later record writes back.
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { NormalizedNotification } from '../notification/normalize';

/** Notifications remembered per trigger; GREEN-API re-delivers for 24 hours, far fewer than this for most instances. */
export const MAX_SEEN = 10_000;
/** 48 bits of a SHA-256 in base64url: 80 KB of static data for MAX_SEEN, a false match once in ~10^10 notifications. */
const KEY_LENGTH = 8;
/** The node's static-data field: keys concatenated, oldest first. */
export const SEEN_FIELD = 'seenNotifications';
/**
 * How long a notification that webhook() passed but no execution recorded yet counts as seen.
 * Long enough for a copy that races the first delivery; shorter than GREEN-API's minute between
 * retries, so a delivery whose execution never started (n8n answered an error) is run on the retry
 * instead of being lost.
 */
export const PENDING_MS = 30_000;

type Context = IWebhookFunctions | IExecuteFunctions;

/** Per workflow and node: key → 0 once an execution recorded it, else when webhook() passed it. */
const processMemory = new Map<string, Map<string, number>>();

function memoryOf(context: Context): Map<string, number> {
	const scope = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`;
	let memory = processMemory.get(scope);
	if (!memory) processMemory.set(scope, (memory = new Map()));
	return memory;
}

function remember(memory: Map<string, number>, key: string, value: number): void {
	memory.delete(key); // re-inserted as the newest
	memory.set(key, value);
	for (const oldest of memory.keys()) {
		if (memory.size <= MAX_SEEN) break;
		memory.delete(oldest);
	}
}

/**
 * What identifies one notification: its type and idMessage, and for statuses and calls the
 * status too (sent, delivered and read of one message share type and idMessage). Undefined
 * without an idMessage (state changes, device info): those are never deduplicated.
 */
export function dedupeKey(item: IDataObject): string | undefined {
	const id = item.messageId;
	if (typeof id !== 'string' || id === '') return undefined;
	const raw = item.raw;
	const status = typeof raw === 'object' && raw !== null && typeof (raw as IDataObject).status === 'string' ? (raw as IDataObject).status : '';
	return createHash('sha256')
		.update(JSON.stringify([String(item.type), id, status]))
		.digest('base64url')
		.slice(0, KEY_LENGTH);
}

function seenText(data: IDataObject): string {
	return typeof data[SEEN_FIELD] === 'string' ? data[SEEN_FIELD] : '';
}

function persisted(context: Context): { data: IDataObject; keys: string[] } {
	const data = context.getWorkflowStaticData('node');
	const text = seenText(data);
	const keys: string[] = [];
	for (let at = 0; at + KEY_LENGTH <= text.length; at += KEY_LENGTH) keys.push(text.slice(at, at + KEY_LENGTH));
	return { data, keys };
}

/** A search in the stored text, without splitting it: webhook() runs this for every request. */
function isPersisted(context: Context, key: string): boolean {
	const text = seenText(context.getWorkflowStaticData('node'));
	for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) if (at % KEY_LENGTH === 0) return true;
	return false;
}

/**
 * In webhook(), for a notification the filters kept: true when this trigger saw it already
 * (then nothing may start). Test runs ("Listen for test event") neither check nor count:
 * n8n discards their static data, and a test must show the next notification.
 */
export function alreadySeen(context: IWebhookFunctions, item: NormalizedNotification): boolean {
	const key = dedupeKey(item);
	if (key === undefined || context.getMode() === 'manual') return false;
	const memory = memoryOf(context);
	const since = memory.get(key);
	const now = Date.now();
	if (since === 0 || (since !== undefined && now - since < PENDING_MS)) return true;
	if (isPersisted(context, key)) {
		remember(memory, key, 0);
		return true;
	}
	remember(memory, key, now);
	return false;
}

/**
 * In the execution a webhook started: records its notifications in the node's static data,
 * which n8n saves to the database when the execution ends, together with every key this
 * process recorded (a concurrent execution's save may have dropped some).
 */
export function recordStarted(context: IExecuteFunctions, items: INodeExecutionData[]): void {
	if (context.getMode() === 'manual') return;
	const fresh = items.map((item) => dedupeKey(item.json)).filter((key): key is string => key !== undefined);
	if (fresh.length === 0) return;
	const memory = memoryOf(context);
	for (const key of fresh) remember(memory, key, 0);
	const { data, keys } = persisted(context);
	// The database's order first (oldest first), then what only this process knows, newest last.
	const merged = new Set(keys);
	for (const [key, since] of memory) if (since === 0) merged.add(key);
	const newest = [...merged].slice(-MAX_SEEN).join('');
	// Assigned only when different: an unchanged value would still mark the static data as changed.
	if (newest !== data[SEEN_FIELD]) data[SEEN_FIELD] = newest;
}
