// Find VM… as a person uses it on a large Cloud Director (5,000 VMs): the command from the Sites view's title, part
// of a name typed key by key, the matches of each site under its name with their state and place and a count of
// the ones not shown, a site without an API token named as not searched; clicking a match reveals that VM in the
// Sites view, its site, organization, VDC and vApp opened, the VM selected.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../simulator';
import { reportFailure, setApiToken, siteEntry } from '../support/uiSteps';
import { startUiSession, type UiSession } from './session';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';
const TYPED = 'proxy-0';

describe('finding a VM on a large site and revealing it', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let tenantSite: string;
  let systemSite: string;
  let noTokenSite: string;
  const holds = (name: string): boolean => name.toLowerCase().includes(TYPED);

  before(async () => {
    sim = await startSimulator({ totalVms: 5_000, seed: 21 });
    const hostname = new URL(sim.url).hostname;
    const otherOrg = sim.inventory.orgNames().find((o) => o !== 'System' && o !== sim.tenant.org)!;
    tenantSite = `${sim.tenant.org} @ ${hostname}`;
    systemSite = `${hostname} (System)`;
    noTokenSite = `${otherOrg} @ ${hostname}`;
    session = await startUiSession({
      settings: {
        'vcd.sites': [siteEntry(sim, tenantSite), siteEntry(sim, systemSite, 'System'), siteEntry(sim, noTokenSite, otherOrg)],
      },
    });
    ui = session.ui;
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(460);
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    await reportFailure(this.currentTest, session, 'failed-find-vm');
  });

  async function setToken(site: string, token: string): Promise<void> {
    await setApiToken(ui, token, site);
    await ui.runCommand('Notifications: Clear All Notifications');
  }

  function quickPickRow(label: string, detail: RegExp | string): ReturnType<WorkbenchDriver['quickInput']> {
    return ui.quickInput().locator('.quick-input-list .monaco-list-row')
      .filter({ has: ui.page.locator('.label-name', { hasText: label }) })
      .filter({ hasText: detail })
      .first();
  }

  /** Scrolls the quick pick's list down until the row is shown: the list only renders what is in view. */
  async function scrollQuickPickTo(row: ReturnType<WorkbenchDriver['quickInput']>): Promise<void> {
    const list = ui.quickInput().locator('.quick-input-list .monaco-list').first();
    await list.hover();
    for (let i = 0; i < 60 && !(await row.first().isVisible()); i++) await ui.page.mouse.wheel(0, 300);
    await row.first().waitFor();
  }

  it('stores the API tokens of two of the three sites', async () => {
    await setToken(tenantSite, sim.tenant.apiToken);
    await setToken(systemSite, sim.provider.apiToken);
  });

  it("types part of a VM name into Find VM… (the Sites view's title) and sees the matches of each site", async () => {
    await ui.clickViewAction(VIEW, 'Find VM');
    await ui.waitForQuickInput('Find VM');
    await ui.quickInputBox().pressSequentially(TYPED, { delay: 60 });

    const tenantNames = sim.inventory.vmNames({ orgName: sim.tenant.org }).filter(holds);
    const allNames = sim.inventory.vmNames().filter(holds);
    assert.ok(tenantNames.length > 25 && allNames.length > tenantNames.length, `${tenantNames.length} of ${allNames.length} VMs match`);
    const first = quickPickRow(tenantNames[0], `${tenantSite} / ${sim.tenant.org} / `);
    await first.waitFor();
    // The site's name heads its matches (VS Code keeps the order and the headings of the server's answer).
    await first.locator('.quick-input-list-separator', { hasText: tenantSite }).waitFor();
    assert.match(await first.innerText(), /Powered on|Powered off|Suspended|Unresolved|Unknown state/, 'the power state in words');
    await ui.quickInput().locator('.quick-input-progress.active, .monaco-progress-container.active').first().waitFor({ state: 'hidden' });
    await session.screenshot('40-find-vm', { readme: true });
    // Further down: each site's count of the VMs not shown, and the site that was not searched.
    await scrollQuickPickTo(ui.quickInput().locator('.monaco-list-row', { hasText: `${(tenantNames.length - 25).toLocaleString('en')} more VMs on ${tenantSite}` }));
    await scrollQuickPickTo(ui.quickInput().locator('.monaco-list-row', { hasText: `${(allNames.length - 25).toLocaleString('en')} more VMs on ${systemSite}` }));
    await scrollQuickPickTo(ui.quickInput().locator('.monaco-list-row', { hasText: noTokenSite }).filter({ hasText: 'no API token' }));
    await session.screenshot('40-find-vm-more');
    // Back to the top of the list: the first row is still the active one, and moving away and back shows it.
    await ui.quickInputBox().press('ArrowDown');
    await ui.quickInputBox().press('ArrowUp');
    await first.waitFor();
  });

  it('clicks a match: the Sites view opens down to that VM and selects it', async () => {
    const name = sim.inventory.vmNames({ orgName: sim.tenant.org }).filter(holds)[0];
    const row = quickPickRow(name, `${tenantSite} / `);
    const detail = (await row.locator('.quick-input-list-label-meta, .monaco-icon-label-container').last().innerText().catch(() => '')) || (await row.innerText());
    const place = /\/ ([^/\n]+) \/ ([^/\n]+)\s*$/m.exec(detail);
    assert.ok(place, `the row names VDC and vApp: ${detail}`);
    const [vdcName, vappName] = [place[1].trim(), place[2].trim()];
    await row.click();
    await ui.quickInputClosed();

    const selected = ui.treeRows(VIEW).and(ui.page.locator('[aria-selected="true"]'));
    await selected.filter({ has: ui.page.locator('.label-name', { hasText: name }) }).waitFor();
    assert.equal(await selected.count(), 1, 'one row selected');
    assert.equal(await selected.getAttribute('aria-level'), '5', 'a VM row, below site, organization, VDC and vApp');
    // Above it, open: its vApp, VDC, organization and site. The view draws only the rows in sight; the open
    // ancestors scrolled out of it stay pinned at the top (sticky scroll), outermost first.
    const rows = await ui.treeTexts(VIEW);
    const at = rows.findIndex((r) => r.level === 5 && r.label === name);
    const above = rows.slice(0, at).reverse();
    const pinnedRows = await Promise.all(
      (await ui.viewPane(VIEW).locator('.monaco-tree-sticky-row .label-name').all()).map(async (l) => ({ y: (await l.boundingBox())?.y ?? 0, text: await l.innerText() })),
    );
    const pinned = pinnedRows.sort((a, b) => a.y - b.y).map((r) => r.text);
    assert.deepEqual(
      [1, 2, 3, 4].map((level) => above.find((r) => r.level === level)?.label ?? pinned[level - 1]?.trim()),
      [tenantSite, sim.tenant.org, vdcName, vappName],
      'its site, organization, VDC and vApp are open above it',
    );
    await ui.page.locator('.part.sidebar > .content > .monaco-progress-container.active').waitFor({ state: 'hidden' });
    await session.screenshot('41-find-vm-revealed');
    const errors = ui.page.locator('.notifications-toasts .notification-toast').filter({ has: ui.page.locator('.codicon-error') });
    assert.equal(await errors.count(), 0, 'no error notification');
  });

  it("opens a match's raw API response with the row's button instead", async () => {
    // (VM names here are role-NN: no character of a regular expression.)
    const name = sim.inventory.vmNames().filter(holds)[0];
    await ui.runCommand('VCD: Find VM…');
    await ui.waitForQuickInput('Find VM');
    await ui.quickInputBox().pressSequentially(TYPED, { delay: 60 });
    const row = quickPickRow(name, `${systemSite} / `);
    // The System site's matches come after the tenant site's.
    await scrollQuickPickTo(row);
    await row.hover();
    await row.locator('.action-label[aria-label^="Open API Response"]').click();
    await ui.quickInputClosed();
    await ui.activeTab().filter({ hasText: `${name}.xml` }).waitFor();
    const text = await ui.activeEditorText();
    assert.ok(text.includes(`GET ${sim.url}/api/vApp/vm-`), 'the request line of the VM');
    assert.match(text, /200 OK · API \d+\.\d+/, 'status and API version');
    assert.ok(new RegExp(`<Vm [^>]*name="${name}"`).test(text), 'the VM document');
    assert.ok(!text.includes(sim.provider.apiToken) && !text.includes(sim.tenant.apiToken), 'no token');
  });
});
