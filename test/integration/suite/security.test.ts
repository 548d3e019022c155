// Arguments and settings as an attacker or an accident shapes them: a forged site object in a command argument
// (another extension, a command link) never points a stored API token at another host, and a site removed from
// vcd.sites by hand takes its API token with it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { apiTokenKey } from '../../../src/auth';
import { startSimulator, type Simulator } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { startForgedHost, type ForgedHost } from '../../support/forgedHost';
import { fixture, withScript } from './fixture';

describe('forged arguments and hand-edited settings', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  let evil: ForgedHost;
  let evilUrl: string;
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ size: 'demo' });
    siteId = await sites.add(sim, { name: 'Real', user: 'tenant' });
    evil = await startForgedHost();
    evilUrl = evil.url;
  });

  after(async () => {
    await sim?.close();
    await evil?.close();
  });

  it('looks a site object up by id: a known id with another URL goes to the configured host, an unknown one asks', async () => {
    const forged = { site: { id: siteId, baseUrl: evilUrl, url: evilUrl, org: sim.tenant.org, name: 'Real' } };
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, forged, '/api/org');
    assert.match(doc.getText(), new RegExp(`GET ${sim.url.replace(/[.]/g, '\\.')}/api/org`), 'the configured site was asked');
    const unknown = { site: { id: 'acme@127.0.0.3', baseUrl: evilUrl, url: evilUrl, org: 'acme', name: 'Evil' } };
    // More than one site makes pickSite ask; the person dismisses it.
    await sites.add(sim, { name: 'Second', org: sim.inventory.orgNames().find((o) => o !== 'System' && o !== sim.tenant.org)! });
    await withScript([{ kind: 'pick', id: 'pickSite', choose: () => undefined }], () => vscode.commands.executeCommand(Commands.openApiPath, unknown, '/api/org'));
    const node = { href: `${evilUrl}/api/org`, name: 'forged', site: { id: siteId, baseUrl: evilUrl } };
    await withScript([{ kind: 'message', match: /points to another host/ }], () => vscode.commands.executeCommand(Commands.openResponse, node));
    assert.equal(evil.connections(), 0, 'nothing ever connected to the forged host');
  });

  it('deletes the API token of a site removed from vcd.sites by hand, but not while an entry cannot be read', async () => {
    const { api } = await fixture();
    const other = await sites.add(sim, { name: 'Provider', user: 'provider' });
    const config = vscode.workspace.getConfiguration('vcd');
    const entries = (config.inspect<unknown[]>('sites')?.globalValue ?? []) as { org?: string }[];
    const withoutProvider = entries.filter((e) => e.org !== sim.provider.org);
    const changed = (key: string): Promise<void> =>
      new Promise((resolve) => {
        const sub = api.secretStorage.onDidChange((e) => {
          if (e.key === key) {
            sub.dispose();
            resolve();
          }
        });
      });
    // A half-typed entry: the provider site is gone from the readable ones, but one entry cannot be read.
    await config.update('sites', [...withoutProvider, { name: 'typing…', url: '' }], vscode.ConfigurationTarget.Global);
    assert.equal(api.config.settings.unreadableSites, true);
    assert.equal(await api.tokens.getApiToken(other), sim.provider.apiToken, 'kept while an entry cannot be read');
    const deleted = changed(apiTokenKey(other));
    await config.update('sites', withoutProvider, vscode.ConfigurationTarget.Global);
    await deleted;
    assert.equal(await api.tokens.getApiToken(other), undefined, 'deleted once the site is really gone');
    assert.equal(await api.tokens.getApiToken(siteId), sim.tenant.apiToken, 'the other site keeps its token');
  });
});
