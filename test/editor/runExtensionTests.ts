// `npm run test:editor`, part 1: the extension-host suite (test/integration/suite/**) inside a real
// VS Code (code-server 4.100.3) opened in Debian's Chromium, with this repository loaded in
// development mode. Prints every test, then exactly `N passed, N failed`; exits non-zero on any
// failure, on no result, or on zero tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openWorkbench, type Workbench } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { progressFileName, resultFileEnv, resultFileName, type ExtensionTestResult, type TestOutcome } from './extensionTestResult';
import { integrationIndex, repoRoot, testResultsDir } from './paths';
import { printOutcome, reportResult, runAndExit } from './report';
import { watchForFile } from './watchForFile';

/** The whole suite, from the workbench being up to the result file (override: VCD_EDITOR_TEST_TIMEOUT_MS). */
const timeoutMs = Number(process.env.VCD_EDITOR_TEST_TIMEOUT_MS ?? 10 * 60_000);

function readProgress(file: string, printed: number): number {
  if (!fs.existsSync(file)) return printed;
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  for (const line of lines.slice(printed)) printOutcome(JSON.parse(line) as TestOutcome);
  return lines.length;
}

async function main(): Promise<number> {
  for (const needed of [path.join(repoRoot, 'dist', 'extension.js'), integrationIndex]) {
    if (!fs.existsSync(needed)) throw new Error(`${path.relative(repoRoot, needed)} is missing: run npm run compile && npm run build`);
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-editor-ws-'));
  const resultFile = path.join(workspace, resultFileName);
  const progressFile = path.join(workspace, progressFileName);
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  const started = Date.now();
  try {
    console.log('extension-host tests: starting code-server');
    server = await startCodeServer({ env: { [resultFileEnv]: resultFile } });
    const url = server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: integrationIndex });
    console.log(`extension-host tests: opening ${url}`);
    workbench = await openWorkbench(url);
    const waiting = watchForFile(workspace, resultFileName, timeoutMs);
    let printed = 0;
    const stopProgress = watchDir(workspace, () => (printed = readProgress(progressFile, printed)));
    const serverGone = server.exited.then((code) => `code-server exited (${String(code)}) before the suite finished`);
    const pageGone = new Promise<string>((resolve) => workbench!.page.once('crash', () => resolve('the workbench page crashed')));
    const outcome = await Promise.race([waiting.then(() => undefined), serverGone, pageGone]);
    stopProgress();
    waiting.cancel();
    if (outcome !== undefined && !fs.existsSync(resultFile)) throw new Error(outcome);
    printed = readProgress(progressFile, printed);

    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ExtensionTestResult;
    const via = result.resultFileFromEnv ? resultFileEnv : 'the workspace folder';
    return reportResult(result, printed, `result via ${via}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (err) {
    console.error(`extension-host tests: ${err instanceof Error ? err.message : String(err)}`);
    if (workbench) {
      fs.mkdirSync(path.join(testResultsDir, 'editor'), { recursive: true });
      const shot = path.join(testResultsDir, 'editor', 'extension-host-failure.png');
      await workbench.page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`screenshot: ${path.relative(repoRoot, shot)}\nbrowser console (last lines):\n${workbench.consoleLines().slice(-30).join('\n')}`);
    }
    if (server) console.error(`code-server output (last lines):\n${server.output().split('\n').slice(-30).join('\n')}`);
    console.log('0 passed, 1 failed');
    return 1;
  } finally {
    await workbench?.close();
    await server?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

function watchDir(dir: string, onChange: () => void): () => void {
  const watcher = fs.watch(dir, () => onChange());
  return () => watcher.close();
}

runAndExit(main);
