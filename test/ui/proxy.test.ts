// A person on a corporate network: VS Code's http.proxy points at the proxy, and the VCD (a simulator that accepts
// connections from the proxy only) has a self-signed certificate. They add the site from the palette, trust its
// certificate and browse down to VMs; the proxy's log shows the tunnels.
import * as assert from 'node:assert/strict';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { startSimulator, type Simulator } from '../simulator';
import { reportFailure, trustCertificateInDialog, typeAddSite, untrustedCertificateDialog } from '../support/uiSteps';
import { startUiSession, type UiSession } from './session';
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
    await reportFailure(this.currentTest, session, 'failed-proxy');
  });

  it('adds a self-signed site through the proxy, trusts its certificate and browses to VMs', async () => {
    const host = new URL(sim.url).host;
    const siteName = `${sim.tenant.org} @ ${new URL(sim.url).hostname}`;
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(460);
    await typeAddSite(ui, sim.url, sim.tenant.org, sim.tenant.apiToken);
    // The certificate was read through the proxy: the site accepts nobody else.
    await untrustedCertificateDialog(ui, sim.certificate!.fingerprint256);
    await session.screenshot('proxy-01-untrusted-certificate');
    await trustCertificateInDialog(ui);
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
