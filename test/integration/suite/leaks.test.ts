// No secret leaks anywhere a person or a log collector can read, inside a real extension host: a site added through
// Add Site… with its token typed, a token rotated with the password typed, the tree browsed and raw responses opened;
// then settings, the log, every raw response document, tooltips and every message shown must hold no token or
// password. The secrets of every suite that ran before in the same window are looked for too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { startSimulator, type Simulator } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { children, descendants, fixture, isVm, item, pickByValue, siteNode, tooltipText, withScript } from './fixture';

describe('nothing leaks', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let tenant: string;
  let system: string;
  const sites = useSites(fixture);

  before(async () => {
    const { api, secrets } = await fixture();
    sim = await startSimulator({ size: 'demo' });
    for (const secret of [sim.tenant.apiToken, sim.provider.apiToken, sim.tenant.password, sim.provider.password]) secrets.add(secret);
    system = await sites.add(sim, { name: 'Leaks provider', user: 'provider' });
    // The tenant site as a person adds it: the token typed, the certificate trusted.
    const added = await withScript(
      [
        { kind: 'input', id: 'addSite.url', answer: sim.url },
        { kind: 'input', id: 'addSite.org', answer: sim.tenant.org },
        { kind: 'input', id: 'addSite.token', answer: sim.tenant.apiToken },
        { kind: 'message', match: /not trusted/, answer: 'Trust This Certificate' },
        { kind: 'message', match: /^Added site/ },
      ],
      () => vscode.commands.executeCommand<string>(Commands.addSite),
    );
    tenant = added.result;
    sites.track(tenant);
    // A new token made with the password typed.
    await withScript(
      [
        { kind: 'pick', id: 'rotateToken.method', choose: pickByValue((v) => v === 'password') },
        { kind: 'input', id: 'session.password', answer: sim.tenant.password },
        { kind: 'message', match: /^Rotated the API token/ },
      ],
      () => vscode.commands.executeCommand(Commands.rotateToken, tenant),
    );
    // The tree browsed down to VMs, and raw responses opened.
    const vm = (await descendants(await siteNode(tenant), 4)).find(isVm);
    assert.ok(vm, 'a VM in the tree');
    await vscode.commands.executeCommand(Commands.openResponse, vm);
    await vscode.commands.executeCommand(Commands.openApiPath, tenant, '/cloudapi/1.0.0/sessions/current');
    await vscode.commands.executeCommand(Commands.openApiPath, system, '/api/org');
    assert.ok(api.config.site(tenant), 'the site added through Add Site…');
  });
  after(async () => {
    await sim?.close();
  });

  it('finds no token or password in settings, log, documents, tooltips or messages', async () => {
    const f = await fixture();
    for (const id of [tenant, system]) {
      const stored = await f.api.tokens.getApiToken(id);
      assert.ok(stored, `${id} has a token`);
      f.secrets.add(stored);
    }
    const texts: [string, string][] = [];
    texts.push(['settings', JSON.stringify(vscode.workspace.getConfiguration('vcd'))]);
    texts.push(['log', f.api.logLines().join('\n')]);
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'vcd-api')) texts.push([doc.uri.toString(), doc.getText()]);
    for (const site of await children()) {
      texts.push(['tooltip', tooltipText(site)]);
      for (const node of await descendants(site, 2)) texts.push(['tooltip', tooltipText(node) + String(item(node).description ?? '')]);
    }
    for (const s of f.scripts) for (const m of s.seen) texts.push([`message ${m.kind}`, m.text]);
    assert.ok(f.api.logLines().some((l) => /GET \S*\/api\/query/.test(l)), 'the log has request lines');
    assert.ok(texts.filter(([where]) => where.startsWith('vcd-api:')).length >= 3, 'the raw responses opened here are scanned');
    for (const secret of f.secrets) {
      for (const [where, text] of texts) assert.ok(!text.includes(secret), `a secret appears in ${where}`);
    }
  });
});
