// `npm run test:desktop`: the same extension-host suite in a desktop VS Code through
// @vscode/test-electron, for machines that have one (or can download one). Uses
// VSCODE_EXECUTABLE_PATH when set, else downloads VS Code 1.100.3 into .vscode-test/. Needs a display
// (on a headless Linux: xvfb-run -a npm run test:desktop). Not run in CI here: these machines cannot
// download VS Code; `npm run test:editor` runs the same suite in code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { quietSettings, writeUserSettings } from './codeServer';
import { resultFileEnv, resultFileName, type ExtensionTestResult } from './extensionTestResult';
import { integrationIndex, repoRoot } from './paths';
import { reportResult, runAndExit } from './report';

async function main(): Promise<number> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-desktop-ws-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-desktop-profile-'));
  const resultFile = path.join(workspace, resultFileName);
  const started = Date.now();
  writeUserSettings(path.join(profile, 'user'), quietSettings);
  try {
    const executable = process.env.VSCODE_EXECUTABLE_PATH;
    console.log(`desktop tests: ${executable ? `using ${executable}` : 'downloading VS Code 1.100.3 (once) into .vscode-test/'}`);
    const exitCode = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: '1.100.3', cachePath: path.join(repoRoot, '.vscode-test') }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationIndex,
      extensionTestsEnv: { [resultFileEnv]: resultFile },
      launchArgs: [
        workspace,
        '--user-data-dir', path.join(profile, 'user'),
        '--extensions-dir', path.join(profile, 'extensions'),
        '--disable-workspace-trust',
        '--disable-telemetry',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    if (!fs.existsSync(resultFile)) {
      console.log(`desktop tests: VS Code exited with ${exitCode} and wrote no result`);
      console.log('0 passed, 1 failed');
      return 1;
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ExtensionTestResult;
    return reportResult(result, 0, `${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

runAndExit(main, 'desktop tests');
