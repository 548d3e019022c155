// Corporate networks: the extension uses the proxy configured in VS Code (http.proxy, http.noProxy). VS Code's network
// layer sends the requests as CONNECT tunnels through it, and the certificate check goes the same way. The simulator
// here accepts connections from the proxy's address only, so nothing can pass the test by connecting directly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { startSimulator, type Simulator } from '../../simulator';
import { startConnectProxy, type ConnectProxy } from '../../support/connectProxy';
import { useSites } from '../../support/extensionSites';
import { children, fingerprintOf, fixture, item, label, siteNode, withScript } from './fixture';

const PROXY_SOURCE = '127.0.0.9';

/** Sets an `http.*` user setting and waits until this extension host reads it (VS Code's proxy resolver reads the same). */
async function setHttpSetting(key: string, value: unknown): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('http');
  const seen = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`http.${key}`)) {
        sub.dispose();
        resolve();
      }
    });
  });
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  if (JSON.stringify(config().get(key)) !== JSON.stringify(value ?? config().inspect(key)?.defaultValue)) await seen;
}

describe('behind an HTTP proxy (http.proxy)', function () {
  this.timeout(120_000);
  let proxy: ConnectProxy;
  const sims: Simulator[] = [];
  const sites = useSites(fixture);

  /** A tenant site for the simulator, with its API token, its certificate trusted or not (yet). */
  function addSite(sim: Simulator, name: string, trust: 'certificate' | 'none'): Promise<string> {
    return sites.add(sim, { name, user: 'tenant', trust });
  }

  before(async () => {
    proxy = await startConnectProxy({ outgoingAddress: PROXY_SOURCE });
    await setHttpSetting('proxy', proxy.url);
  });

  after(async () => {
    await setHttpSetting('proxy', undefined);
    await setHttpSetting('noProxy', undefined);
    await Promise.all(sims.map((s) => s.close()));
    await proxy.close();
  });

  it('sends the requests through the proxy, reads the certificate through it for Trust Certificate…, and the tree loads', async () => {
    const { api } = await fixture();
    const sim = await startSimulator({ size: 'demo', acceptFrom: [PROXY_SOURCE] });
    sims.push(sim);
    const target = new URL(sim.url).host;
    const id = await addSite(sim, 'Behind the proxy', 'none');
    const [error] = await children(await siteNode(id));
    assert.equal(item(error).contextValue, 'vcd.error+certificate', label(error));
    assert.ok(proxy.connects.includes(target), `the proxy saw CONNECT ${target}: ${proxy.connects.join(', ')}`);
    const command = item(error).command!;
    await withScript(
      [{ kind: 'message', match: /certificate of .* is not trusted/, answer: 'Trust This Certificate', check: (r) => assert.ok(r.detail?.includes(sim.certificate!.fingerprint256)) }],
      () => vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[])),
    );
    assert.equal(fingerprintOf(api.config.site(id)?.trust?.certificate), sim.certificate!.fingerprint256);
    const [org] = await children(await siteNode(id));
    assert.equal(label(org), sim.tenant.org);
    const vdcs = await children(org);
    assert.ok(vdcs.length > 0 && vdcs.every((v) => /^vcd\.vdc\b/.test(item(v).contextValue ?? '')), 'VDCs listed through the proxy');
    assert.equal(sim.counters.refusedConnections, 0, 'no direct connection was even tried');
    assert.ok(proxy.connects.filter((c) => c === target).length >= 3, 'every connection went through the proxy');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, id, '/api/org');
    assert.match(doc.getText(), /<OrgList\b/, 'raw documents too');
  });

  it('goes direct to a host named in http.noProxy: the proxy sees nothing', async () => {
    const sim = await startSimulator({ size: 'demo' });
    sims.push(sim);
    await setHttpSetting('noProxy', [new URL(sim.url).hostname]);
    const before = proxy.connects.length;
    const id = await addSite(sim, 'No proxy', 'certificate');
    assert.deepEqual((await children(await siteNode(id))).map(label), [sim.tenant.org]);
    assert.equal(proxy.connects.length, before, `the proxy saw nothing new: ${proxy.connects.slice(before).join(', ')}`);
  });
});
