// A person reads a VM's raw XML as hypertext: opens it from the VM's context menu, hovers a power link (which says it
// is a POST and what it would do, and runs nothing), and Ctrl+clicks the link to the VM's vApp, which opens the vApp's
// XML in a tab of its own next to the VM's, whose outline lists its links and children. Own session and simulator.
import * as assert from 'node:assert/strict';
import { startUiSession, type UiSession } from './session';
import { startSimulator, type Simulator } from '../simulator';
import { setApiToken } from '../support/uiSteps';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';

describe('raw documents as hypertext', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let vmName: string;

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 11 });
    const siteName = `${sim.tenant.org} @ ${new URL(sim.url).hostname}`;
    session = await startUiSession({
      settings: {
        'vcd.sites': [{ name: siteName, url: sim.url, org: sim.tenant.org, trust: { pinnedFingerprint256: sim.certificate!.fingerprint256 } }],
        // Hovers and link tooltips show at once, so the screenshots need no waiting for a timer.
        'editor.hover.delay': 100,
        'editor.minimap.enabled': false,
      },
    });
    ui = session.ui;
    await ui.openViewContainer('Cloud Director');
    await setApiToken(ui, sim.createApiToken(sim.tenant.org, sim.tenant.user, 'hypertext-test'));
    await ui.dismissNotifications();
    await ui.expand(ui.treeRow(VIEW, siteName));
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const file = await session.screenshot(`hypertext-failed-${(this.currentTest.title ?? 'step').replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
      console.log(`      notifications: ${await ui.notificationCenterText().catch((err: unknown) => String(err))}`);
    }
  });

  /** The rendered editor line holding `text` (in the active editor). */
  const line = (text: string) => ui.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first();

  it('opens a powered-on VM with Open API Response from its context menu', async () => {
    await ui.expand(ui.treeRowsAtLevel(VIEW, 2).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 3).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 4).filter({ has: ui.page.locator('.label-description', { hasText: /^Powered on$/ }) }).first());
    const vm = ui.treeRowsAtLevel(VIEW, 5).filter({ has: ui.page.locator('.label-description', { hasText: /^Powered on$/ }) }).first();
    vmName = (await vm.locator('.label-name').innerText()).trim();
    await ui.contextMenu(vm, 'Open API Response');
    await ui.activeTab().filter({ hasText: `${vmName}.xml` }).waitFor();
    await line('rel="power:powerOff"').waitFor();
  });

  it('hovers the power-off link: a POST that would power the VM off, not run from the hover', async () => {
    const before = sim.inventory.vms().find((v) => v.name === vmName)!.status;
    await line('rel="power:powerOff"').locator('span > span', { hasText: 'power:powerOff' }).first().hover();
    const hover = ui.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'power:powerOff' }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    assert.match(text, /POST/);
    assert.match(text, new RegExp(`Powers off the VM “${vmName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” at once`));
    assert.match(text, /Not run from here/);
    assert.equal(await hover.locator('a').count(), 0, 'nothing to click in the hover');
    await session.screenshot('hypertext-hover', { readme: true, keepPointer: true });
    assert.equal(sim.inventory.vms().find((v) => v.name === vmName)!.status, before, 'the VM is as it was');
  });

  it("Ctrl+clicks the link to the VM's vApp: the vApp's XML opens in its own tab, and the VM's tab stays", async () => {
    const vapp = sim.inventory.vms().find((v) => v.name === vmName)!;
    const link = line(`rel="up" href="${vapp.vappHref}"`).locator('.detected-link').first();
    await link.waitFor();
    assert.match(await link.innerText(), /\/api\/vApp\/vapp-/);
    const vappId = new URL(vapp.vappHref).pathname.split('/').pop()!;
    // Point at the link, hold Ctrl (VS Code then underlines it as the link it is) and click.
    const box = (await link.boundingBox())!;
    await ui.page.mouse.move(box.x + 40, box.y + box.height / 2);
    await ui.page.keyboard.down('Control');
    try {
      await ui.page.locator('.editor-group-container.active .detected-link-active').first().waitFor();
      await ui.page.mouse.click(box.x + 40, box.y + box.height / 2);
    } finally {
      await ui.page.keyboard.up('Control');
    }
    await ui.activeTab().filter({ hasText: `${vappId}.xml` }).waitFor();
    await line('<VApp ').waitFor();
    assert.match(await ui.activeEditorText(), new RegExp(`<VApp [^>]*name="${vapp.vappName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    await ui.tab(`${vmName}.xml`).waitFor();
    await session.screenshot('hypertext-link');
  });

  it("shows the vApp's outline: its Link rels, its owner and its child VMs", async () => {
    await ui.runCommand('Explorer: Focus on Outline View');
    // Room for the outline: fold the (empty) folder section and the vApp's list of links.
    const folder = ui.page.locator('.sidebar .pane-header[aria-expanded="true"]').first();
    if ((await folder.getAttribute('aria-label'))?.startsWith('Outline') === false) await folder.click();
    const links = ui.treeRow('Outline', /^Link$/);
    await links.waitFor();
    assert.ok((await ui.treeTexts('Outline')).some((r) => r.label === 'power:powerOff' && r.description === 'POST'), 'the Link rels with their methods');
    await links.locator('.monaco-tl-twistie').click();
    for (const name of [/^Owner$/, /^Children$/]) await ui.treeRow('Outline', name).waitFor();
    const rows = await ui.treeTexts('Outline');
    assert.ok(rows.some((r) => r.label === 'Vm' && r.description === vmName), `the VM among ${rows.map((r) => r.label).join(', ')}`);
    await session.screenshot('hypertext-outline');
  });
});
