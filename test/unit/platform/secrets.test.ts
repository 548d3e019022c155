// SecretStorage tells every window of a change, the writing one included. The extension follows other windows' writes
// (drop the cached access token, reload the views) and skips the echo of its own: that was a second full reload.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { VsCodeSecretStore as Store } from '../../../src/platform/secrets';
import { apiTokenKey } from '../../../src/auth';
import { requireWithoutVscode } from '../../support/vscodeStub';

/** SecretStorage as VS Code's behaves: one store shared by the windows, every change announced to each of them. */
class SharedSecretStorage {
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => void>();
  window() {
    return {
      get: (key: string) => Promise.resolve(this.values.get(key)),
      store: (key: string, value: string) => this.change(key, () => this.values.set(key, value)),
      delete: (key: string) => this.change(key, () => this.values.delete(key)),
      onDidChange: (listener: (e: { key: string }) => void) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
  }
  private change(key: string, apply: () => void): Promise<void> {
    apply();
    this.listeners.forEach((l) => l({ key }));
    return Promise.resolve();
  }
}

describe('secret storage across windows', () => {
  const { VsCodeSecretStore } = requireWithoutVscode(path.join(__dirname, '..', '..', '..', 'src', 'platform', 'secrets')) as { VsCodeSecretStore: typeof Store };

  it('follows another window, and skips the echo of its own writes', async () => {
    const shared = new SharedSecretStorage();
    const here = new VsCodeSecretStore(shared.window());
    const other = shared.window();
    const heard: string[] = [];
    here.onDidChangeApiToken((siteId) => heard.push(siteId));
    const key = apiTokenKey('acme@vcd.example.com');
    const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

    await here.store(key, 'token-1');
    await here.delete(key);
    await settled();
    assert.deepEqual(heard, [], 'its own store and delete');
    await other.store(key, 'token-2');
    await settled();
    assert.deepEqual(heard, ['acme@vcd.example.com'], 'another window stored a token');
    await other.delete(key);
    await settled();
    assert.deepEqual(heard, ['acme@vcd.example.com', 'acme@vcd.example.com'], 'another window deleted it');
    await here.store(key, 'token-3');
    await other.store(key, 'token-3');
    await settled();
    assert.equal(heard.length, 2, 'the same token written elsewhere changes nothing here');
  });
});
