// Find VM… inside a real extension host, on a simulator of its own with 6,000 VMs: typing searches every site with a
// working token (one request per site for the last text, the requests of stale texts given up), each result says
// its state and site / org / VDC / vApp, choosing one selects it in the real Sites view, the row's button (or the
// command's `open: "response"`) opens its raw response, and a VM the view does not list says so and offers that.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FindVmChoice } from '../../../src/commands/support/findVmSearch';
import { Commands } from '../../../src/ids';
import type { SearchPickEntry } from '../../../src/platform/userInput';
import type { TreeNode } from '../../../src/tree/node';
import type { VmRecord } from '../../../src/vcd';
import { startSimulator, type Simulator } from '../../simulator';
import { accessToken, call, JSON_38 } from '../../simulator/testClient';
import { useSites } from '../../support/extensionSites';
import { until } from '../../support/until';
import { fixture, label, setSetting, withScript } from './fixture';
import type { ScriptedSearch } from './scriptedInput';

type Entry = SearchPickEntry<FindVmChoice>;
type Row = Extract<Entry, { kind: 'item' }>;

const TENANT = 'find-tenant';
const PROVIDER = 'find-provider';
const NO_TOKEN = 'find-no-token';

/** The rows under a site's heading (up to the next heading). */
function rowsOf(entries: readonly Entry[], siteName: string): Row[] {
  const start = entries.findIndex((e) => e.kind === 'separator' && e.label === siteName);
  if (start < 0) return [];
  const rows: Row[] = [];
  for (const e of entries.slice(start + 1)) {
    if (e.kind === 'separator') break;
    rows.push(e);
  }
  return rows;
}

const vmRows = (rows: Row[]): (Row & { value: Extract<FindVmChoice, { kind: 'vm' }> })[] =>
  rows.filter((r): r is Row & { value: Extract<FindVmChoice, { kind: 'vm' }> } => r.value?.kind === 'vm');

/** A RegExp source that matches `text` literally. */
const literal = (text: string): string => `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;

const holds = (text: string) => (name: string): boolean => name.toLowerCase().includes(text.toLowerCase());

describe('Find VM… across sites', function () {
  this.timeout(120_000);
  let sim: Simulator;
  const ids = { tenant: '', provider: '', noToken: '' };
  /** VDCs whose vApps the view has listed (VS Code keeps them): a later test needs one it has not. */
  const listedVdcs = new Set<string>();
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ totalVms: 6_000, seed: 8 });
    const otherOrg = sim.inventory.orgNames().find((o) => o !== 'System' && o !== sim.tenant.org)!;
    ids.tenant = await sites.add(sim, { name: TENANT, user: 'tenant', trust: 'fingerprint' });
    ids.provider = await sites.add(sim, { name: PROVIDER, user: 'provider', trust: 'fingerprint' });
    ids.noToken = await sites.add(sim, { name: NO_TOKEN, org: otherOrg, trust: 'fingerprint' });
  });
  after(async () => {
    await sim?.close();
  });
  afterEach(() => {
    sim.setLatency(0);
    sim.clearFaults();
  });

  /** The search requests of the log for a text (percent-encoded as the filter carries it), per query type. */
  async function searchRequests(text: string): Promise<{ vm: number; adminVM: number }> {
    const { api } = await fixture();
    const encoded = encodeURIComponent(`*${text}*`).replace(/\*/g, '%2A');
    const lines = api.logLines().filter((l) => l.includes('GET /api/query?') && l.includes(encoded));
    return { vm: lines.filter((l) => l.includes('type=vm&')).length, adminVM: lines.filter((l) => l.includes('type=adminVM&')).length };
  }

  /** Runs Find VM… with a scripted pick; returns what the command returned. */
  async function findVm<T>(drive: (pick: ScriptedSearch<FindVmChoice>) => Promise<{ value: FindVmChoice; button?: string } | undefined>, more: Parameters<typeof withScript>[0] = [], arg?: unknown): Promise<T> {
    const { result } = await withScript(
      [{ kind: 'search', id: 'findVm', drive: (pick) => drive(pick as ScriptedSearch<FindVmChoice>) }, ...more],
      () => vscode.commands.executeCommand<T>(Commands.findVm, arg),
    );
    return result;
  }

  /** Waits until the Sites view's selection is the node with this id (VS Code tells the extension host after reveal). */
  async function selected(id: string): Promise<TreeNode> {
    const { api } = await fixture();
    const now = api.treeView.selection.find((n) => n.id === id);
    if (now) return now;
    return new Promise<TreeNode>((resolve) => {
      const sub = api.treeView.onDidChangeSelection((e) => {
        const node = e.selection.find((n) => n.id === id);
        if (node) {
          sub.dispose();
          resolve(node);
        }
      });
    });
  }

  it('searches every site with a token as the person types: one request per site for the last text, each VM with its state and place', async () => {
    const text = 'DB-0';
    const before = await searchRequests('d');
    let shown: readonly Entry[] = [];
    await findVm(async (pick) => {
      const notSearched = rowsOf(pick.entries, 'Not searched');
      assert.ok(notSearched.some((r) => r.label === NO_TOKEN && /no API token/.test(r.description ?? '')), 'the site without a token is named as not searched, before typing');
      pick.type('d');
      pick.type('db');
      pick.type(text);
      shown = await pick.settled();
      return undefined;
    });
    // Debounced: the sites were asked for the last text only, once each.
    assert.deepEqual(await searchRequests(text), { vm: 1, adminVM: 1 });
    assert.deepEqual(await searchRequests('d'), before, 'nothing asked for "d"');

    const tenantNames = sim.inventory.vmNames({ orgName: sim.tenant.org }).filter(holds(text));
    const tenantRows = rowsOf(shown, TENANT);
    assert.deepEqual(vmRows(tenantRows).map((r) => r.label), tenantNames.slice(0, 25), 'the first 25 of the organization, by name');
    assert.ok(tenantNames.length > 25);
    assert.equal(tenantRows.at(-1)?.label, `${(tenantNames.length - 25).toLocaleString('en')} more VMs on ${TENANT}`, 'says how many more match');

    const allNames = sim.inventory.vmNames().filter(holds(text));
    const providerRows = vmRows(rowsOf(shown, PROVIDER));
    assert.deepEqual(providerRows.map((r) => r.label), allNames.slice(0, 25), 'the System site searches every organization');
    assert.equal(rowsOf(shown, PROVIDER).at(-1)?.label, `${(allNames.length - 25).toLocaleString('en')} more VMs on ${PROVIDER}`);

    for (const row of [...vmRows(tenantRows), ...providerRows]) {
      const vm = row.value.vm;
      assert.match(row.description ?? '', /^(Powered on|Powered off|Suspended|Unresolved|Unknown state)( · 10\.\d+\.\d+\.\d+)?$/, `${row.label}: its state in words`);
      const org = row.value.site.isSystem ? row.value.orgName : sim.tenant.org;
      assert.ok(org, `${row.label}: its organization is known`);
      assert.equal(row.detail, `${row.value.site.name} / ${org} / ${vm.vdcName} / ${vm.containerName}`, `${row.label}: site / org / VDC / vApp`);
    }
    const orgs = new Set(sim.inventory.orgNames());
    assert.ok(providerRows.every((r) => orgs.has(r.value.orgName ?? '')), 'the System site names the organization of each VM');
    assert.deepEqual(rowsOf(shown, NO_TOKEN), [], 'the site without a token is not searched');
  });

  it('finds a VM by its IP address', async () => {
    const admin = { Authorization: `Bearer ${await accessToken(sim, 'provider')}`, Accept: JSON_38 };
    const filter = encodeURIComponent('isVAppTemplate==false;ipAddress==10.*');
    const page = JSON.parse((await call(sim, 'GET', `/api/query?type=adminVM&format=records&pageSize=5&filter=${filter}`, admin)).body) as { record: VmRecord[] };
    const target = page.record[3];
    assert.ok(target.ipAddress);
    await findVm(async (pick) => {
      pick.type(target.ipAddress!);
      const rows = vmRows(rowsOf(await pick.settled(), PROVIDER));
      assert.ok(rows.some((r) => r.value.vm.href === target.href), `${target.name} is found by ${target.ipAddress}`);
      // An address is also the start of longer ones (10.1.0.5 of 10.1.0.50): every VM found has one of them.
      assert.ok(rows.every((r) => r.value.vm.ipAddress?.startsWith(target.ipAddress!)), rows.map((r) => r.value.vm.ipAddress).join(', '));
      return undefined;
    });
  });

  it('gives up the requests of a text the person typed on from (keystroke during a slow answer), and shows only the last text\'s VMs', async () => {
    const { api } = await fixture();
    await findVm(async (pick) => {
      // Both sites once at full speed (versions, tokens and the System site's organization names are read once),
      // so that from here on every request is a search.
      pick.type('no-such-vm');
      await pick.settled();
      sim.setLatency(1_500);
      sim.resetCounters();
      pick.type('worker');
      await until(() => (sim.counters.byRoute['GET /api/query'] ?? 0) >= 2, 'both sites were asked for "worker"');
      pick.type('proxy');
      await until(() => sim.counters.abandonedByClient >= 2, 'both requests for "worker" were given up');
      const shown = await pick.settled();
      assert.equal(sim.counters.byRoute['GET /api/query'], 4, 'two requests per text, none repeated');
      for (const snapshot of pick.history) {
        for (const site of [TENANT, PROVIDER]) {
          const labels = vmRows(rowsOf(snapshot.entries, site)).map((r) => r.label);
          assert.ok(!labels.some(holds('worker')), `no VM of the stale text was ever shown (typed: ${snapshot.text})`);
        }
      }
      assert.ok(vmRows(rowsOf(shown, TENANT)).length > 0 && vmRows(rowsOf(shown, TENANT)).every((r) => holds('proxy')(r.label)));
      assert.ok(vmRows(rowsOf(shown, PROVIDER)).every((r) => holds('proxy')(r.label)));
      return undefined;
    });
    assert.ok(!api.logLines().some((l) => /Find VM on find-(tenant|provider)/.test(l)), 'a given-up search is no failure');
  });

  for (const which of [TENANT, PROVIDER]) {
    it(`reveals the chosen VM of the ${which === TENANT ? 'tenant' : 'System'} site in the Sites view: selected, its site, organization, VDC and vApp expanded`, async () => {
      const { api } = await fixture();
      let chosen: Extract<FindVmChoice, { kind: 'vm' }> | undefined;
      const revealed = await findVm<string>(async (pick) => {
        pick.type('node-0');
        const rows = vmRows(rowsOf(await pick.settled(), which));
        // The last row: a VM of another vApp than the first, deeper in the lists.
        const row = rows.at(-1);
        assert.ok(row);
        chosen = row.value;
        return { value: row.value };
      });
      assert.ok(chosen);
      const vm = chosen.vm;
      listedVdcs.add(vm.vdc ?? '');
      const siteId = which === TENANT ? ids.tenant : ids.provider;
      assert.equal(revealed, `${siteId}|${vm.href}`, 'the command names the node it revealed');
      const node = await selected(revealed);
      assert.equal(api.treeView.selection.length, 1, 'only the VM is selected');
      assert.equal(label(node), vm.name);
      assert.match(node.getTreeItem().contextValue ?? '', /^vcd\.vm\b/, 'the VM node of the tree itself');
      const ancestors: string[] = [];
      for (let n = node.parent; n; n = n.parent) ancestors.push(label(n));
      assert.deepEqual(ancestors, [vm.containerName, vm.vdcName, chosen.orgName ?? sim.tenant.org, which], 'vApp, VDC, organization, site');
      assert.equal(api.treeView.visible, true, 'the Sites view is shown');
    });
  }

  it('opens the raw response of a VM from the row button instead of revealing it', async () => {
    const { api } = await fixture();
    const selectionBefore = api.treeView.selection.map((n) => n.id);
    let vm: VmRecord | undefined;
    const doc = await findVm<vscode.TextDocument>(async (pick) => {
      pick.type('app-0');
      const row = vmRows(rowsOf(await pick.settled(), TENANT))[0];
      vm = row.value.vm;
      return { value: row.value, button: 'openResponse' };
    });
    assert.ok(vm);
    assert.equal(doc.uri.scheme, 'vcd-api');
    assert.match(doc.getText(), /200 OK/);
    assert.ok(doc.getText().includes(`name="${vm.name}"`), 'the VM document');
    assert.ok(doc.getText().includes(new URL(vm.href).pathname));
    assert.ok(!doc.getText().includes(sim.tenant.apiToken));
    assert.deepEqual(api.treeView.selection.map((n) => n.id), selectionBefore, 'nothing revealed');
  });

  it('opens the raw response on choosing a VM when the command is given { query, open: "response" } (a keybinding)', async () => {
    const doc = await findVm<vscode.TextDocument>(
      async (pick) => {
        // The text came with the command: the search runs without typing.
        const row = vmRows(rowsOf(await pick.settled(), PROVIDER))[0];
        assert.ok(holds('jump-0')(row.label));
        return { value: row.value };
      },
      [],
      { query: 'jump-0', open: 'response' },
    );
    assert.equal(doc.uri.scheme, 'vcd-api');
    assert.match(doc.getText(), /200 OK/);
  });

  it('runs Set API Token… for a site that was not searched when its row is chosen', async () => {
    await findVm(
      async (pick) => {
        const row = rowsOf(await pick.settled(), 'Not searched').find((r) => r.label === NO_TOKEN);
        assert.ok(row?.value);
        return { value: row.value };
      },
      [{ kind: 'input', id: 'setToken.token', answer: undefined, check: (r) => assert.match(r.title, new RegExp(NO_TOKEN)) }],
    );
  });

  it('says a VM beyond vcd.maxChildren in its VDC cannot be revealed, and opens its raw response from that message', async () => {
    const { api } = await fixture();
    await setSetting('maxChildren', 100, 100);
    try {
      // A VM with an address, in a vApp after the 100th of its VDC (the VDC lists 100 vApps, then Load more…).
      const admin = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: JSON_38 };
      const vdcs = JSON.parse((await call(sim, 'GET', '/api/query?type=orgVdc&format=records&pageSize=128&sortAsc=name', admin)).body) as { record: { href: string; name: string }[] };
      let target: VmRecord | undefined;
      for (const vdc of vdcs.record) {
        if (listedVdcs.has(vdc.href)) continue;
        const vapps = sim.inventory.vappNames({ orgName: sim.tenant.org, vdcName: vdc.name });
        if (vapps.length <= 110) continue;
        const filter = encodeURIComponent(`isVAppTemplate==false;containerName==${vapps[110].replace(/[\\(),;*]/g, (c) => `\\${c}`)}`);
        const vms = JSON.parse((await call(sim, 'GET', `/api/query?type=vm&format=records&pageSize=128&filter=${filter}`, admin)).body) as { record: VmRecord[] };
        target = vms.record.find((v) => v.ipAddress !== undefined);
        if (target) break;
      }
      assert.ok(target?.ipAddress, 'a VM with an address in a vApp after the 100th of its VDC');
      const opened = new Promise<vscode.TextDocument>((resolve) => {
        const sub = vscode.workspace.onDidOpenTextDocument((doc) => {
          if (doc.uri.scheme === 'vcd-api' && doc.getText().includes(`name="${target.name}"`)) {
            sub.dispose();
            resolve(doc);
          }
        });
      });
      const revealed = await findVm<string | undefined>(
        async (pick) => {
          pick.type(target.ipAddress!);
          const row = vmRows(rowsOf(await pick.settled(), TENANT)).find((r) => r.value.vm.href === target.href);
          assert.ok(row, 'found by its address');
          return { value: row.value };
        },
        [
          {
            kind: 'message',
            match: new RegExp(literal(`“${target.name}” cannot be shown in the Sites view: its vApp “${target.containerName}” is not among the children the view lists under VDC “${target.vdcName}” — it lists the first 100 (vcd.maxChildren; Load more… lists more)`)),
            answer: 'Open API Response',
          },
        ],
      );
      assert.equal(revealed, undefined, 'nothing revealed');
      assert.ok(!api.treeView.selection.some((n) => n.id.endsWith(target.href)));
      const doc = await opened;
      assert.match(doc.getText(), /200 OK/);
    } finally {
      await setSetting('maxChildren', undefined, 2000);
    }
  });
});
