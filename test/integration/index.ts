// Entry point VS Code calls inside the extension host (extensionTestsPath): runs mocha (bdd) over
// out/test/integration/suite/**/*.test.js and writes what happened to a JSON file that the runner
// outside (test/editor/runExtensionTests.ts) reads. VS Code only knows "settled"; the file is how
// pass and fail get out of the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { progressFileName, resultFileEnv, resultFileName, type ExtensionTestResult, type TestOutcome } from '../editor/extensionTestResult';

function resultFile(): string {
  const fromEnv = process.env[resultFileEnv];
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    throw new Error(`no ${resultFileEnv} and no local workspace folder: nowhere to write the test result`);
  }
  return path.join(folder.uri.fsPath, resultFileName);
}

function findTests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .map((name) => path.join(dir, name))
    .sort();
}

function writeAtomically(file: string, text: string): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, text);
  fs.renameSync(partial, file);
}

/** The stack (which starts with the message) or the message alone. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.stack?.includes(err.message) ? err.stack : `${err.message}\n${err.stack ?? ''}`;
}

export async function run(): Promise<void> {
  const file = resultFile();
  const progress = path.join(path.dirname(file), progressFileName);
  const started = Date.now();
  const tests: TestOutcome[] = [];
  const record = (outcome: TestOutcome): void => {
    tests.push(outcome);
    fs.appendFileSync(progress, JSON.stringify(outcome) + '\n');
  };
  const result: ExtensionTestResult = {
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    resultFileFromEnv: Boolean(process.env[resultFileEnv]),
    passes: 0,
    failures: 0,
    tests,
    durationMs: 0,
  };

  try {
    // VCD_TEST_GREP runs only the tests whose full titles match (while iterating).
    const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', forbidOnly: true, grep: process.env.VCD_TEST_GREP || undefined });
    // VCD_TEST_FILES=findVm,roles runs only the suite files whose names hold one of those words (while iterating).
    const only = (process.env.VCD_TEST_FILES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
    const files = findTests(path.join(__dirname, 'suite')).filter((f) => only.length === 0 || only.some((w) => path.basename(f).includes(w)));
    files.forEach((f) => mocha.addFile(f));
    result.files = files.map((f) => path.relative(__dirname, f));
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test) => record({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('fail', (test, err: unknown) =>
        record({
          // A failing hook is a failure too; its title names the hook.
          title: test.fullTitle(),
          state: 'failed',
          durationMs: test.duration ?? 0,
          error: describeError(err),
        }),
      );
      // `.skip` is not allowed in this project: a skipped test counts as a failure.
      runner.on('pending', (test) => record({ title: test.fullTitle(), state: 'failed', durationMs: 0, error: 'skipped (.skip / pending tests are not allowed)' }));
    });
  } catch (err) {
    result.error = describeError(err);
  }
  result.passes = tests.filter((t) => t.state === 'passed').length;
  result.failures = tests.filter((t) => t.state === 'failed').length;
  result.durationMs = Date.now() - started;
  writeAtomically(file, JSON.stringify(result, null, 2));
  // Resolve rather than reject: the verdict is in the file, and a rejection would only make VS Code
  // log it in the browser.
}
