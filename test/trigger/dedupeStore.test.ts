// dedupe.ts's store on its own: bounded, silent in test runs, a passed-but-unrecorded
// notification seen only for PENDING_MS, and entries a concurrent save dropped written back.
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { normalizeNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import type { NormalizedNotification } from '../../nodes/GreenApi/trigger/notification/normalize';
import { alreadySeen, dedupeKey, MAX_SEEN, PENDING_MS, recordStarted, SEEN_FIELD } from '../../nodes/GreenApi/trigger/webhook/dedupe';
import { incoming, outgoingStatus } from '../emulator/notification-bodies';

let counter = 0;

/** The slice of both contexts dedupe.ts uses; the static data object plays the database row. */
function context(workflowId: string, staticData: IDataObject, mode = 'webhook') {
	return {
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ name: 'GREEN-API Trigger' }),
		getMode: () => mode,
		getWorkflowStaticData: () => staticData,
	} as unknown as IWebhookFunctions & IExecuteFunctions;
}

const message = (seq: number): NormalizedNotification => normalizeNotification(incoming(seq));
const items = (...seqs: number[]) => seqs.map((seq) => ({ json: message(seq) }));

afterEach(() => jest.restoreAllMocks());

describe('dedupe store', () => {
	it('keys: one per type + idMessage (+ status); none without an idMessage; any JSON item is read without throwing', () => {
		expect(dedupeKey(message(1))).toBe(dedupeKey(message(1)));
		expect(dedupeKey(message(1))).not.toBe(dedupeKey(message(2)));
		const status = (s: string) => dedupeKey(normalizeNotification(outgoingStatus(1, undefined, { status: s })));
		expect(new Set(['sent', 'delivered', 'read'].map(status)).size).toBe(3);
		expect(dedupeKey(normalizeNotification({ typeWebhook: 'stateInstanceChanged' }))).toBeUndefined();
		for (const value of [null, 1, 'x', [], {}, { messageId: 5 }, { messageId: 'M', raw: null }, { messageId: 'M', raw: { status: {} } }]) {
			expect(() => dedupeKey({ value, ...(typeof value === 'object' && value !== null ? (value as IDataObject) : {}) })).not.toThrow();
		}
	});

	it(`keeps the newest ${MAX_SEEN} in the static data (8 characters each) and in memory; older ones run again`, () => {
		const row: IDataObject = {};
		const workflow = `bounded-${++counter}`;
		recordStarted(context(workflow, row), items(...Array.from({ length: MAX_SEEN + 10 }, (_, i) => i + 1)));
		expect(String(row[SEEN_FIELD])).toHaveLength(MAX_SEEN * 8);
		expect(alreadySeen(context(workflow, row), message(MAX_SEEN + 10))).toBe(true);
		expect(alreadySeen(context(workflow, row), message(11))).toBe(true);
		expect(alreadySeen(context(workflow, row), message(10))).toBe(false);
	});

	it('"Listen for test event" neither checks nor records: n8n discards a test run\'s static data', () => {
		const row: IDataObject = {};
		const workflow = `manual-${++counter}`;
		recordStarted(context(workflow, row, 'manual'), items(1));
		expect(row).toEqual({});
		expect(alreadySeen(context(workflow, row, 'manual'), message(1))).toBe(false);
		expect(alreadySeen(context(workflow, row, 'manual'), message(1))).toBe(false);
		expect(alreadySeen(context(workflow, row), message(1))).toBe(false);
	});

	it(`a notification passed but never recorded (its execution did not start) counts as seen for ${PENDING_MS / 1000} s, then runs on the retry`, () => {
		const row: IDataObject = {};
		const workflow = `pending-${++counter}`;
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		expect(alreadySeen(context(workflow, row), message(1))).toBe(false);
		expect(alreadySeen(context(workflow, row), message(1))).toBe(true);
		clock.mockReturnValue(now + PENDING_MS);
		expect(alreadySeen(context(workflow, row), message(1))).toBe(false);
		// Once an execution recorded it, it stays seen.
		recordStarted(context(workflow, row), items(1));
		clock.mockReturnValue(now + 10 * PENDING_MS);
		expect(alreadySeen(context(workflow, row), message(1))).toBe(true);
	});

	it('two executions saving the static data each loaded: the last save still holds both', () => {
		const workflow = `concurrent-${++counter}`;
		const loadedByA: IDataObject = {};
		const loadedByB: IDataObject = {};
		recordStarted(context(workflow, loadedByA), items(1));
		recordStarted(context(workflow, loadedByB), items(2));
		// B ends last: its save is what the database keeps. A new process reads only that.
		const fresh = `concurrent-after-restart-${++counter}`;
		expect(alreadySeen(context(fresh, loadedByB), message(1))).toBe(true);
		expect(alreadySeen(context(fresh, loadedByB), message(2))).toBe(true);
	});

	it('a static-data field that is not ours (edited, or another type) is read as nothing seen, without throwing', () => {
		for (const value of [42, null, ['x'], { a: 1 }, 'short']) {
			const row: IDataObject = { [SEEN_FIELD]: value as never };
			expect(alreadySeen(context(`odd-${++counter}`, row), message(1))).toBe(false);
		}
	});
});
