// A person's first session with the packaged extension: the Cloud Director view, adding a site from
// the command palette, browsing to VMs, raw API responses, and token maintenance. The steps build on
// each other, so the story stops at the first broken step.
import * as assert from 'node:assert/strict';
import { startUiSession, type UiSession } from './session';

describe('a person using Cloud Director Explorer', function () {
  this.bail(true);
  let session: UiSession;

  before(async () => {
    session = await startUiSession();
  });
  after(async () => {
    await session?.close();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      await session.screenshot(`failed-${(this.currentTest.title ?? 'step').replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  it('opens the Cloud Director view and sees the welcome with Add Site', async () => {
    const { ui } = session;
    await ui.openViewContainer('Cloud Director');
    const welcome = ui.welcome('Sites');
    await welcome.waitFor({ state: 'visible' });
    const addSite = welcome.locator('.monaco-button', { hasText: 'Add Site' });
    await addSite.waitFor({ state: 'visible' });
    assert.match(await welcome.innerText(), /site/i);
    await session.screenshot('01-welcome', { readme: true });
  });
});
