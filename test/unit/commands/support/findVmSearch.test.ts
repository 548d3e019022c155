// What Find VM… shows while the person types, with scripted sites and a hand-driven timer: one search per pause
// in typing, every keystroke cancels the searches in flight, each site's VMs under its name as soon as it answers,
// "N more" when the server has more, and the sites without a working token listed as not searched.
import * as assert from 'node:assert/strict';
import { FindVmSearch, OPEN_RESPONSE_BUTTON, type FindVmChoice } from '../../../../src/commands/support/findVmSearch';
import type { Site } from '../../../../src/platform/settings';
import type { SearchPickEntry } from '../../../../src/platform/userInput';
import { VcdError, type VmRecord, type VmSearchResult } from '../../../../src/vcd';

function site(name: string, isSystem = false): Site {
  return { id: `${name}@vcd.example.com`, name, url: 'https://vcd.example.com', baseUrl: 'https://vcd.example.com', org: isSystem ? 'System' : name, isSystem };
}

function vm(name: string, extra: Partial<VmRecord> = {}): VmRecord {
  return {
    kind: 'vm', href: `https://vcd.example.com/api/vApp/vm-${name}`, name, status: 'POWERED_ON', isVAppTemplate: false,
    vdcName: 'Production', containerName: 'web-app', vdc: 'https://vcd.example.com/api/vdc/1', container: 'https://vcd.example.com/api/vApp/vapp-1', ...extra,
  };
}

interface Call {
  site: string;
  text: string;
  signal: AbortSignal;
  answer(result: Partial<VmSearchResult> & { records: VmRecord[] }): void;
  fail(err: unknown): void;
}

/** A search whose answers the test gives by hand, and a timer the test fires by hand. */
function harness(sites: { site: Site; skipped?: string }[], orgNames?: Map<string, string>) {
  const calls: Call[] = [];
  const timers: { run: () => void; ms: number; cleared: boolean }[] = [];
  const search = new FindVmSearch({
    sites,
    search: (s, text, signal) =>
      new Promise<VmSearchResult>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new VcdError('cancelled', 'The request was cancelled.')), { once: true });
        calls.push({
          site: s.name, text, signal,
          answer: (r) => resolve({ text, total: r.records.length, byIpAddress: false, requests: 1, ...r }),
          fail: reject,
        });
      }),
    orgNames: orgNames ? () => Promise.resolve(orgNames) : undefined,
    setTimer: (run, ms) => {
      const timer = { run, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
  });
  const fire = (): void => {
    const pending = timers.filter((t) => !t.cleared);
    assert.equal(pending.length, 1, 'one debounce timer pending');
    pending[0].cleared = true;
    pending[0].run();
  };
  return { search, calls, timers, fire };
}

const rows = (entries: readonly SearchPickEntry<FindVmChoice>[]): string[] =>
  entries.map((e) => (e.kind === 'separator' ? `— ${e.label}` : `${e.label}${e.description ? ` | ${e.description}` : ''}${e.detail ? ` | ${e.detail}` : ''}`));
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Find VM: searching while the person types', () => {
  it('waits 200 ms after the last keystroke and asks each site once, for the last text', () => {
    const h = harness([{ site: site('acme') }, { site: site('globex') }]);
    h.search.setText('w');
    h.search.setText('we');
    h.search.setText('web');
    assert.equal(h.search.busy, true, 'busy while a search is coming');
    assert.equal(h.calls.length, 0, 'nothing asked while typing');
    assert.deepEqual(h.timers.map((t) => [t.ms, t.cleared]), [[200, true], [200, true], [200, false]], 'each keystroke restarts the 200 ms wait');
    h.fire();
    assert.deepEqual(h.calls.map((c) => `${c.site}: ${c.text}`), ['acme: web', 'globex: web']);
  });

  it('cancels the searches in flight at the next keystroke, and never shows their answers', async () => {
    const h = harness([{ site: site('acme') }]);
    h.search.setText('db');
    h.fire();
    const stale = h.calls[0];
    h.search.setText('web');
    assert.equal(stale.signal.aborted, true, 'the request for "db" is cancelled at once');
    stale.answer({ records: [vm('db-01')] });
    await settle();
    assert.ok(!rows(h.search.entries).some((r) => r.startsWith('db-01')), 'the stale answer is not shown');
    h.fire();
    h.calls[1].answer({ records: [vm('web-01')] });
    await settle();
    assert.deepEqual(rows(h.search.entries), ['— acme', 'web-01 | Powered on | acme / acme / Production / web-app']);
    assert.equal(h.search.busy, false);
  });

  it("shows each site's VMs under its name as soon as it answers, in the order of the settings", async () => {
    const h = harness([{ site: site('acme') }, { site: site('globex') }]);
    h.search.setText('web');
    h.fire();
    assert.deepEqual(rows(h.search.entries), ['— acme', 'Searching…', '— globex', 'Searching…']);
    h.calls[1].answer({ records: [vm('web-7', { status: 'POWERED_OFF', ipAddress: '10.0.0.7' })] });
    await settle();
    assert.deepEqual(rows(h.search.entries), ['— acme', 'Searching…', '— globex', 'web-7 | Powered off · 10.0.0.7 | globex / globex / Production / web-app']);
    assert.equal(h.search.busy, true, 'acme has not answered');
    h.calls[0].answer({ records: [] });
    await settle();
    assert.deepEqual(rows(h.search.entries).slice(0, 2), ['— acme', 'No VM matches “web”']);
    assert.equal(h.search.busy, false);
  });

  it('says how many more VMs match than are shown, per site', async () => {
    const h = harness([{ site: site('acme') }]);
    h.search.setText('web');
    h.fire();
    h.calls[0].answer({ records: [vm('web-01'), vm('web-02')], total: 1234 });
    await settle();
    assert.deepEqual(rows(h.search.entries).slice(-1), ['1,232 more VMs on acme | 2 of 1,234 shown: type more of the name or address to narrow the search']);
    const more = h.search.entries.at(-1);
    assert.ok(more?.kind === 'item' && more.value === undefined, 'an informing row: choosing it does nothing');
  });

  it('offers a row button that opens the API response, and answers the VM with its site and organization', async () => {
    const system = site('provider', true);
    const h = harness([{ site: system }], new Map([['https://vcd.example.com/api/org/7', 'initech']]));
    await settle();
    h.search.setText('db');
    h.fire();
    h.calls[0].answer({ records: [vm('db-01', { org: 'https://vcd.example.com/api/org/7' })] });
    await settle();
    const row = h.search.entries.find((e) => e.kind === 'item' && e.value !== undefined);
    assert.ok(row?.kind === 'item');
    assert.deepEqual(row.buttons, [OPEN_RESPONSE_BUTTON]);
    assert.equal(row.detail, 'provider / initech / Production / web-app', 'a System site names the org from its list');
    assert.deepEqual(row.value, { kind: 'vm', site: system, vm: vm('db-01', { org: 'https://vcd.example.com/api/org/7' }), orgName: 'initech' });
  });

  it('does not search sites without a working API token, and says so with a row that sets one', () => {
    const ok = site('acme');
    const missing = site('globex');
    const rejected = site('initech');
    const h = harness([{ site: ok }, { site: missing, skipped: 'no API token' }, { site: rejected, skipped: 'API token rejected' }]);
    assert.deepEqual(rows(h.search.entries), [
      '— Not searched',
      'globex | no API token — choose to set an API token',
      'initech | API token rejected — choose to set an API token',
    ], 'said before anything is typed');
    h.search.setText('web');
    h.fire();
    assert.deepEqual(h.calls.map((c) => c.site), ['acme'], 'only the site with a token is asked');
    const setToken = h.search.entries.filter((e) => e.kind === 'item' && e.value?.kind === 'setToken');
    assert.deepEqual(setToken.map((e) => e.kind === 'item' && e.value?.kind === 'setToken' && e.value.site.name), ['globex', 'initech']);
  });

  it('moves a site whose token the server rejects to "Not searched", and shows other failures under the site', async () => {
    const h = harness([{ site: site('acme') }, { site: site('globex') }]);
    h.search.setText('web');
    h.fire();
    h.calls[0].fail(new VcdError('tokenRejected', 'The API token of acme was rejected.'));
    h.calls[1].fail(new VcdError('unreachable', 'globex cannot be reached.'));
    await settle();
    assert.deepEqual(rows(h.search.entries), [
      '— globex',
      'globex cannot be reached. | Show Log has the details',
      '— Not searched',
      'acme | The API token of acme was rejected. — choose to set an API token',
    ]);
  });

  it('searches nothing for an empty or unchanged text, and refuses a text longer than a VM name', () => {
    const h = harness([{ site: site('acme') }]);
    h.search.setText('   ');
    assert.deepEqual([h.timers.length, h.search.busy, h.search.entries.length], [0, false, 0]);
    h.search.setText('web');
    h.search.setText(' web ');
    assert.equal(h.timers.length, 1, 'spaces around the text change nothing');
    h.search.setText('x'.repeat(129));
    assert.equal(h.timers.filter((t) => !t.cleared).length, 0, 'no search for a text longer than 128 characters');
    assert.deepEqual(rows(h.search.entries), ['Type at most 128 characters: VM names are not longer.']);
  });

  it('cancels everything when the pick closes', () => {
    const h = harness([{ site: site('acme') }]);
    h.search.setText('db');
    h.fire();
    h.search.dispose();
    assert.equal(h.calls[0].signal.aborted, true);
    h.search.setText('web');
    assert.equal(h.timers.length, 1, 'no search after it closed');
  });
});
