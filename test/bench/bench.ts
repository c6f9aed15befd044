import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { activeExpressionEngine, shutdown } from '../engine';
import { startStage } from '../support/greenApiStage';
import { table } from '../support/table';
import { closeLoops } from './loops';
import { checkWhatsappAtItsLimit, limited, products, unlimited, WARM_UP_ITEMS } from './scenarios';

/**
 * npm run bench: every row measured in this one run, against the emulator on 127.0.0.1
 * (in this process). Prints one table and writes the same figures to results.json.
 */

const LIMITED_RATE = 20;
const LIMITED_ITEMS = 400;
const UNLIMITED_ITEMS = 1000;
const CONCURRENCY = 10;
const PRODUCTS = 10_000;
const CHECK_ITEMS = 150;

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** Columns as wide as their widest cell, numbers right-aligned. */
function report(title: string, header: string[], rows: Array<Array<string | number>>): string {
	const cells = rows.map((row) => row.map(String));
	const columns = header.map((title, column) => ({
		title,
		width: Math.max(title.length, ...cells.map((row) => row[column].length)),
		align: typeof rows[0]?.[column] === 'number' || /^[\d.]+x?$/.test(cells[0]?.[column] ?? '') ? ('right' as const) : ('left' as const),
	}));
	return `\n${title}\n${table(columns, cells)}`;
}

async function main(): Promise<void> {
	const stage = await startStage();
	const machine = {
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memoryGb: Math.round(totalmem() / 1024 ** 3),
		node: process.version,
		expressionEngine: activeExpressionEngine(),
		date: new Date().toISOString(),
	};
	console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; Node ${machine.node}; n8n expression engine: ${machine.expressionEngine}`);
	console.log(`Emulator at ${stage.emulator.url} (same process). This takes about a minute and a half.`);

	// First, while the process is quiet, so that its peak memory growth means something.
	const productsRow = await products(stage, PRODUCTS);
	const limitedRows = await limited(stage, LIMITED_RATE, LIMITED_ITEMS);
	const checkRow = await checkWhatsappAtItsLimit(stage, CHECK_ITEMS);
	const unlimitedRows = await unlimited(stage, UNLIMITED_ITEMS, CONCURRENCY);
	const [node, sequential, bare] = unlimitedRows;
	const ratios = {
		nodeOverSequential: node.itemsPerSecond / sequential.itemsPerSecond,
		nodeOverBareUndici: node.itemsPerSecond / bare.itemsPerSecond,
	};

	console.log(
		report(
			`Limited server: ${LIMITED_RATE} req/s, 5 ms latency, ${LIMITED_ITEMS} distinct chatIds (node set to ${LIMITED_RATE} req/s)`,
			['client', 'items', 'seconds', 'goodput/s', 'goodput / R', "server's 429s", 'failed items'],
			limitedRows.map((row) => [row.client, row.items, fixed(row.seconds), fixed(row.goodputPerSecond, 1), fixed(row.goodputOverR, 3), row.server429s, row.failedItems]),
		),
	);
	console.log(
		report(
			`Check WhatsApp at GREEN-API's limit for it: 10 req/s, 5 ms latency, ${CHECK_ITEMS} distinct numbers (node at its default)`,
			['client', 'items', 'seconds', 'goodput/s', 'goodput / R', "server's 429s", 'failed items'],
			[[checkRow.client, checkRow.items, fixed(checkRow.seconds), fixed(checkRow.goodputPerSecond, 1), fixed(checkRow.goodputOverR, 3), checkRow.server429s, checkRow.failedItems]],
		),
	);
	console.log(
		report(
			`Unlimited server: 20 ms latency, ${UNLIMITED_ITEMS} distinct chatIds (each client warmed up with ${WARM_UP_ITEMS} items first)`,
			['client', 'items', 'seconds', 'items/s'],
			unlimitedRows.map((row) => [row.client, row.items, fixed(row.seconds), fixed(row.itemsPerSecond, 1)]),
		),
	);
	console.log(`node / sequential loop: ${fixed(ratios.nodeOverSequential)}x    node / bare undici loop: ${fixed(ratios.nodeOverBareUndici)}x`);
	console.log(
		report(
			`One contact with ${PRODUCTS.toLocaleString('en')} products`,
			['products', 'parse + build outputs (ms)', 'heap held by outputs (MB)', 'peak RSS growth (MB)', 'whole node run (ms)', 'run again (ms)'],
			[[productsRow.products, fixed(productsRow.buildMs, 1), fixed(productsRow.heapRetainedMb, 1), fixed(productsRow.peakRssGrowthMb, 1), fixed(productsRow.nodeRunMs, 1), fixed(productsRow.nodeRunRepeatMs, 1)]],
		),
	);

	const results = { machine, limited: limitedRows, checkWhatsapp: checkRow, unlimited: unlimitedRows, ratios, products: productsRow };
	const file = join(__dirname, '..', '..', '..', 'test', 'bench', 'results.json');
	writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`\nWrote ${file}`);

	await closeLoops();
	await stage.close();
	await shutdown();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
