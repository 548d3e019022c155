// Where API tokens persist. The VS Code layer implements this over context.secrets (SecretStorage);
// tests use an in-memory map. Nothing else stores a token.
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  store(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The SecretStorage key of a site's API token. */
export function apiTokenKey(siteId: string): string {
  return `vcd.apiToken/${siteId}`;
}

export class MemorySecretStore implements SecretStore {
  private readonly map = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.map.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.map.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.map.delete(key);
    return Promise.resolve();
  }
}
