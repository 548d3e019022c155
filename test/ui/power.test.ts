// A person powering VMs from the Sites view of the packaged extension, against a simulator whose tasks move one step
// per read (and are held running where the test must see the running state): Power Off of a VM with its confirmation,
// the node while the task runs, then Powered off; Power On of two selected VMs; a task that fails with VCD's message
// and Open Task. Every step checks what the screen shows and saves a screenshot.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator, type SimVmInfo } from '../simulator';
import { reportFailure, setApiToken, siteEntry } from '../support/uiSteps';
import { startUiSession, type UiSession } from './session';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a person powering VMs on and off', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let siteName: string;
  /** The vApp the steps work in, and its first three VMs: one running, two off. */
  let running: SimVmInfo;
  let off: SimVmInfo[];

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 7, tasks: { advance: 'polls', runningPolls: 1 } });
    siteName = `${sim.tenant.org} @ ${new URL(sim.url).hostname}`;
    // The first vApp (by name) of the org's first VDC that has three VMs.
    const vms = sim.inventory.vms({ orgName: sim.tenant.org });
    const vdcName = [...new Set(vms.map((v) => v.vdcName))].sort()[0];
    const byVApp = new Map<string, SimVmInfo[]>();
    for (const vm of vms.filter((v) => v.vdcName === vdcName)) byVApp.set(vm.vappName, [...(byVApp.get(vm.vappName) ?? []), vm]);
    const [, three] = [...byVApp.entries()].sort(([a], [b]) => a.localeCompare(b)).find(([, list]) => list.length >= 3)!;
    // Names in the order the tree shows them, and unique within the vApp.
    const picked = three.slice(0, 3);
    assert.equal(new Set(picked.map((v) => v.name)).size, 3);
    running = sim.inventory.setPowerState(picked[0].href, 'POWERED_ON', { tools: true });
    off = picked.slice(1).map((v) => sim.inventory.setPowerState(v.href, 'POWERED_OFF', { tools: true }));
    session = await startUiSession({ settings: { 'vcd.sites': [siteEntry(sim, siteName)] } });
    ui = session.ui;
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(520);
    // The Tasks view starts collapsed below the Sites view.
    await ui.expandView('Tasks');
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    sim.tasks.release();
    await reportFailure(this.currentTest, session, 'failed-power');
  });

  const vmRow = (vm: SimVmInfo) => ui.treeRowsAtLevel(VIEW, 5).filter({ has: ui.page.locator('.label-name', { hasText: new RegExp(`^${escape(vm.name)}$`) }) }).first();
  const description = (vm: SimVmInfo) => vmRow(vm).locator('.label-description');

  it('stores the token and opens the site down to the VMs of a vApp', async () => {
    await setApiToken(ui, sim.tenant.apiToken);
    await ui.dismissNotifications();
    await ui.expand(ui.treeRow(VIEW, siteName));
    await ui.expand(ui.treeRowsAtLevel(VIEW, 2).filter({ hasText: sim.tenant.org }).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 3).filter({ has: ui.page.locator('.label-name', { hasText: new RegExp(`^${escape(running.vdcName)}$`) }) }).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 4).filter({ has: ui.page.locator('.label-name', { hasText: new RegExp(`^${escape(running.vappName)}$`) }) }).first());
    await description(running).filter({ hasText: /^Powered on$/ }).waitFor();
    for (const vm of off) await description(vm).filter({ hasText: /^Powered off$/ }).waitFor();
    // What the menu of a running VM offers, and of one that is off.
    const onMenu = await ui.contextMenuEntries(vmRow(running));
    for (const entry of ['Power Off', 'Shut Down Guest OS', 'Reboot Guest OS', 'Reset', 'Suspend']) assert.ok(onMenu.includes(entry), `${entry} in ${onMenu.join(', ')}`);
    assert.ok(!onMenu.includes('Power On') && !onMenu.includes('Discard Suspended State'));
    const offMenu = await ui.contextMenuEntries(vmRow(off[0]));
    assert.ok(offMenu.includes('Power On') && !offMenu.includes('Power Off') && !offMenu.includes('Reset'), offMenu.join(', '));
  });

  it('powers a VM off: the confirmation names it, its site, organization and the effect; the node shows the running operation, then Powered off', async () => {
    sim.tasks.hold();
    await ui.contextMenu(vmRow(running), 'Power Off');
    const dialog = ui.dialog();
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`Power off the VM “${escape(running.name)}”\\?`));
    assert.ok(text.includes(`“${running.name}” in vApp “${running.vappName}” on site ${siteName}, organization ${sim.tenant.org}.`), text);
    assert.match(text, /like pulling the plug: work not saved in it is lost/);
    await session.screenshot('21-power-off-confirm', { readme: true });
    await ui.clickDialogButton(/^Power Off$/);
    await dialog.waitFor({ state: 'hidden' });
    await description(running).filter({ hasText: /^Powering off… \d+%$/ }).waitFor();
    await vmRow(running).locator('.codicon-loading').waitFor();
    await ui.notification(new RegExp(`Power Off: “${escape(running.name)}”: Running \\d+%`)).waitFor();
    // The Tasks view lists it as running too.
    await ui.treeRows('Tasks').filter({ hasText: running.name }).filter({ hasText: /Power Off · Running \d+%/ }).first().waitFor();
    await session.screenshot('22-powering-off');
    sim.tasks.release();
    await description(running).filter({ hasText: /^Powered off$/ }).waitFor();
    await ui.treeRows('Tasks').filter({ hasText: running.name }).filter({ hasText: /Power Off · Succeeded/ }).first().waitFor();
    await session.screenshot('23-powered-off');
  });

  it('powers two selected VMs on at once, with one progress and a summary', async () => {
    await vmRow(off[0]).click();
    await ui.addToSelection(vmRow(off[1]));
    await ui.clickRowAction(vmRow(off[1]), 'Power On');
    const summary = ui.notification(/Power On of 2 VMs: all 2 succeeded/);
    await summary.waitFor();
    assert.match(await summary.innerText(), new RegExp(`“${escape(off[0].name)}” and “${escape(off[1].name)}”`));
    for (const vm of off) await description(vm).filter({ hasText: /^Powered on$/ }).waitFor();
    assert.deepEqual(off.map((vm) => sim.inventory.vms().find((v) => v.href === vm.href)!.status), ['POWERED_ON', 'POWERED_ON']);
    // Clicking a VM to select it opened its raw response: close it for the picture.
    await ui.runCommand('View: Close All Editors');
    await session.screenshot('24-power-on-two-vms');
    await ui.dismissNotifications();
  });

  it("shows VCD's message when a task fails, with Open Task for the task's raw document", async () => {
    sim.inject({ kind: 'failTask', message: 'The operation failed: the VDC has not enough memory left to power on the VM.', minorErrorCode: 'INSUFFICIENT_RESOURCES', majorErrorCode: 400 });
    // The inline button acts on its own row (the selection is elsewhere).
    await ui.clickRowAction(vmRow(running), 'Power On');
    const failure = ui.notification(new RegExp(`Power On of “${escape(running.name)}” failed: The operation failed: the VDC has not enough memory left to power on the VM\\.`));
    await failure.waitFor();
    await failure.locator('.monaco-button', { hasText: 'Show Log' }).waitFor();
    await failure.locator('.monaco-button', { hasText: 'Open Task' }).waitFor();
    await description(running).filter({ hasText: /^Powered off$/ }).waitFor();
    await session.screenshot('25-task-failed');
    await ui.clickNotificationButton(failure, 'Open Task');
    await ui.activeTab().filter({ hasText: `Power On ${running.name}.xml` }).waitFor();
    const doc = await ui.activeEditorText();
    assert.match(doc, /<Task [^>]*status="error"/);
    assert.match(doc, /minorErrorCode="INSUFFICIENT_RESOURCES"/);
    assert.ok(!doc.includes(sim.tenant.apiToken), 'no token in the document');
    await session.screenshot('26-open-task');
  });
});
