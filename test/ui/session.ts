// One person's session for the UI tests: code-server with the packaged .vsix installed (what we ship
// is what we test), an empty workspace folder, Debian Chromium on the workbench, and numbered
// screenshots under test-results/ui/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from '../editor/browser';
import { startCodeServer, type CodeServer } from '../editor/codeServer';
import { repoRoot, testResultsDir, vsixPath } from '../editor/paths';
import { WorkbenchDriver } from './workbench';

export const screenshotDir = path.join(testResultsDir, 'ui');

export interface UiSession {
  readonly server: CodeServer;
  readonly workbench: Workbench;
  readonly ui: WorkbenchDriver;
  readonly workspace: string;
  /** Saves test-results/ui/<name>.png (and media/screenshots/<name>.png for a README shot when
   * updating screenshots) and returns its path. `keepPointer`: leave the mouse where it is (e.g. on a menu
   * item, to show it highlighted) instead of parking it where it shows no hover. */
  screenshot(name: string, options?: { readme?: boolean; keepPointer?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface UiSessionOptions {
  /** Extra user settings (e.g. `vcd.sites`). */
  settings?: Record<string, unknown>;
}

export const readmeScreenshotDir = path.join(repoRoot, 'media', 'screenshots');

/** `node out/test/ui/run.js --update-screenshots` (or VCD_UPDATE_SCREENSHOTS=1) refreshes the README's. */
export function updatingScreenshots(): boolean {
  return process.argv.includes('--update-screenshots') || process.env.VCD_UPDATE_SCREENSHOTS === '1';
}

export async function startUiSession(options: UiSessionOptions = {}): Promise<UiSession> {
  if (!fs.existsSync(vsixPath)) throw new Error(`${path.relative(repoRoot, vsixPath)} is missing: run npm run package first`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-ui-ws-'));
  fs.mkdirSync(screenshotDir, { recursive: true });
  let server: CodeServer | undefined;
  try {
    server = await startCodeServer({ installExtensions: [vsixPath], settings: options.settings });
    const workbench = await openWorkbench(server.workbenchUrl({ folder: workspace }));
    const ui = new WorkbenchDriver(workbench.page);
    const started = server;
    return {
      server: started,
      workbench,
      ui,
      workspace,
      async screenshot(name: string, shot?: { readme?: boolean; keepPointer?: boolean }): Promise<string> {
        const file = path.join(screenshotDir, `${name}.png`);
        if (!shot?.keepPointer) {
          // Park the pointer where it shows no hover (activity-bar tooltips, row highlights).
          await workbench.page.mouse.move(900, 700);
          await workbench.page.locator('.workbench-hover-container, .monaco-hover.workbench-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        }
        await workbench.page.screenshot({ path: file });
        if (shot?.readme && updatingScreenshots()) {
          fs.mkdirSync(readmeScreenshotDir, { recursive: true });
          fs.copyFileSync(file, path.join(readmeScreenshotDir, `${name.replace(/^\d+-/, '')}.png`));
        }
        return file;
      },
      async close(): Promise<void> {
        await workbench.close();
        await started.stop();
        fs.rmSync(workspace, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    throw err;
  }
}

/** Removes screenshots of an earlier run so the folder shows this run only. */
export function clearScreenshots(): void {
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
}
