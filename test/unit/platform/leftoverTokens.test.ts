// A site that disappears from vcd.sites takes its API token with it, except while an entry cannot be read.
import * as assert from 'node:assert/strict';
import { deleteLeftoverTokens, type KnownSitesStore } from '../../../src/platform/leftoverTokens';

function harness(initial: string[], failing: string[] = []) {
  let known = [...initial];
  const deleted: string[] = [];
  const logs: string[] = [];
  const store: KnownSitesStore = { get: () => known, set: (ids) => { known = [...ids]; return Promise.resolve(); } };
  const options = {
    known: store,
    deleteToken: (id: string) => (failing.includes(id) ? Promise.reject(new Error('storage busy')) : (deleted.push(id), Promise.resolve())),
    log: { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) },
  };
  return { options, deleted, logs, known: () => known };
}
const sites = (...ids: string[]) => ids.map((id) => ({ id }));

describe('leftover API tokens', () => {
  it('deletes the token of a site that is gone, and remembers the current ones', async () => {
    const h = harness(['a@h', 'b@h']);
    assert.deepEqual(await deleteLeftoverTokens({ sites: sites('a@h', 'c@h'), unreadableSites: false }, h.options), ['b@h']);
    assert.deepEqual(h.deleted, ['b@h']);
    assert.deepEqual(h.known(), ['a@h', 'c@h']);
    assert.match(h.logs.join('\n'), /Deleted the stored API token of 1 site\(s\) no longer in vcd\.sites: b@h/);
  });

  it('deletes nothing while some entry cannot be read (it may be the site being edited), but learns new sites', async () => {
    const h = harness(['a@h', 'b@h']);
    assert.deepEqual(await deleteLeftoverTokens({ sites: sites('c@h'), unreadableSites: true }, h.options), []);
    assert.deepEqual(h.deleted, []);
    assert.deepEqual([...h.known()].sort(), ['a@h', 'b@h', 'c@h']);
    await deleteLeftoverTokens({ sites: sites('a@h', 'c@h'), unreadableSites: false }, h.options);
    assert.deepEqual(h.deleted, ['b@h'], 'once the settings read again');
  });

  it('keeps trying a deletion that failed', async () => {
    const h = harness(['a@h', 'b@h'], ['b@h']);
    assert.deepEqual(await deleteLeftoverTokens({ sites: sites('a@h'), unreadableSites: false }, h.options), []);
    assert.deepEqual(h.known(), ['a@h', 'b@h'], 'b@h is still known, so the next change tries again');
    assert.match(h.logs.join('\n'), /Could not delete the API token of the removed site b@h: storage busy/);
  });
});
