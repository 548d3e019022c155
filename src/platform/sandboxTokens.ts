// `npm start` only. The sandbox (test/sandbox/start.ts) starts the VCD simulator and opens VS Code with this extension
// in development mode; so that its demo sites work at once, it writes the simulator's demo API tokens to a private
// file and names it in VCD_SANDBOX_TOKENS_FILE. Here, and only when VS Code runs the extension from source
// (ExtensionMode.Development, never an installed .vsix), each token goes into SecretStorage for the configured site
// with the same URL and organization, if that site is on a loopback address and has no token yet. The sandbox owns
// the file and deletes it when it stops (code-server keeps secrets per browser profile, so every new browser
// window of the sandbox reads it again). Tokens are never read from settings, and nothing here applies to a real VCD.
import { promises as fs } from 'node:fs';
import type { TokenService } from '../auth';
import { isLoopbackHost } from '../vcd';
import type { Site } from './settings';

export const SandboxTokensVariable = 'VCD_SANDBOX_TOKENS_FILE';

export interface SandboxToken {
  url: string;
  org: string;
  apiToken: string;
}

export interface SandboxImport {
  developmentMode: boolean;
  env: NodeJS.ProcessEnv;
  sites: readonly Site[];
  tokens: Pick<TokenService, 'getApiToken' | 'setApiToken'>;
  log: { info(message: string): void; warn(message: string): void };
}

function parse(text: string): SandboxToken[] {
  const value: unknown = JSON.parse(text);
  const list = value !== null && typeof value === 'object' ? (value as { tokens?: unknown }).tokens : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (t): t is SandboxToken =>
      t !== null && typeof t === 'object' && typeof (t as SandboxToken).url === 'string' &&
      typeof (t as SandboxToken).org === 'string' && typeof (t as SandboxToken).apiToken === 'string',
  );
}

/** Stores the sandbox's demo tokens for its loopback sites; returns the names of the sites that got one. */
export async function importSandboxTokens(options: SandboxImport): Promise<string[]> {
  const file = options.env[SandboxTokensVariable];
  if (!options.developmentMode || file === undefined || file === '') return [];
  let entries: SandboxToken[];
  try {
    entries = parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    options.log.warn(`Sandbox: could not read the demo tokens (${err instanceof Error ? err.message : String(err)})`);
    return [];
  }
  const imported: string[] = [];
  for (const site of options.sites) {
    if (!isLoopbackHost(new URL(site.baseUrl).hostname)) continue;
    const entry = entries.find((e) => e.url.replace(/\/+$/, '') === site.baseUrl && e.org.toLowerCase() === site.org.toLowerCase());
    if (entry === undefined || (await options.tokens.getApiToken(site.id)) !== undefined) continue;
    await options.tokens.setApiToken(site.id, entry.apiToken);
    imported.push(site.name);
  }
  if (imported.length > 0) options.log.info(`Sandbox: stored the simulator's demo API token for ${imported.join(', ')}`);
  return imported;
}
