// Steps a person takes in the workbench that several UI tests (test/ui) share: Add Site… and Set API Token… from
// the command palette, trusting a certificate in its dialog, a site entry for the settings, and what a failed step
// leaves for whoever reads the log (a screenshot, the notifications, the extension's log).
import * as assert from 'node:assert/strict';
import type { Simulator } from '../simulator';
import type { UiSession } from '../ui/session';
import { defaultTimeout, type WorkbenchDriver } from '../ui/workbench';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A `vcd.sites` entry for a simulator's organization (tenant by default), its certificate pinned. */
export function siteEntry(sim: Simulator, name: string, org = sim.tenant.org): { name: string; url: string; org: string; trust: { pinnedFingerprint256: string } } {
  return { name, url: sim.url, org, trust: { pinnedFingerprint256: sim.certificate!.fingerprint256 } };
}

/** Fills the three steps of Add Site… from the palette, each checked to be the step it claims to be. */
export async function typeAddSite(ui: WorkbenchDriver, url: string, org: string, token: string): Promise<void> {
  await ui.runCommand('VCD: Add Site…');
  assert.match((await ui.waitForQuickInput(/Add Site/)).title, /1\/3/);
  await ui.answer(url);
  assert.match((await ui.waitForQuickInput(/Add Site.*2\/3/)).title, /2\/3/);
  await ui.answer(org);
  await ui.waitForQuickInput(/Add Site.*3\/3/);
  assert.equal(await ui.quickInputBox().getAttribute('type'), 'password', 'the token input is masked');
  await ui.answer(token);
}

/** Waits for the dialog about an untrusted certificate and checks that it shows this fingerprint; returns its text. */
export async function untrustedCertificateDialog(ui: WorkbenchDriver, fingerprint256: string): Promise<string> {
  const dialog = ui.dialog();
  await dialog.waitFor({ state: 'visible' });
  const text = await dialog.innerText();
  assert.ok(text.includes(fingerprint256), 'the dialog shows the SHA-256 fingerprint');
  return text;
}

/** Trusts the certificate the open dialog shows, and waits for the dialog to go. */
export async function trustCertificateInDialog(ui: WorkbenchDriver): Promise<void> {
  await ui.clickDialogButton('Trust This Certificate');
  await ui.dialog().waitFor({ state: 'hidden' });
}

/**
 * Waits until the workbench knows that a site exists: the Sites view's title offers Find VM…, which it shows only
 * then. From then on the palette shows the commands that need a site (`when: vcd.hasSites`).
 */
export async function siteCommandsShown(ui: WorkbenchDriver): Promise<void> {
  await ui.page.locator('.sidebar .action-label[aria-label^="Find VM"]').first().waitFor({ state: 'attached', timeout: defaultTimeout });
}

/**
 * Stores an API token through Set API Token… from the palette (once the palette shows it): `site` names the site to
 * pick when there are several. Waits for the confirmation (left on screen).
 */
export async function setApiToken(ui: WorkbenchDriver, token: string, site?: string): Promise<void> {
  await siteCommandsShown(ui);
  await ui.runCommand('VCD: Set API Token…');
  await ui.waitForQuickInput(/Set API Token/);
  if (site !== undefined) {
    await ui.pick(site);
    await ui.waitForQuickInput(new RegExp(`Set API Token — ${escape(site)}`));
  }
  await ui.answer(token);
  await ui.notification(/Stored the API token/).waitFor();
}

/**
 * For an afterEach hook: when the test failed, saves a screenshot named after it (`prefix-<title>`) and prints the
 * notifications and the extension's log.
 */
export async function reportFailure(test: Mocha.Test | undefined, session: UiSession | undefined, prefix: string): Promise<void> {
  if (test?.state !== 'failed' || !session) return;
  const file = await session.screenshot(`${prefix}-${(test.title ?? 'step').replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  if (file) console.log(`      screenshot of the failure: ${file}`);
  console.log(`      notifications: ${await session.ui.notificationCenterText().catch((err: unknown) => String(err))}`);
  console.log(`      the extension's log:\n${await session.ui.extensionLog().catch((err: unknown) => String(err))}`);
}
