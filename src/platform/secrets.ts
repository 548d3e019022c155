// SecretStore over VS Code SecretStorage: the only place an API token persists.
import * as vscode from 'vscode';
import { apiTokenKey, type SecretStore } from '../auth';

const API_TOKEN_PREFIX = apiTokenKey('');

export class VsCodeSecretStore implements SecretStore {
  /** What this window last wrote under each key (undefined: deleted): VS Code echoes a window's own writes back. */
  private readonly written = new Map<string, string | undefined>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.storage.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.written.set(key, value);
    return Promise.resolve(this.storage.store(key, value));
  }
  delete(key: string): Promise<void> {
    this.written.set(key, undefined);
    return Promise.resolve(this.storage.delete(key));
  }

  /**
   * Fires with the site id whose API token another window changed. The echo of this window's own write is skipped
   * (the store holds what this window wrote): it would reload every view a second time.
   */
  onDidChangeApiToken(listener: (siteId: string) => void): vscode.Disposable {
    return this.storage.onDidChange((e) => {
      if (!e.key.startsWith(API_TOKEN_PREFIX)) return;
      const siteId = e.key.slice(API_TOKEN_PREFIX.length);
      if (!this.written.has(e.key)) return listener(siteId);
      void Promise.resolve(this.storage.get(e.key)).then(
        (now) => {
          if (now === this.written.get(e.key)) return;
          // Another window's value now: whatever comes next under this key is news.
          this.written.delete(e.key);
          listener(siteId);
        },
        () => listener(siteId),
      );
    });
  }
}
