// VS Code side of the settings: reads through the typed reader, writes `vcd.sites` (application scope),
// and tells listeners when anything under `vcd.` changes.
import * as vscode from 'vscode';
import { ConfigSection } from '../ids';
import { readSettings, toSiteSetting, type Settings, type Site, type SiteSetting } from './settings';

export class Configuration implements vscode.Disposable {
  private current: Settings;
  private readonly emitter = new vscode.EventEmitter<Settings>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.current = Configuration.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(ConfigSection)) {
        this.current = Configuration.read();
        this.emitter.fire(this.current);
      }
    });
  }

  private static read(): Settings {
    const config = vscode.workspace.getConfiguration(ConfigSection);
    return readSettings((key) => config.get(key));
  }

  get settings(): Settings {
    return this.current;
  }

  site(siteId: string): Site | undefined {
    return this.current.sites.find((s) => s.id === siteId);
  }

  private rawSites(): SiteSetting[] {
    const raw = vscode.workspace.getConfiguration(ConfigSection).inspect<SiteSetting[]>('sites')?.globalValue;
    return Array.isArray(raw) ? [...raw] : [];
  }

  private async writeSites(sites: SiteSetting[]): Promise<void> {
    await vscode.workspace.getConfiguration(ConfigSection).update('sites', sites, vscode.ConfigurationTarget.Global);
    this.current = Configuration.read();
  }

  /** Appends a site entry to the user settings. */
  async addSite(site: Pick<Site, 'name' | 'url' | 'org' | 'trust'>): Promise<void> {
    await this.writeSites([...this.rawSites(), toSiteSetting(site)]);
  }

  /** Removes the entry of this site (matched by its derived id). */
  async removeSite(site: Site): Promise<void> {
    const remaining = this.rawSites().filter((entry) => {
      const parsed = readSettings((key) => (key === 'sites' ? [entry] : undefined)).sites[0];
      return parsed?.id !== site.id;
    });
    await this.writeSites(remaining);
  }

  /** Sets the trust of an existing site entry (e.g. a pinned certificate the user accepted). */
  async setSiteTrust(site: Site, trust: Site['trust']): Promise<void> {
    const updated = this.rawSites().map((entry) => {
      const parsed = readSettings((key) => (key === 'sites' ? [entry] : undefined)).sites[0];
      return parsed?.id === site.id ? toSiteSetting({ ...parsed, name: entry.name ?? parsed.name, url: entry.url, trust }) : entry;
    });
    await this.writeSites(updated);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
