// A person whose API token belongs to a vApp User (not an organization administrator) adds their site from the
// command palette, trusts the certificate, and browses down to VMs: they see their organization, every VDC, "No vApps"
// where they may see none, and exactly the vApps and VMs VCD lets their role see. Own session and simulator.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../simulator';
import { reportFailure, trustCertificateInDialog, typeAddSite, untrustedCertificateDialog } from '../support/uiSteps';
import { startUiSession, type UiSession } from './session';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';

describe('a vApp User browsing their organization', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let siteName: string;

  before(async () => {
    sim = await startSimulator({ size: 'demo' });
    siteName = `${sim.vappUser.org} @ ${new URL(sim.url).hostname}`;
    session = await startUiSession();
    ui = session.ui;
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    await reportFailure(this.currentTest, session, 'roles-failed');
  });

  it('adds the site with their API token from the palette and trusts the certificate', async () => {
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(460);
    await typeAddSite(ui, sim.url, sim.vappUser.org, sim.vappUser.apiToken);
    await untrustedCertificateDialog(ui, sim.certificate!.fingerprint256);
    await trustCertificateInDialog(ui);
    await ui.quickInputClosed();
    await ui.notification(/Added site/).waitFor();
    await ui.treeRow(VIEW, siteName).waitFor();
    await ui.dismissNotifications();
  });

  it('expands the site: their organization with its full name, not an error', async () => {
    await ui.expand(ui.treeRow(VIEW, siteName));
    const first = ui.treeRowsAtLevel(VIEW, 2).first();
    await first.waitFor();
    const rows = (await ui.treeTexts(VIEW)).filter((r) => r.level === 2);
    assert.deepEqual(rows, [{ label: sim.vappUser.org, description: 'ACME Corporation', level: 2 }], `under the site: ${JSON.stringify(rows)}`);
    assert.equal(await first.locator('.codicon-error').count(), 0);
  });

  it('expands every VDC and vApp down to VMs and sees exactly what the role may view', async () => {
    const org = sim.vappUser.org;
    await ui.expand(ui.treeRowsAtLevel(VIEW, 2).filter({ hasText: org }).first());
    const vdcCount = sim.inventory.count('adminOrgVdc', { orgName: org });
    await ui.treeRowsAtLevel(VIEW, 3).nth(vdcCount - 1).waitFor();
    const vdcNames = (await ui.treeTexts(VIEW)).filter((r) => r.level === 3).map((r) => r.label);
    assert.equal(vdcNames.length, vdcCount, 'every VDC of the organization');
    const expectedVApps = vdcNames.flatMap((vdc) => sim.inventory.vappNames({ orgName: org, vdcName: vdc, visibleTo: 'vappUser' }));
    const expectedVms = sim.inventory.vmNames({ orgName: org, visibleTo: 'vappUser' });
    const emptyVdcs = vdcNames.filter((vdc) => sim.inventory.vappNames({ orgName: org, vdcName: vdc, visibleTo: 'vappUser' }).length === 0);
    assert.ok(expectedVms.length > 0 && emptyVdcs.length > 0, 'the demo gives the vApp User VMs in one VDC and none in another');

    for (const vdc of vdcNames) await ui.expand(ui.treeRowsAtLevel(VIEW, 3).filter({ hasText: vdc }).first());
    await ui.treeRowsAtLevel(VIEW, 4).nth(expectedVApps.length + emptyVdcs.length - 1).waitFor();
    for (const vapp of expectedVApps) await ui.expand(ui.treeRowsAtLevel(VIEW, 4).filter({ has: ui.page.locator('.label-name', { hasText: vapp }) }).first());
    await ui.treeRowsAtLevel(VIEW, 5).nth(expectedVms.length - 1).waitFor();

    const rows = await ui.treeTexts(VIEW);
    const shown: Record<string, string[]> = {};
    let vdc = '';
    for (const row of rows) {
      if (row.level === 3) vdc = row.label;
      if (row.level === 4) (shown[vdc] ??= []).push(row.label);
    }
    for (const name of vdcNames) {
      const want = sim.inventory.vappNames({ orgName: org, vdcName: name, visibleTo: 'vappUser' });
      assert.deepEqual(shown[name], want.length ? want : ['No vApps'], `under ${name}`);
    }
    const vms = rows.filter((r) => r.level === 5);
    assert.deepEqual(vms.map((r) => r.label).sort(), [...expectedVms].sort(), 'exactly the VMs the vApp User may view');
    for (const vm of vms) assert.match(vm.description, /^(Powered on|Powered off|Suspended|Unresolved|Unknown state)( · Busy)?$/, `${vm.label} shows its power state`);
    assert.equal(await ui.treeRows(VIEW).filter({ has: ui.page.locator('.codicon-error') }).count(), 0, 'no error anywhere');
    await session.screenshot('roles-01-vapp-user-tree');
  });
});
