// Debian's Chromium driven by playwright-core (never a browser Playwright downloads), with a fresh
// profile, opening a code-server workbench and waiting until it is there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags from test/editor/README.md (root, no display, no network chatter). */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Workbench {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console lines of the page (errors help when the workbench does not come up). */
  consoleLines(): string[];
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  viewport?: { width: number; height: number };
  timeoutMs?: number;
}

export async function openWorkbench(url: string, options: OpenWorkbenchOptions = {}): Promise<Workbench> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} not found: run npm run setup:editor (it installs Debian's chromium)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  const close = async (): Promise<void> => {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  };
  const lines: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => lines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => lines.push(`[pageerror] ${error.message}`));
    const timeout = options.timeoutMs ?? 90_000;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    await page.waitForSelector('.monaco-workbench', { timeout });
    return { context, page, consoleLines: () => lines, close };
  } catch (err) {
    await close();
    throw new Error(`workbench did not open at ${url}: ${err instanceof Error ? err.message : String(err)}\n${lines.slice(-20).join('\n')}`);
  }
}
