// A person copies the API request of a VM from its context menu to run it in a terminal: Copy as curl puts the
// GET with the right Accept header and API version on the clipboard, with the access token only as $VCD_TOKEN,
// and the status bar says what was copied. The clipboard is read back in the browser. Own session and simulator.
import * as assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../simulator';
import { reportFailure, setApiToken, siteEntry } from '../support/uiSteps';
import { startUiSession, type UiSession } from './session';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';

/** The browser's clipboard API (the project compiles without the DOM lib). */
interface BrowserGlobals {
  navigator: { clipboard: { readText(): Promise<string> } };
}

describe('copying a VM as a curl command', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let siteName: string;
  let apiToken: string;

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 5 });
    siteName = `${sim.tenant.org} @ ${new URL(sim.url).hostname}`;
    session = await startUiSession({ settings: { 'vcd.sites': [siteEntry(sim, siteName)] } });
    ui = session.ui;
    // The page reads the clipboard the way a person's paste would; Chromium asks for this permission first.
    const origin = new URL(ui.page.url()).origin;
    await session.workbench.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    await reportFailure(this.currentTest, session, 'copy-failed');
  });

  it('stores an API token and opens the site down to the VMs of a vApp', async () => {
    await ui.openViewContainer('Cloud Director');
    await ui.resizeSideBar(460);
    apiToken = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'copy-test');
    await setApiToken(ui, apiToken);
    await ui.dismissNotifications();
    await ui.expand(ui.treeRow(VIEW, siteName));
    await ui.expand(ui.treeRowsAtLevel(VIEW, 2).first());
    await ui.expand(ui.treeRowsAtLevel(VIEW, 3).first());
    // A vApp that is powered on has VMs.
    await ui.expand(ui.treeRowsAtLevel(VIEW, 4).filter({ has: ui.page.locator('.label-description', { hasText: /^Powered on$/ }) }).first());
    await ui.treeRowsAtLevel(VIEW, 5).first().waitFor();
    assert.notEqual((await ui.treeRowsAtLevel(VIEW, 5).first().locator('.label-name').innerText()).trim(), 'No VMs');
  });

  it('right-clicks a VM: the context menu offers the copy commands, Copy as curl among them', async () => {
    const vm = ui.treeRowsAtLevel(VIEW, 5).first();
    await vm.click({ button: 'right' });
    const menu = ui.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const items = (await menu.locator('.action-item .action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    for (const title of ['Open API Response', 'Open in VCD Portal', 'Copy Name', 'Copy ID', 'Copy API URL', 'Copy as curl', 'Copy as PowerShell', 'Copy as Terraform import']) {
      assert.ok(items.includes(title), `"${title}" in the menu: ${items.join(', ')}`);
    }
    const copyItems = items.filter((t) => t.startsWith('Copy'));
    assert.deepEqual(copyItems, ['Copy Name', 'Copy ID', 'Copy API URL', 'Copy as curl', 'Copy as PowerShell', 'Copy as Terraform import'], 'together, in this order');
    await menu.locator('.action-item', { hasText: 'Copy as curl' }).hover();
    await session.screenshot('copy-as-curl-menu', { readme: true, keepPointer: true });
  });

  it('chooses Copy as curl: the status bar confirms, and the clipboard holds the GET without the token', async () => {
    const vmName = (await ui.treeRowsAtLevel(VIEW, 5).first().locator('.label-name').innerText()).trim();
    await ui.page.locator('.context-view .monaco-menu .action-item', { hasText: 'Copy as curl' }).click();
    const status = ui.page.locator('.statusbar').filter({ hasText: `Copied curl for VM “${vmName}” (API 39.1, token from $VCD_TOKEN)` });
    await status.waitFor({ state: 'visible' });
    await session.screenshot('copy-as-curl-copied');

    const clipboard = await ui.page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
    const [comment, get] = clipboard.split('\n');
    assert.match(comment, new RegExp(`^# Access token for \\$VCD_TOKEN, .*POST '${sim.url.replace(/\./g, '\\.')}/oauth/tenant/${sim.tenant.org}/token'`));
    assert.match(get, new RegExp(`^curl -sS '${sim.url.replace(/\./g, '\\.')}/api/vApp/vm-[0-9a-f-]{36}' -H 'Accept: application/\\*\\+xml;version=39\\.1' -H "Authorization: Bearer \\$VCD_TOKEN"$`));
    for (const secret of [apiToken, sim.tenant.apiToken, sim.tenant.password]) assert.ok(!clipboard.includes(secret), 'no token or password on the clipboard');
    assert.doesNotMatch(clipboard, /eyJ[\w-]{10,}\.[\w-]{10,}/, 'no access token (a JWT) on the clipboard');
  });
});
