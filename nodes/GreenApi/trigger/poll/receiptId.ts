/**
 * GREEN-API's receipt IDs as exact decimal strings. JSON.parse turns a number above 2^53
 * into the nearest float, and deleting that float's digits deletes another notification
 * (or none, and the one read comes back to run again).
 */

/** More digits than any queue counter reaches; also bounds a hostile exponent (1e1000000). */
const MAX_DIGITS = 30;

/**
 * The whole number a JSON number literal stands for, in plain digits: "9007199254740993",
 * "1.2e1" → "12". undefined for anything else: a fraction, zero, a negative, not a number.
 */
export function exactInteger(literal: string): string | undefined {
	const match = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal.trim());
	if (!match) return undefined;
	const [, whole, fraction = '', exponentText = '0'] = match;
	const exponent = Number(exponentText) - fraction.length;
	let digits = whole + fraction;
	if (exponent < 0) {
		const cut = digits.length + exponent;
		if (cut < 0 || !/^0*$/.test(digits.slice(cut))) return undefined;
		digits = digits.slice(0, cut);
	} else {
		if (exponent > MAX_DIGITS) return undefined;
		digits += '0'.repeat(exponent);
	}
	digits = digits.replace(/^0+/, '');
	return digits === '' || digits.length > MAX_DIGITS ? undefined : digits;
}

type SourceReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** The literal of the answer's top-level `receiptId` as it was written, or undefined if it was no number. */
export function receiptIdLiteral(text: string): string | undefined {
	const sources = new Map<unknown, string>();
	const reviver: SourceReviver = function (key, value, context) {
		if (key === 'receiptId' && typeof value === 'number' && context?.source !== undefined) sources.set(this, context.source);
		return value;
	};
	const root: unknown = JSON.parse(text, reviver as (key: string, value: unknown) => unknown);
	return sources.get(root);
}

/** The form items carry: a number while it is exact, the digits beyond. */
export function receiptIdForItem(receiptId: string): number | string {
	const number = Number(receiptId);
	return Number.isSafeInteger(number) ? number : receiptId;
}
