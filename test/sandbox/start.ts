// `npm start`: the VCD simulator (HTTPS on loopback, seeded demo inventory) plus a VS Code with this
// extension in development mode, whose user settings already hold two sites pointing at the
// simulator (its certificate pinned, so there is no trust prompt). API tokens live only in VS Code's
// SecretStorage: the demo tokens are handed over once through a private file named in
// VCD_SANDBOX_TOKENS_FILE, which the extension reads only in development mode and only for loopback sites
// (src/platform/sandboxTokens.ts); the file is deleted when the sandbox stops. They are printed too, for "VCD: Add Site…" by hand.
// The desktop `code` when it is on PATH, else code-server (set up on first use) with its URL printed.
// With --for-f5 it only starts the simulator and prepares the profile that F5 (.vscode/launch.json) opens.
// Ctrl+C stops everything.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertCodeServerInstalled, codeServerBin, quietSettings, startCodeServer, writeUserSettings, type CodeServer } from '../editor/codeServer';
import { repoRoot } from '../editor/paths';
import { startSimulator, type Simulator } from '../simulator';
import { sandboxSites } from './sites';
import { SandboxTokensVariable } from '../../src/platform/sandboxTokens';

const sandboxDir = path.join(repoRoot, '.vscode-test', 'sandbox');
/** The F5 profile (.vscode/launch.json names the same folders). */
const f5Dir = path.join(repoRoot, '.vscode-test', 'f5');
const F5_READY = 'sandbox ready for F5';
const workspaceDir = path.join(sandboxDir, 'workspace');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function printBanner(sim: Simulator, where: string): void {
  const lines = [
    '',
    'Cloud Director Explorer sandbox',
    `  VCD simulator:  ${sim.url}  (self-signed certificate, trusted in the sandbox settings)`,
    `  fingerprint:    ${sim.certificate?.fingerprint256 ?? '(plain HTTP)'}`,
    '',
    '  Two sites are configured, with these demo API tokens already in VS Code\'s secret storage',
    '  (if a site says "No API token", click "Set API Token…" on it and paste its token):',
    `    ${sandboxSites(sim)[0].name.padEnd(18)} org ${sim.tenant.org}: ${sim.tenant.apiToken}`,
    `    ${sandboxSites(sim)[1].name.padEnd(18)} org ${sim.provider.org}: ${sim.provider.apiToken}`,
    '  Or try "VCD: Add Site…" yourself with the URL, an org and a token above.',
    `  Passwords (for Revoke/Rotate API Token…): ${sim.tenant.user}@${sim.tenant.org} / ${sim.tenant.password},` +
      ` ${sim.provider.user}@${sim.provider.org} / ${sim.provider.password}`,
    '',
    where,
    '',
    'Ctrl+C stops the simulator and the editor.',
    '',
  ];
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  fs.rmSync(sandboxDir, { recursive: true, force: true });
  fs.mkdirSync(workspaceDir, { recursive: true });
  fs.writeFileSync(
    path.join(workspaceDir, 'README.md'),
    '# Cloud Director Explorer sandbox\n\nOpen the **Cloud Director** view in the activity bar. The sites point at the local VCD simulator started by `npm start`;\nthe API tokens to paste are printed in the terminal that runs it.\n',
  );

  const sim = await startSimulator({ size: 'demo', seed: 1 });
  const settings = { ...quietSettings, 'workbench.startupEditor': 'none', 'vcd.sites': sandboxSites(sim) };
  // The demo tokens, for the extension to store in SecretStorage when it starts; deleted when the sandbox stops.
  const tokensFile = path.join(sandboxDir, 'demo-tokens.json');
  const demoTokens = sandboxSites(sim).map((site, i) => ({ url: site.url, org: site.org, apiToken: i === 0 ? sim.tenant.apiToken : sim.provider.apiToken }));
  fs.writeFileSync(tokensFile, JSON.stringify({ tokens: demoTokens }), { mode: 0o600 });
  const editorEnv = { [SandboxTokensVariable]: tokensFile };
  const running: { server?: CodeServer; desktop?: ChildProcess } = {};
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    running.desktop?.kill('SIGTERM');
    await running.server?.stop();
    await sim.close();
    fs.rmSync(tokensFile, { force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  if (process.argv.includes('--for-f5')) {
    // F5 in VS Code (.vscode/launch.json): the Extension Development Host opens with this profile and the tokens file.
    writeUserSettings(path.join(f5Dir, 'user'), settings);
    fs.mkdirSync(path.join(f5Dir, 'workspace'), { recursive: true });
    printBanner(sim, `The Extension Development Host of F5 uses the profile ${path.relative(repoRoot, f5Dir)}/user.`);
    // .vscode/tasks.json waits for this line before it launches the Extension Development Host.
    console.log(F5_READY);
    return;
  }

  const forceCodeServer = process.argv.includes('--code-server') || process.env.VCD_SANDBOX_EDITOR === 'code-server';
  if (!forceCodeServer && onPath('code')) {
    const userDataDir = path.join(sandboxDir, 'desktop', 'user');
    writeUserSettings(userDataDir, settings);
    const desktop = spawn(
      'code',
      ['--wait', '--new-window', `--extensionDevelopmentPath=${repoRoot}`, '--user-data-dir', userDataDir,
        '--extensions-dir', path.join(sandboxDir, 'desktop', 'extensions'), '--disable-workspace-trust', workspaceDir],
      { stdio: 'inherit', env: { ...process.env, ...editorEnv } },
    );
    running.desktop = desktop;
    printBanner(sim, `VS Code (desktop) opened with the extension in development mode (profile: ${path.relative(repoRoot, userDataDir)}).`);
    desktop.once('exit', () => void stop(0));
    return;
  }

  try {
    assertCodeServerInstalled();
  } catch {
    console.log(`code is not on PATH, and code-server is not installed yet (${path.relative(repoRoot, codeServerBin)}): running the setup`);
    const setup = spawnSync('bash', [path.join(repoRoot, 'test', 'editor', 'setup.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) throw new Error('npm run setup:editor failed; see above');
  }
  const port = Number(process.env.VCD_SANDBOX_PORT ?? 0);
  const server = await startCodeServer({ rootDir: path.join(sandboxDir, 'code-server'), keepDirs: true, settings, port, env: editorEnv });
  running.server = server;
  const url = server.workbenchUrl({ folder: workspaceDir, extensionDevelopmentPath: repoRoot });
  printBanner(
    sim,
    `Open this URL in a browser on this machine (code-server ${server.origin}, no password, loopback only;\n` +
      `from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} <this host>):\n\n  ${url}`,
  );
  void server.exited.then(() => {
    if (!stopping) {
      console.error('code-server stopped');
      void stop(1);
    }
  });
}

main().catch((err: unknown) => {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
