// SecretStore over VS Code SecretStorage: the only place an API token persists.
import * as vscode from 'vscode';
import { apiTokenKey, type SecretStore } from '../auth';

const API_TOKEN_PREFIX = apiTokenKey('');

export class VsCodeSecretStore implements SecretStore {
  constructor(private readonly storage: vscode.SecretStorage) {}

  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.storage.get(key));
  }
  store(key: string, value: string): Promise<void> {
    return Promise.resolve(this.storage.store(key, value));
  }
  delete(key: string): Promise<void> {
    return Promise.resolve(this.storage.delete(key));
  }

  /** Fires with the site id whose API token changed (here or in another window). */
  onDidChangeApiToken(listener: (siteId: string) => void): vscode.Disposable {
    return this.storage.onDidChange((e) => {
      if (e.key.startsWith(API_TOKEN_PREFIX)) listener(e.key.slice(API_TOKEN_PREFIX.length));
    });
  }
}
