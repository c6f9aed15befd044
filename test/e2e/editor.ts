// Debian's Chromium driven by playwright-core, signed in to a running n8n (server.ts).
// Never Playwright's own browser download: it cannot work on these machines.
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium, selectors } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

// headless + no sandbox (CI runs as root); the rest keeps Chromium off the network, which is
// closed here: without them it tries Google's hosts at every start.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

// Runs in the page (a string: this package's TypeScript has no DOM types). Spinners loop for ever: only finite animations are awaited.
const SETTLE = `(async () => {
	const finite = document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
	await Promise.race([Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 3000))]);
})()`;

/** One browser, one page, signed in; every request that leaves 127.0.0.1 is refused and listed. */
export class Editor {
	/** Requests the editor tried to send elsewhere (the npm registry, CDNs): refused, kept for the report. */
	readonly refused: string[] = [];
	private shots = 0;

	private constructor(
		private readonly browser: Browser,
		private readonly context: BrowserContext,
		readonly page: Page,
		readonly baseUrl: string,
		readonly screenshotDir: string,
	) {}

	static async open(baseUrl: string, cookie: string, screenshotDir: string): Promise<Editor> {
		if (!existsSync(CHROMIUM)) {
			throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set E2E_CHROMIUM`);
		}
		await mkdir(screenshotDir, { recursive: true });
		// n8n's editor marks its parts with data-test-id, not Playwright's default data-testid.
		selectors.setTestIdAttribute('data-test-id');
		// A fresh profile each launch: playwright-core makes a temporary --user-data-dir itself.
		const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
		const eq = cookie.indexOf('=');
		await context.addCookies([{ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), url: baseUrl }]);
		const editor = new Editor(browser, context, await context.newPage(), baseUrl, screenshotDir);
		await context.route('**/*', (route) => {
			const url = new URL(route.request().url());
			if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
			editor.refused.push(url.origin + url.pathname);
			return route.abort('blockedbyclient');
		});
		// "Leave without saving?" when going from one page to the next: yes.
		editor.page.on('dialog', (dialog) => void dialog.accept());
		editor.page.setDefaultTimeout(20_000);
		return editor;
	}

	testId(id: string): Locator {
		return this.page.getByTestId(id);
	}

	async goto(path: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
	}

	/** Closes n8n's toasts ("Workflow executed successfully") so they do not cover a screenshot. */
	async dismissToasts(): Promise<void> {
		const close = this.page.getByRole('alert').locator('.el-notification__closeBtn');
		for (const button of await close.all()) await button.click({ timeout: 2_000 }).catch(() => undefined);
		// They fade out: a picture taken at once would still show them.
		await this.page.getByRole('alert').locator('.el-notification__closeBtn').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
	}

	/**
	 * Waits (up to 3 s) for the editor's finite animations to end: a dialog caught while it
	 * fades in shows the page behind it through its fields.
	 */
	async settle(): Promise<void> {
		await this.page.evaluate(SETTLE).catch(() => undefined);
	}

	/** Saves the page, once its animations ended, as <dir>/<nn>-<name>.png and returns the path. */
	async screenshot(name: string): Promise<string> {
		await this.settle();
		this.shots += 1;
		const file = join(this.screenshotDir, `${String(this.shots).padStart(2, '0')}-${name}.png`);
		await this.page.screenshot({ path: file });
		return file;
	}

	/**
	 * One thing a person does or looks for. When the editor no longer has it, the test fails
	 * saying what was looked for, with a screenshot, instead of a bare selector time-out.
	 */
	async step<T>(what: string, action: () => Promise<T>): Promise<T> {
		try {
			return await action();
		} catch (error) {
			const file = await this.screenshot(`failed-${what.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(() => 'none');
			const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
			throw new Error(`could not ${what} — has the editor changed? Screenshot: ${file}\n${cause}`);
		}
	}

	async close(): Promise<void> {
		await this.context.close().catch(() => undefined);
		await this.browser.close();
	}
}

/** Copies chosen screenshots to the README's folder (E2E_UPDATE_DOCS=1 npm run test:e2e). */
export async function publishScreenshot(file: string, docsDir: string, name: string): Promise<void> {
	if (!process.env.E2E_UPDATE_DOCS) return;
	await mkdir(docsDir, { recursive: true });
	await copyFile(file, join(docsDir, `${name}.png`));
}
