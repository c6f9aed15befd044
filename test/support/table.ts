// Fixed-width text tables for the demo and the benchmark: plain text, so the output reads the same in a
// terminal, a CI log or a file.

export interface Column {
	title: string;
	width: number;
	align?: 'left' | 'right';
}

const GAP = '  ';

/** Cuts text to `width` characters (code points, so Cyrillic names are not split mid-letter). */
export function fit(text: string, width: number): string {
	const chars = [...text.replace(/\s+/g, ' ')];
	return chars.length <= width ? chars.join('') : `${chars.slice(0, width - 1).join('')}…`;
}

function pad(text: string, width: number, align: Column['align'] = 'left'): string {
	const fitted = fit(text, width);
	const fill = ' '.repeat(width - [...fitted].length);
	return align === 'right' ? fill + fitted : fitted + fill;
}

/**
 * A row with fewer cells than columns lets its last cell run across the remaining columns:
 * that is how a failed item shows its error where the contact's fields would be.
 */
export function table(columns: Column[], rows: string[][], indent = '  '): string {
	const line = (cells: string[]): string => {
		const parts = cells.map((cell, i) => {
			const spanned = i === cells.length - 1 ? columns.slice(i) : [columns[i]];
			const width = spanned.reduce((sum, c) => sum + c.width, 0) + GAP.length * (spanned.length - 1);
			return pad(cell, width, spanned.length === 1 ? columns[i].align : 'left');
		});
		return `${indent}${parts.join(GAP)}`.trimEnd();
	};
	const header = line(columns.map((c) => c.title));
	const rule = line(columns.map((c) => '-'.repeat(c.width)));
	return [header, rule, ...rows.map(line)].join('\n');
}
