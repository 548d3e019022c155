// A person with a request file (`lab.vcd-http`) in the workspace of the packaged extension: opens it, sees Send
// above each request, clicks Send on the GET and reads its answer in a tab beside the file (request line, status,
// request id), then sends a POST from the palette with the cursor on it: a modal names the method, path and site, and
// the power action's task is followed to its end. Own session and simulator.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { startUiSession, type UiSession } from './session';
import { startSimulator, type Simulator, type SimVmInfo } from '../simulator';
import { setApiToken } from '../support/uiSteps';
import type { WorkbenchDriver } from './workbench';

const SITE = 'Lab';
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a person sending requests from a request file', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let vm: SimVmInfo;
  let lines: string[];

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 9, tasks: { advance: 'polls', runningPolls: 1 } });
    vm = sim.inventory.setPowerState(sim.inventory.vms({ orgName: sim.tenant.org })[0].href, 'POWERED_OFF', { tools: true });
    session = await startUiSession({
      settings: { 'vcd.sites': [{ name: SITE, url: sim.url, org: sim.tenant.org, trust: { pinnedFingerprint256: sim.certificate!.fingerprint256 } }] },
    });
    ui = session.ui;
  });
  after(async () => {
    await session?.close();
    await sim?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const file = await session.screenshot(`requests-failed-${(this.currentTest.title ?? 'step').replace(/\W+/g, '-').slice(0, 50)}`).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
      console.log(`      notifications: ${await ui.notificationCenterText().catch((err: unknown) => String(err))}`);
    }
  });

  /** The text an editor group shows (visible lines, in order). */
  function groupText(group: Locator): Promise<string> {
    return group.locator('.monaco-editor .view-lines').first().evaluate((element) => {
      type Line = { textContent: string | null; style: { top: string } };
      const rows = Array.from((element as unknown as { querySelectorAll(s: string): ArrayLike<Line> }).querySelectorAll('.view-line'));
      return rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
    });
  }
  const group = (tab: RegExp): Locator => ui.page.locator('.editor-group-container').filter({ has: ui.page.locator('.tab', { hasText: tab }) }).first();

  it('stores the API token of the site', async () => {
    await ui.openViewContainer('Cloud Director');
    await setApiToken(ui, sim.tenant.apiToken);
    await ui.dismissNotifications();
  });

  it('opens lab.vcd-http from the workspace: a Send above each request', async () => {
    lines = [
      '# Requests against the lab, sent with the site’s sign-in',
      `# @site ${SITE}`,
      'GET /api/org',
      '',
      '###',
      '# The first five VMs, as JSON',
      'GET /api/query?type=vm&pageSize=5',
      'Accept: application/*+json',
      '',
      '###',
      `POST ${new URL(vm.href).pathname}/power/action/powerOn`,
    ];
    fs.writeFileSync(path.join(session.workspace, 'lab.vcd-http'), `${lines.join('\n')}\n`);
    await ui.page.locator('.monaco-workbench').focus();
    await ui.page.keyboard.press('Control+P');
    await ui.quickInputBox().fill('lab.vcd-http');
    await ui.quickInput().locator('.quick-input-list .monaco-list-row', { hasText: 'lab.vcd-http' }).first().click();
    await ui.activeTab().filter({ hasText: 'lab.vcd-http' }).waitFor();
    const lenses = ui.page.locator('.codelens-decoration a', { hasText: /^Send$/ });
    await lenses.nth(2).waitFor();
    assert.equal(await lenses.count(), 3, 'one Send per request');
    // The language of the file, in the status bar.
    await ui.page.locator('.statusbar-item', { hasText: /^VCD Request$/ }).first().waitFor();
  });

  it('clicks Send above the GET: the answer opens beside the file with its request line, status and request id', async () => {
    const before = sim.counters.byRoute['GET /api/org'] ?? 0;
    await ui.page.locator('.codelens-decoration a', { hasText: /^Send$/ }).first().click();
    const answer = group(/GET org\.xml/);
    await answer.waitFor();
    await answer.locator('.view-line', { hasText: /<OrgList\s/ }).first().waitFor();
    const text = await groupText(answer);
    assert.match(text, new RegExp(`GET ${escape(sim.url)}/api/org`));
    assert.match(text, /200 OK · API \d+\.\d+ · \d+ ms/);
    assert.match(text, /Request id: [0-9a-f-]+/);
    assert.ok(!text.includes(sim.tenant.apiToken));
    assert.equal(sim.counters.byRoute['GET /api/org'], before + 1, 'sent once, without a question');
    // The file keeps its own group, in front.
    assert.ok(await group(/lab\.vcd-http/).isVisible());
    await ui.page.keyboard.press('Control+B');
    await ui.page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    // The answer's tab in front: its actions (Refresh, Save as Request File…) and its status in the status bar.
    // (On the empty last line: a click on a word would highlight its other occurrences.)
    await answer.locator('.view-line').last().click({ position: { x: 2, y: 5 } });
    await answer.locator('.editor-actions .action-label[aria-label^="Save as Request File"]').waitFor();
    await ui.page.locator('.statusbar-item', { hasText: /200\s·\sAPI\s\d+\.\d+\s·\s\d+\sms/ }).first().waitFor();
    await session.screenshot('request-file', { readme: true });
  });

  it('sends the POST under the cursor from the palette: a modal names it and the site, then the task is followed to its end', async () => {
    await group(/lab\.vcd-http/).locator('.view-line').first().click();
    await ui.page.keyboard.press('Control+G');
    await ui.quickInputBox().fill(`:${lines.length}`);
    await ui.quickInputBox().press('Enter');
    await ui.runCommand('VCD: Send Request');
    const dialog = ui.dialog();
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`Send this POST request to ${SITE}\\?`));
    assert.match(text, new RegExp(`POST ${escape(new URL(vm.href).pathname)}/power/action/powerOn`));
    assert.match(text, new RegExp(`Site: ${SITE} \\(${escape(new URL(sim.url).host)}, organization ${escape(sim.tenant.org)}\\)`));
    await session.screenshot('request-file-confirm-post');
    await ui.clickDialogButton(/^Send$/);
    await ui.notification(/: Succeeded\./).waitFor();
    await group(/POST powerOn\.xml/).locator('.view-line', { hasText: /202\sAccepted/ }).first().waitFor();
    assert.equal(sim.inventory.vms().find((v) => v.href === vm.href)?.status, 'POWERED_ON');
    await session.screenshot('request-file-task-done');
  });
});
