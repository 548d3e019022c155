// Arguments and settings as an attacker or an accident shapes them: a forged site object in a command argument
// (another extension, a command link) never points a stored API token at another host, and a site removed from
// vcd.sites by hand takes its API token with it.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { apiTokenKey } from '../../../src/auth';
import { startSimulator, type Simulator } from '../../simulator';
import { fixture, hostOf, withScript } from './fixture';

describe('forged arguments and hand-edited settings', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  let evil: net.Server;
  let evilUrl: string;
  let evilConnections = 0;

  before(async () => {
    const { api, secrets } = await fixture();
    sim = await startSimulator({ size: 'demo' });
    secrets.add(sim.tenant.apiToken);
    siteId = `${sim.tenant.org}@${hostOf(sim)}`.toLowerCase();
    await api.tokens.setApiToken(siteId, sim.tenant.apiToken);
    await api.config.addSite({ name: 'Real', url: sim.url, org: sim.tenant.org, trust: { certificate: sim.certificate!.certPem } });
    evil = net.createServer((socket) => {
      evilConnections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.3', resolve));
    evilUrl = `https://127.0.0.3:${(evil.address() as net.AddressInfo).port}`;
  });

  after(async () => {
    const { api } = await fixture();
    const site = api.config.site(siteId);
    if (site) await api.config.removeSite(site);
    await api.tokens.deleteApiToken(siteId);
    await sim.close();
    await new Promise<void>((resolve) => evil.close(() => resolve()));
  });

  it('looks a site object up by id: a known id with another URL goes to the configured host, an unknown one asks', async () => {
    const forged = { site: { id: siteId, baseUrl: evilUrl, url: evilUrl, org: sim.tenant.org, name: 'Real' } };
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, forged, '/api/org');
    assert.match(doc.getText(), new RegExp(`GET ${sim.url.replace(/[.]/g, '\\.')}/api/org`), 'the configured site was asked');
    const unknown = { site: { id: 'acme@127.0.0.3', baseUrl: evilUrl, url: evilUrl, org: 'acme', name: 'Evil' } };
    await withScript(
      [{ kind: 'pick', id: 'pickSite', choose: () => undefined }],
      async () => {
        const { api } = await fixture();
        // More than one site makes pickSite ask; the person dismisses it.
        if (api.config.settings.sites.length < 2) await api.config.addSite({ name: 'Second', url: sim.url, org: 'System', trust: { certificate: sim.certificate!.certPem } });
        return vscode.commands.executeCommand(Commands.openApiPath, unknown, '/api/org');
      },
    );
    const node = { href: `${evilUrl}/api/org`, name: 'forged', site: { id: siteId, baseUrl: evilUrl } };
    await withScript([{ kind: 'message', match: /points to another host/ }], () => vscode.commands.executeCommand(Commands.openResponse, node));
    assert.equal(evilConnections, 0, 'nothing ever connected to the forged host');
    const { api } = await fixture();
    const second = api.config.site(`system@${hostOf(sim)}`.toLowerCase());
    if (second) await api.config.removeSite(second);
  });

  it('deletes the API token of a site removed from vcd.sites by hand, but not while an entry cannot be read', async () => {
    const { api } = await fixture();
    const other = `${sim.provider.org}@${hostOf(sim)}`.toLowerCase();
    await api.tokens.setApiToken(other, sim.provider.apiToken);
    await api.config.addSite({ name: 'Provider', url: sim.url, org: sim.provider.org, trust: { certificate: sim.certificate!.certPem } });
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
