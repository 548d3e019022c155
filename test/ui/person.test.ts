// A person's first session with the packaged extension against the VCD simulator: the Cloud Director
// view, adding sites from the command palette (wrong token, wrong organization, the untrusted
// certificate), browsing down to VMs, raw API responses in editor tabs, the server going away and
// Retry, then rotating and revoking a token. The steps build on each other, so the story stops at the
// first broken step. Every step checks what the screen shows and saves a screenshot.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../simulator';
import { reportFailure, trustCertificateInDialog, typeAddSite as typeAddSiteIn, untrustedCertificateDialog } from '../support/uiSteps';
import { startUiSession, type UiSession } from './session';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';

describe('a person using Cloud Director Explorer', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let host: string;
  const hostname = (): string => new URL(sim.url).hostname;
  const tenantSiteName = (): string => `${sim.tenant.org} @ ${hostname()}`;
  const systemSiteName = (): string => `${hostname()} (System)`;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const powerStates = /^(Powered on|Powered off|Suspended|Powered off \(not deployed\)|Deployed|Mixed states|Partially powered off)( · Busy)?$/;

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 7 });
    host = new URL(sim.url).host;
    session = await startUiSession();
    ui = session.ui;
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    await reportFailure(this.currentTest, session, 'failed');
  });

  const typeAddSite = (url: string, org: string, token: string): Promise<void> => typeAddSiteIn(ui, url, org, token);

  it('opens the Cloud Director view and sees the welcome with Add Site', async () => {
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(460);
    const welcome = ui.welcome(VIEW);
    await welcome.waitFor({ state: 'visible' });
    await welcome.locator('.monaco-button', { hasText: 'Add Site' }).waitFor({ state: 'visible' });
    assert.match(await welcome.innerText(), /No Cloud Director site yet/);
    await session.screenshot('01-welcome');
  });

  it('adds a site from the palette: the untrusted certificate is shown and trusted, a wrong token is sent back', async () => {
    await typeAddSite(sim.url, sim.tenant.org, 'not-the-right-token');
    // The simulator's self-signed certificate: subject, issuer and the fingerprint, with a Trust button.
    const text = await untrustedCertificateDialog(ui, sim.certificate!.fingerprint256);
    assert.match(text, new RegExp(`certificate of ${host.replace(/\./g, '\\.')} is not trusted`));
    await session.screenshot('02-untrusted-certificate', { readme: true });
    await trustCertificateInDialog(ui);
    // The token check fails: the token step comes back with the reason, nothing was saved.
    await ui.waitForQuickInput(/Add Site.*3\/3/);
    await ui.quickInput().locator('.quick-input-message').filter({ hasText: /token/i }).waitFor();
    const { prompt } = await ui.quickInputTexts();
    assert.match(prompt, /organization "acme"|token/i);
    await session.screenshot('03-add-site-wrong-token');
    await ui.answer(sim.tenant.apiToken);
    await ui.quickInputClosed();
    await ui.notification(/Added site/).waitFor();
    const site = ui.treeRow(VIEW, tenantSiteName());
    await site.waitFor();
    assert.match(await site.locator('.label-description').innerText(), new RegExp(`${host.replace(/\./g, '\\.')} · ${sim.tenant.org}`));
    await session.screenshot('04-site-added');
  });

  it('adds the System site: a wrong organization is reported, Back fixes only that field', async () => {
    await typeAddSite(sim.url, 'nosuchorg', sim.provider.apiToken);
    await untrustedCertificateDialog(ui, sim.certificate!.fingerprint256);
    await trustCertificateInDialog(ui);
    await ui.waitForQuickInput(/Add Site.*3\/3/);
    const message = await ui.validationMessage(/nosuchorg/);
    assert.match(message, /check the organization "nosuchorg"/);
    await session.screenshot('05-add-site-wrong-org');
    await ui.back();
    await ui.waitForQuickInput(/Add Site.*2\/3/);
    assert.equal(await ui.quickInputBox().inputValue(), 'nosuchorg', 'the organization typed before is kept');
    // Only the wrong field is asked again: the token typed before is kept and the check runs at once.
    await ui.answer('System');
    await ui.quickInputClosed();
    await ui.notification(new RegExp(`Added site "${escape(systemSiteName())}"`)).waitFor();
    await ui.treeRow(VIEW, systemSiteName()).waitFor();
  });

  it('expands the tenant site down to VMs and reads their power states', async () => {
    await ui.dismissNotifications();
    const site = ui.treeRow(VIEW, tenantSiteName());
    await ui.expand(site);
    const org = ui.treeRowsAtLevel(VIEW, 2).filter({ hasText: sim.tenant.org }).first();
    await ui.expand(org);
    const vdc = ui.treeRowsAtLevel(VIEW, 3).first();
    await ui.expand(vdc);
    const vapp = ui.treeRowsAtLevel(VIEW, 4).first();
    await ui.expand(vapp);
    await ui.treeRowsAtLevel(VIEW, 5).first().waitFor();
    const vms = (await ui.treeTexts(VIEW)).filter((r) => r.level === 5);
    assert.ok(vms.length > 0, 'the vApp shows its VMs');
    const known = new Set(sim.inventory.vmNames({ orgName: sim.tenant.org }));
    for (const vm of vms) {
      assert.ok(known.has(vm.label), `${vm.label} is a VM of ${sim.tenant.org}`);
      assert.match(vm.description, powerStates, `${vm.label} shows its power state in words`);
    }
    await session.screenshot('06-tree-vms', { readme: true });
  });

  it('clicks a VM and sees its raw XML in an editor tab named after the VM', async () => {
    const vm = ui.treeRowsAtLevel(VIEW, 5).first();
    const name = (await vm.locator('.label-name').innerText()).trim();
    await vm.click();
    await ui.activeTab().filter({ hasText: `${name}.xml` }).waitFor();
    const text = await ui.activeEditorText();
    assert.match(text, new RegExp(`GET ${escape(sim.url)}/api/vApp/vm-`), 'the request line is shown');
    assert.match(text, /200 OK · API \d+\.\d+/, 'status and API version are shown');
    assert.match(text, new RegExp(`<Vm [^>]*name="${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`), 'the VM XML is there');
    assert.ok(!text.includes(sim.tenant.apiToken), 'no token in the document');
    await session.screenshot('07-vm-xml', { readme: true });
  });

  it('reloads the whole view with the Refresh button of the view title, although a VM is selected', async () => {
    // The VM opened in the last step is the tree's focused node: VS Code passes it to the title's Refresh.
    await ui.treeRowsAtLevel(VIEW, 5).and(ui.page.locator('[aria-selected="true"]')).waitFor();
    // A tenant site lists its organization from the session's org list (GET /api/org), the System site by query.
    const listings = (): number => (sim.counters.byRoute['GET /api/query'] ?? 0) + (sim.counters.byRoute['GET /api/org'] ?? 0);
    const before = listings();
    const serverDown = sim.inject({ kind: 'status', status: 503, path: /^\/api\/(query|org)\b/, times: Number.MAX_SAFE_INTEGER });
    const siteErrors = ui.treeRowsAtLevel(VIEW, 2).filter({ has: ui.page.locator('.codicon-error') });
    try {
      await ui.clickViewAction(VIEW, 'Refresh');
      // Both sites reloaded (not just the VM's vApp): each says why it could not list its organizations.
      await siteErrors.nth(1).waitFor();
      assert.equal(await siteErrors.count(), 2);
      assert.match(await siteErrors.first().locator('.label-name').innerText(), /^Could not load the organization: /);
      assert.match(await siteErrors.last().locator('.label-name').innerText(), /^Could not load organizations: /);
      await session.screenshot('08-refresh-view-server-error');
    } finally {
      serverDown();
    }
    await ui.clickViewAction(VIEW, 'Refresh');
    await siteErrors.first().waitFor({ state: 'detached' });
    const rows = await ui.treeTexts(VIEW);
    const under = (site: string): string | undefined => rows[rows.findIndex((r) => r.label === site) + 1]?.label;
    assert.equal(under(tenantSiteName()), sim.tenant.org, 'the tenant site lists its organization again');
    assert.ok(sim.inventory.orgNames().includes(under(systemSiteName()) ?? ''), 'the System site lists organizations again');
    assert.ok(listings() >= before + 4, 'each site listed its organizations twice');
  });

  it('opens an arbitrary API path from the palette', async () => {
    await ui.runCommand('VCD: Open API Path…');
    await ui.waitForQuickInput(/Open API Path/);
    await ui.pick(tenantSiteName());
    await ui.waitForQuickInput(/Open API Path — /);
    await ui.answer('/api/org');
    await ui.activeTab().filter({ hasText: 'org.xml' }).waitFor();
    const text = await ui.activeEditorText();
    assert.match(text, new RegExp(`GET ${escape(sim.url)}/api/org\\b`));
    assert.match(text, /<OrgList\b/);
    await session.screenshot('09-open-api-path');
  });

  it('shows an error node when the server goes away, and Retry brings the tree back', async () => {
    const stopAnswering = sim.inject({ kind: 'reset', times: Number.MAX_SAFE_INTEGER });
    try {
      // The site's own Refresh (inline on the row) reloads everything below it.
      await ui.clickRowAction(ui.treeRow(VIEW, tenantSiteName()), 'Refresh');
      const error = ui.treeRows(VIEW).filter({ has: ui.page.locator('.codicon-error') }).first();
      await error.waitFor();
      assert.equal((await error.locator('.label-description').innerText()).trim(), 'Retry');
      await session.screenshot('10-server-gone-error-node');
    } finally {
      stopAnswering();
    }
    const errorRow = ui.treeRows(VIEW).filter({ has: ui.page.locator('.codicon-error') }).first();
    await errorRow.click();
    await errorRow.waitFor({ state: 'detached' });
    const rows = await ui.treeTexts(VIEW);
    const site = rows.findIndex((r) => r.label === tenantSiteName());
    assert.deepEqual(rows[site + 1], { label: sim.tenant.org, description: 'ACME Corporation', level: 2 }, 'the organization is back under the site');
    await session.screenshot('11-after-retry');
  });

  it('rotates the tenant token with a password: new token stored, old one revoked', async () => {
    const tokenDeletes = (): number =>
      Object.entries(sim.counters.byRoute).filter(([route]) => route.startsWith('DELETE /cloudapi/1.0.0/tokens/')).reduce((n, [, count]) => n + count, 0);
    const before = tokenDeletes();
    await ui.runCommand('VCD: Rotate API Token…');
    await ui.waitForQuickInput(/Rotate API Token/);
    await ui.pick(tenantSiteName());
    await ui.waitForQuickInput(/Rotate API Token — /);
    await ui.pick(/Sign in with user name and password/);
    await ui.waitForQuickInput(/Rotate API Token — .*2\/2/);
    assert.equal(await ui.quickInputBox().getAttribute('type'), 'password', 'the password input is masked');
    await ui.answer(sim.tenant.password);
    // The outcome pops up as a toast (not only in the notification center), with Show Log.
    const done = ui.notification(new RegExp(`Rotated the API token of "${escape(tenantSiteName())}"`));
    await done.waitFor();
    assert.match(await done.innerText(), /the old token "demo-token" was revoked/);
    await done.locator('.monaco-button', { hasText: 'Show Log' }).waitFor();
    assert.equal(tokenDeletes(), before + 1, 'the old token was deleted on the server');
    // VS Code keeps a progress notification up for at least 800 ms: let the finished one go before the picture.
    await ui.page.locator('.notifications-toasts .notification-toast').filter({ hasText: /Rotate API Token — .*…/ }).first().waitFor({ state: 'detached' });
    await session.screenshot('12-token-rotated', { readme: true });
    await ui.dismissNotifications();
  });

  it('revokes the token the site uses: the site then shows it has no token', async () => {
    await ui.runCommand('VCD: Revoke API Token…');
    await ui.waitForQuickInput(/Revoke API Token/);
    await ui.pick(tenantSiteName());
    await ui.waitForQuickInput(/Revoke API Token — /);
    await ui.pick(/Sign in with user name and password/);
    await ui.waitForQuickInput(/Revoke API Token — .*2\/2/);
    await ui.answer(sim.tenant.password);
    await ui.waitForQuickInput(/Revoke API Token — /);
    const own = ui.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: `used by ${tenantSiteName()}` }).first();
    await own.waitFor();
    await session.screenshot('13-revoke-pick-token');
    await own.click();
    await ui.dialog().waitFor({ state: 'visible' });
    assert.match(await ui.dialog().innerText(), new RegExp(`This is the token "${escape(tenantSiteName())}" uses`));
    await ui.clickDialogButton(/^Revoke$/);
    // The outcome pops up as a toast with the action that fixes the site.
    const done = ui.notification(/has no token now/);
    await done.waitFor();
    await done.locator('.monaco-button', { hasText: 'Set API Token…' }).waitFor();
    const site = ui.treeRow(VIEW, tenantSiteName());
    await site.locator('.label-description').filter({ hasText: 'No API token' }).waitFor();
    // VS Code keeps a progress notification up for at least 800 ms: let the finished ones go first.
    const progress = ui.page.locator('.notifications-toasts .notification-toast').filter({ hasText: /Revoke API Token — .*…/ });
    await progress.first().waitFor({ state: 'detached' });
    await progress.last().waitFor({ state: 'detached' });
    await session.screenshot('14-token-revoked');
  });
});
