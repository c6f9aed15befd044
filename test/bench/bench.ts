import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

import { activeExpressionEngine, shutdown } from '../engine';
import { startStage } from '../support/greenApiStage';
import { table } from '../support/table';
import { closeLoops } from './loops';
import { sendRate, upload } from './messaging';
import { checkWhatsappAtItsLimit, limited, products, unlimited, WARM_UP_ITEMS } from './scenarios';
import { sharedLimit } from './sharedLimit';

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
const SEND_CHATS = 200;
const UPLOAD_BYTES = 50 * 1024 * 1024;

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
	console.log(`Emulator at ${stage.emulator.url} (same process). This takes about three and a half minutes.`);

	// First, while the process is quiet, so that its peak memory growth means something.
	const productsRow = await products(stage, PRODUCTS);
	// After products, whose figure is the process's high-water mark; this one samples RSS itself.
	const uploadRows = await upload(stage, UPLOAD_BYTES);
	const sendRows = await sendRate(stage, SEND_CHATS);
	const limitedRows = await limited(stage, LIMITED_RATE, LIMITED_ITEMS);
	const checkRow = await checkWhatsappAtItsLimit(stage, CHECK_ITEMS);
	const unlimitedRows = await unlimited(stage, UNLIMITED_ITEMS, CONCURRENCY);
	const sharedRows = await sharedLimit(stage, 10, 4, 50);
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

	console.log(
		report(
			'4 processes, one instance: per-process limiter vs shared limiter, and the shared one with Redis far away (server and node at 10 req/s, 50 items each)',
			['limiter', 'items', 'seconds', 'goodput/s', 'goodput / R', 'server-seen rate / R', "server's 429s", 'failed items'],
			sharedRows.map((row) => [row.limiter, row.items, fixed(row.seconds), fixed(row.goodputPerSecond, 1), fixed(row.goodputOverR, 3), fixed(row.serverRateOverR, 3), row.server429s, row.failedItems]),
		),
	);

	console.log(
		report(
			`Send Text: ${SEND_CHATS} messages to ${SEND_CHATS} chats, node and server at GREEN-API's 50/s for sendMessage (no option set), 5 ms latency`,
			['run', 'messages', 'chats', 'seconds', 'target (s)', 'seconds / target', "server's 429s", 'logged', 'failed items'],
			sendRows.map((row) => [row.run, row.messages, row.chats, fixed(row.seconds), fixed(row.targetSeconds), fixed(row.seconds / row.targetSeconds, 3), row.server429s, row.logged, row.failedItems]),
		),
	);
	const uploadRatio = uploadRows[0].megabytesPerSecond / uploadRows[1].megabytesPerSecond;
	console.log(
		report(
			`Upload of a ${UPLOAD_BYTES / 1024 / 1024} MB file to the media host (sendFileByUpload)`,
			['client', 'MB', 'seconds', 'MB/s', 'peak RSS growth (MB)'],
			uploadRows.map((row) => [row.client, fixed(row.megabytes, 0), fixed(row.seconds), fixed(row.megabytesPerSecond, 1), fixed(row.peakRssGrowthMb, 1)]),
		),
	);
	console.log(`node / bare undici upload: ${fixed(uploadRatio)}x`);

	const results = { machine, limited: limitedRows, checkWhatsapp: checkRow, unlimited: unlimitedRows, ratios, products: productsRow, sharedLimit: sharedRows, sendText: sendRows, upload: { rows: uploadRows, nodeOverBareUndici: uploadRatio } };
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
