// A person on a corporate network: VS Code's http.proxy points at the proxy, and the VCD (a simulator that accepts
// connections from the proxy only) has a self-signed certificate. They add the site from the palette, trust its
// certificate and browse down to VMs; the proxy's log shows the tunnels.
import * as assert from 'node:assert/strict';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { startUiSession, type UiSession } from './session';
import { startSimulator, type Simulator } from './simulator';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';
const PROXY_SOURCE = '127.0.0.9';

describe('a person behind an HTTP proxy', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let proxy: ConnectProxy;
  let ui: WorkbenchDriver;

  before(async () => {
    proxy = await startConnectProxy({ outgoingAddress: PROXY_SOURCE });
    sim = await startSimulator({ size: 'demo', seed: 11, acceptFrom: [PROXY_SOURCE] });
    session = await startUiSession({ settings: { 'http.proxy': proxy.url } });
    ui = session.ui;
  });
  after(async () => {
    await session?.close();
    await sim?.close();
    await proxy?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const file = await session.screenshot(`failed-proxy-${(this.currentTest.title ?? 'step').replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
      console.log(`      notifications: ${await ui.notificationCenterText().catch((err: unknown) => String(err))}`);
      console.log(`      the extension's log:\n${await ui.extensionLog().catch((err: unknown) => String(err))}`);
    }
  });

  it('adds a self-signed site through the proxy, trusts its certificate and browses to VMs', async () => {
    const host = new URL(sim.url).host;
    const siteName = `${sim.tenant.org} @ ${new URL(sim.url).hostname}`;
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(460);
    await ui.runCommand('VCD: Add Site…');
    await ui.waitForQuickInput(/Add Site.*1\/3/);
    await ui.answer(sim.url);
    await ui.waitForQuickInput(/Add Site.*2\/3/);
    await ui.answer(sim.tenant.org);
    await ui.waitForQuickInput(/Add Site.*3\/3/);
    await ui.answer(sim.tenant.apiToken);
    // The certificate was read through the proxy: the site accepts nobody else.
    const dialog = ui.dialog();
    await dialog.waitFor({ state: 'visible' });
    assert.ok((await dialog.innerText()).includes(sim.certificate!.fingerprint256), 'the dialog shows the fingerprint');
    await session.screenshot('proxy-01-untrusted-certificate');
    await ui.clickDialogButton('Trust This Certificate');
    await ui.quickInputClosed();
    await ui.notification(/Added site/).waitFor();
    await ui.dismissNotifications();
    await ui.expand(ui.treeRow(VIEW, siteName));
    await ui.expand(ui.treeRowsAtLevel(VIEW, 2).filter({ hasText: sim.tenant.org }).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 3).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 4).first());
    await ui.treeRowsAtLevel(VIEW, 5).first().waitFor();
    const known = new Set(sim.inventory.vmNames({ orgName: sim.tenant.org }));
    const vms = (await ui.treeTexts(VIEW)).filter((r) => r.level === 5);
    assert.ok(vms.length > 0 && vms.every((vm) => known.has(vm.label)), `VMs of ${sim.tenant.org}: ${vms.map((v) => v.label).join(', ')}`);
    await session.screenshot('proxy-02-tree-vms');
    assert.equal(sim.counters.refusedConnections, 0, 'nothing tried to reach the site directly');
    assert.ok(proxy.connects.filter((c) => c === host).length >= 4, `the proxy tunnelled every connection to ${host}: ${proxy.connects.join(', ')}`);
  });
});
