// Starts and stops code-server 4.100.3 (installed by test/editor/setup.sh) for the editor tests and
// `npm start`: a free loopback port, fresh user-data and extensions dirs, no auth, no telemetry, no
// workspace trust, and user settings written before it starts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './paths';

export const codeServerVersion = '4.100.3';
export const codeServerBin = path.join(repoRoot, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');

/** Settings every editor session starts with: no welcome page, tips, trust prompts or update checks. */
export const quietSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
};

export interface CodeServerOptions {
  /** Extra user settings (merged over quietSettings) written to <user-data-dir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /** .vsix files installed with `--install-extension` before the server starts. */
  installExtensions?: string[];
  /** Extra environment for code-server (and the extension hosts it spawns). */
  env?: NodeJS.ProcessEnv;
  /** Where the temp dirs go (default: a new folder under os.tmpdir()). */
  rootDir?: string;
  /** Keep the temp dirs after stop() (default false). */
  keepDirs?: boolean;
  /** Bind port (default 0: any free port). */
  port?: number;
  /** Called with each chunk code-server writes (stdout + stderr). */
  onOutput?: (text: string) => void;
  startTimeoutMs?: number;
}

export interface WorkbenchUrlOptions {
  /** Absolute folder to open. */
  folder?: string;
  /** Absolute path of an extension to load in development mode. */
  extensionDevelopmentPath?: string;
  /** Absolute path of a compiled test module whose run() VS Code calls in the extension host. */
  extensionTestsPath?: string;
}

export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly rootDir: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Everything code-server printed so far. */
  output(): string;
  /** The workbench URL for a folder, optionally with the dev-mode payload. */
  workbenchUrl(options: WorkbenchUrlOptions): string;
  /** Resolves when the server process has exited. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function assertCodeServerInstalled(): void {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed (${path.relative(repoRoot, codeServerBin)} missing): run npm run setup:editor`);
  }
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): string {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  return file;
}

/** Runs `code-server --install-extension` against the given dirs; throws with its output on failure. */
export function installExtension(vsix: string, dirs: { userDataDir: string; extensionsDir: string; configFile: string }): void {
  const result = spawnSync(
    codeServerBin,
    ['--config', dirs.configFile, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${String(result.status)}):\n${output}`);
  }
}

function remoteUri(origin: string, absPath: string): string {
  return `vscode-remote://${new URL(origin).host}${absPath.split(path.sep).join('/')}`;
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  assertCodeServerInstalled();
  const rootDir = options.rootDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-code-server-'));
  const userDataDir = path.join(rootDir, 'user');
  const extensionsDir = path.join(rootDir, 'extensions');
  // An explicit (empty) config keeps code-server from writing ~/.config/code-server/config.yaml.
  const configFile = path.join(rootDir, 'config.yaml');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, '');
  writeUserSettings(userDataDir, { ...quietSettings, ...options.settings });
  for (const vsix of options.installExtensions ?? []) {
    installExtension(vsix, { userDataDir, extensionsDir, configFile });
  }

  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  const child: ChildProcess = spawn(codeServerBin, args, {
    // Own process group, so stop() ends code-server and every extension host it spawned.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let output = '';
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    options.onOutput?.(text);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // If the test process dies, do not leave a server behind.
  const onProcessExit = (): void => killGroup('SIGKILL');
  process.once('exit', onProcessExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // The group may still hold extension hosts that outlived the server.
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // none left
      }
      process.removeListener('exit', onProcessExit);
      if (!options.keepDirs) fs.rmSync(rootDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  let port: number;
  try {
    port = await waitForListening(child, () => output, exited, options.startTimeoutMs ?? 60_000);
    await assertServes(`http://127.0.0.1:${port}/healthz`);
  } catch (err) {
    await stop();
    throw new Error(`code-server did not start: ${err instanceof Error ? err.message : String(err)}\n--- code-server output ---\n${output}`);
  }
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    rootDir,
    userDataDir,
    extensionsDir,
    output: () => output,
    exited,
    stop,
    workbenchUrl(url: WorkbenchUrlOptions): string {
      const params = new URLSearchParams();
      if (url.folder) params.set('folder', url.folder);
      const payload: [string, string][] = [];
      if (url.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(origin, url.extensionDevelopmentPath)]);
      if (url.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(origin, url.extensionTestsPath)]);
      if (payload.length > 0) params.set('payload', JSON.stringify(payload));
      const query = params.toString();
      return `${origin}/${query ? `?${query}` : ''}`;
    },
  };
}

/** Resolves with the port of code-server's "HTTP server listening on http://127.0.0.1:<port>/" line. */
function waitForListening(child: ChildProcess, output: () => string, exited: Promise<number | null>, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const deadline = setTimeout(() => finish(new Error(`no "HTTP server listening" line within ${timeoutMs} ms`)), timeoutMs);
    let done = false;
    function finish(err: Error | undefined, port?: number): void {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      if (err) reject(err);
      else resolve(port!);
    }
    function check(): void {
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output());
      if (match) finish(undefined, Number(match[1]));
    }
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    check();
    void exited.then((code) => finish(new Error(`code-server exited with ${String(code)} before listening`)));
  });
}

async function assertServes(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
}
