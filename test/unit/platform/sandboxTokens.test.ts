// `npm start` hands the simulator's demo tokens to the extension in development mode only, for loopback sites only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemorySecretStore, TokenService } from '../../../src/auth';
import { importSandboxTokens, SandboxTokensVariable } from '../../../src/platform/sandboxTokens';
import type { Site } from '../../../src/platform/settings';

function site(id: string, baseUrl: string, org: string): Site {
  return { id, name: id, url: baseUrl, baseUrl, org, isSystem: org.toLowerCase() === 'system' };
}

describe('sandbox demo tokens (npm start)', () => {
  let dir: string;
  let file: string;
  const sites = [site('tenant', 'https://127.0.0.1:8443', 'acme'), site('provider', 'https://127.0.0.1:8443', 'System'), site('real', 'https://vcd.example.com', 'acme')];
  const write = (): void =>
    fs.writeFileSync(
      file,
      JSON.stringify({
        tokens: [
          { url: 'https://127.0.0.1:8443', org: 'acme', apiToken: 'demo-tenant-token' },
          { url: 'https://127.0.0.1:8443', org: 'system', apiToken: 'demo-provider-token' },
          { url: 'https://vcd.example.com', org: 'acme', apiToken: 'must-not-be-used' },
        ],
      }),
      { mode: 0o600 },
    );
  const quiet = { info: () => undefined, warn: () => undefined };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vcd-sandbox-'));
    file = path.join(dir, 'tokens.json');
    write();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('in development mode, stores each loopback site its token, never a real host', async () => {
    const tokens = new TokenService({ secrets: new MemorySecretStore() });
    const imported = await importSandboxTokens({ developmentMode: true, env: { [SandboxTokensVariable]: file }, sites, tokens, log: quiet });
    assert.deepEqual(imported, ['tenant', 'provider']);
    assert.equal(await tokens.getApiToken('tenant'), 'demo-tenant-token');
    assert.equal(await tokens.getApiToken('provider'), 'demo-provider-token');
    assert.equal(await tokens.getApiToken('real'), undefined);
  });

  it('does nothing for an installed extension (not development mode)', async () => {
    const tokens = new TokenService({ secrets: new MemorySecretStore() });
    const imported = await importSandboxTokens({ developmentMode: false, env: { [SandboxTokensVariable]: file }, sites, tokens, log: quiet });
    assert.deepEqual(imported, []);
    assert.equal(await tokens.getApiToken('tenant'), undefined);
  });

  it('never replaces a token the user stored', async () => {
    const tokens = new TokenService({ secrets: new MemorySecretStore() });
    await tokens.setApiToken('tenant', 'users-own-token');
    await importSandboxTokens({ developmentMode: true, env: { [SandboxTokensVariable]: file }, sites, tokens, log: quiet });
    assert.equal(await tokens.getApiToken('tenant'), 'users-own-token');
  });
});
