// A person's first session with the packaged extension against the VCD simulator: the Cloud Director
// view, adding sites from the command palette (wrong token, wrong organization, the untrusted
// certificate), browsing down to VMs, raw API responses in editor tabs, the server going away and
// Retry, then rotating and revoking a token. The steps build on each other, so the story stops at the
// first broken step. Every step checks what the screen shows and saves a screenshot.
import * as assert from 'node:assert/strict';
import { startUiSession, type UiSession } from './session';
import { startSimulator, type Simulator } from './simulator';
import type { WorkbenchDriver } from './workbench';

const VIEW = 'Sites';

describe('a person using Cloud Director Explorer', function () {
  this.bail(true);
  let session: UiSession;
  let sim: Simulator;
  let ui: WorkbenchDriver;
  let host: string;
  const tenantSiteName = (): string => `${sim.tenant.org} @ 127.0.0.1`;

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
    if (this.currentTest?.state === 'failed' && session) {
      const name = `failed-${(this.currentTest.title ?? 'step').replace(/\W+/g, '-').slice(0, 60)}`;
      const file = await session.screenshot(name).catch(() => undefined);
      if (file) console.log(`      screenshot of the failure: ${file}`);
    }
  });

  /** Fills the three steps of Add Site… (each one is checked to be the step it claims to be). */
  async function typeAddSite(url: string, org: string, token: string): Promise<void> {
    await ui.runCommand('VCD: Add Site…');
    assert.match((await ui.waitForQuickInput(/Add Site/)).title, /1\/3/);
    await ui.answer(url);
    assert.match((await ui.waitForQuickInput(/Add Site.*2\/3/)).title, /2\/3/);
    await ui.answer(org);
    await ui.waitForQuickInput(/Add Site.*3\/3/);
    assert.equal(await ui.quickInputBox().getAttribute('type'), 'password', 'the token input is masked');
    await ui.answer(token);
  }

  it('opens the Cloud Director view and sees the welcome with Add Site', async () => {
    await ui.openViewContainer('Cloud Director');
    const welcome = ui.welcome(VIEW);
    await welcome.waitFor({ state: 'visible' });
    await welcome.locator('.monaco-button', { hasText: 'Add Site' }).waitFor({ state: 'visible' });
    assert.match(await welcome.innerText(), /No Cloud Director site yet/);
    await session.screenshot('01-welcome', { readme: true });
  });

  it('adds a site from the palette: the untrusted certificate is shown and trusted, a wrong token is sent back', async () => {
    await typeAddSite(sim.url, sim.tenant.org, 'not-the-right-token');
    // The simulator's self-signed certificate: subject, issuer and the fingerprint, with a Trust button.
    const dialog = ui.dialog();
    await dialog.waitFor({ state: 'visible' });
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`certificate of ${host.replace(/\./g, '\\.')} is not trusted`));
    assert.ok(text.includes(sim.certificate!.fingerprint256), 'the dialog shows the SHA-256 fingerprint');
    await session.screenshot('02-untrusted-certificate', { readme: true });
    await ui.clickDialogButton('Trust This Certificate');
    await dialog.waitFor({ state: 'hidden' });
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
});
