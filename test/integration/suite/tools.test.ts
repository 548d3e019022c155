// The language-model tools for VS Code's chat, called the way chat and other extensions call them (vscode.lm.invokeTool),
// against a simulator of its own: a tenant site (also as a vApp User), a System site and a site without a token. Each
// read-only tool's answer; vcd_powerAction's confirmation (prepareInvocation), its run from a chat request (confirmed
// by VS Code) and from outside one (it asks itself, in a modal); errors as readable answers; and no answer ever holds a
// token, even from a server that echoes it back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type Simulator, type SimVmInfo } from '../../simulator';
import { accessToken, call, JSON_38 } from '../../simulator/testClient';
import { fixture, hostOf, withScript } from './fixture';
import type { Step } from './scriptedInput';

const TENANT = 'tools-tenant';
const SYSTEM = 'tools-system';
const NO_TOKEN = 'tools-no-token';
const TOOL_NAMES = ['vcd_listSites', 'vcd_findVms', 'vcd_describe', 'vcd_listTasks', 'vcd_getApi', 'vcd_powerAction'];
const JWT = /eyJ[\w-]{4,}\.[\w-]{4,}\./;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A confirmation's message: the tool gives plain text (no Markdown from server names). */
function messageOf(prepared: vscode.PreparedToolInvocation): string {
  const message = prepared.confirmationMessages?.message;
  assert.equal(typeof message, 'string');
  return message as string;
}

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : `[not text: ${JSON.stringify(part)}]`)).join('');
}

describe('language-model tools (vcd_*)', function () {
  this.timeout(120_000);
  let sim: Simulator;
  const ids = { tenant: '', system: '', noToken: '' };
  const used = new Set<string>();

  /** Calls a tool as an extension does outside a chat (no toolInvocationToken), with these prompts expected. */
  async function tool(name: string, input: object, steps: Step[] = []): Promise<string> {
    const { secrets } = await fixture();
    const { result } = await withScript(steps, () => vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));
    const text = textOf(result);
    for (const secret of secrets) assert.ok(!text.includes(secret), `${name} answers without a token`);
    assert.doesNotMatch(text, JWT, `${name} answers without an access token`);
    return text;
  }

  /** Calls the registered implementation as VS Code does for a chat request (which showed its confirmation). */
  async function fromChat(name: string, input: object): Promise<string> {
    const { api } = await fixture();
    const token = new vscode.CancellationTokenSource().token;
    const { result } = await withScript([], async () =>
      (await api.tools.get(name)!.invoke({ input, toolInvocationToken: {} as never }, token)) as vscode.LanguageModelToolResult,
    );
    return textOf(result);
  }

  async function prepare(input: object): Promise<vscode.PreparedToolInvocation> {
    const { api } = await fixture();
    const prepared = await api.tools.get('vcd_powerAction')!.prepareInvocation!({ input }, new vscode.CancellationTokenSource().token);
    assert.ok(prepared);
    return prepared;
  }

  /** A tenant VM in a vApp no other test used, in this state (VMware Tools running when on). */
  function pick(status: 'POWERED_ON' | 'POWERED_OFF'): SimVmInfo {
    const vm = sim.inventory.vms({ orgName: sim.tenant.org }).find((v) => !used.has(v.vappHref));
    assert.ok(vm, 'an unused vApp');
    used.add(vm.vappHref);
    return sim.inventory.setPowerState(vm.href, status, { tools: true });
  }

  const state = (vm: SimVmInfo): string => sim.inventory.vms().find((v) => v.href === vm.href)!.status;
  const postsTo = (vm: SimVmInfo): number =>
    Object.entries(sim.counters.byRoute).filter(([route]) => route.startsWith(`POST ${new URL(vm.href).pathname}/`)).reduce((n, [, c]) => n + c, 0);

  /** The VM's query record as the tenant sees it. */
  async function record(vm: SimVmInfo): Promise<Record<string, string | number | undefined>> {
    const auth = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: JSON_38 };
    const uuid = vm.href.split('/vm-')[1];
    const page = (await call(sim, 'GET', `/api/query?type=vm&format=records&filter=id==${uuid}`, auth)).json<{ record: Record<string, string | number>[] }>();
    return page.record[0];
  }

  before(async () => {
    const { api, secrets } = await fixture();
    sim = await startSimulator({ size: 'demo', seed: 5, tasks: { advance: 'polls', runningPolls: 2 } });
    secrets.add(sim.tenant.apiToken).add(sim.provider.apiToken).add(sim.vappUser.apiToken);
    const host = hostOf(sim);
    const trust = { certificate: sim.certificate!.certPem };
    const other = sim.inventory.orgNames().find((o) => o !== 'System' && o !== sim.tenant.org)!;
    ids.tenant = `${sim.tenant.org}@${host}`.toLowerCase();
    ids.system = `system@${host}`;
    ids.noToken = `${other}@${host}`.toLowerCase();
    await api.config.addSite({ name: TENANT, url: sim.url, org: sim.tenant.org, trust });
    await api.config.addSite({ name: SYSTEM, url: sim.url, org: 'System', trust });
    await api.config.addSite({ name: NO_TOKEN, url: sim.url, org: other, trust });
    await api.tokens.setApiToken(ids.tenant, sim.tenant.apiToken);
    await api.tokens.setApiToken(ids.system, sim.provider.apiToken);
    api.setTaskPolling({ initialDelayMs: 20, maxDelayMs: 50 });
  });
  after(async () => {
    const { api } = await fixture();
    api.setTaskPolling(undefined);
    for (const id of Object.values(ids)) {
      const entry = api.config.site(id);
      if (entry) await api.config.removeSite(entry);
      await api.tokens.deleteApiToken(id);
    }
    await sim?.close();
  });
  afterEach(async () => {
    sim.clearFaults();
    sim.tasks.release();
    // Nothing any tool did put a token into the log.
    const { api, secrets } = await fixture();
    for (const line of api.logLines()) {
      for (const secret of secrets) assert.ok(!line.includes(secret), 'no token in the log');
      assert.doesNotMatch(line, JWT);
    }
  });

  it('contributes the six tools, each with a description, an input schema and tags', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('vcd_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [...TOOL_NAMES].sort());
    for (const t of ours) {
      assert.ok(t.description.length > 40, `${t.name} describes itself to the model`);
      assert.equal((t.inputSchema as { type?: string }).type, 'object');
      assert.ok(t.tags.includes('vcd'), `${t.name} is tagged`);
    }
    assert.ok(ours.find((t) => t.name === 'vcd_powerAction')!.tags.every((tag) => tag !== 'read-only'));
  });

  it('vcd_listSites: each site with its URL and organization, and whether its API token works', async () => {
    const text = await tool('vcd_listSites', {});
    const line = (name: string): string => text.split('\n').find((l) => l.startsWith(`- “${name}”`)) ?? '';
    assert.equal(line(TENANT), `- “${TENANT}”: ${sim.url}, organization “${sim.tenant.org}”; API token: working`);
    assert.equal(line(SYSTEM), `- “${SYSTEM}”: ${sim.url}, System organization (provider: sees every organization); API token: working`);
    assert.match(line(NO_TOKEN), /API token: not working: site “tools-no-token” has no API token\. Set one with the command “VCD: Set API Token…”\.$/);
  });

  it('vcd_findVms: per site, the first matches with state, IP address and ancestry, how many more, and the sites not searched', async () => {
    const text = await tool('vcd_findVms', { query: 'DB' });
    const tenantVms = sim.inventory.vms({ orgName: sim.tenant.org }).filter((v) => v.name.toLowerCase().includes('db'));
    const section = (name: string): string => text.split('\n\n').find((s) => s.startsWith(`Site “${name}”`)) ?? '';
    const tenant = section(TENANT);
    assert.match(tenant, new RegExp(`^Site “${TENANT}”: ${tenantVms.length} VMs? match`));
    const vm = tenantVms[0];
    const r = await record(vm);
    const row = tenant.split('\n').find((l) => l.includes(`href: ${vm.href}`));
    assert.ok(row, 'the VM is listed with its href');
    assert.ok(row.startsWith(`- VM “${vm.name}” on site “${TENANT}”; State: `), row);
    for (const part of [`IP address: ${r.ipAddress}`, `vApp: ${vm.vappName}`, `VDC: ${vm.vdcName}`, `Organization: ${sim.tenant.org}`]) {
      assert.ok(r.ipAddress === undefined && part.startsWith('IP') ? !row.includes('IP address') : row.includes(part), `${part} in ${row}`);
    }
    // The System site sees every organization's VMs, with their organizations by name.
    const other = sim.inventory.vms().find((v) => v.name.toLowerCase().includes('db') && v.orgName !== sim.tenant.org)!;
    assert.ok(section(SYSTEM).includes(`Organization: ${other.orgName}; href: ${other.href}`), 'organizations by name on a System site');
    // Many matches: the first 10 by name, the rest counted.
    const all = sim.inventory.vms().filter((v) => v.name.includes('0'));
    const many = await tool('vcd_findVms', { query: '0', site: SYSTEM });
    assert.match(many, new RegExp(`\nSite “${SYSTEM}”: ${all.length} VMs match; the first 10 by name:\n`));
    assert.equal(many.split('\n').filter((l) => l.startsWith('- VM ')).length, 10);
    assert.match(many, new RegExp(`\n- … and ${all.length - 10} more on this site: search a longer part of the name or address to see them\\.$`));
    assert.match(section(NO_TOKEN), /not searched: site “tools-no-token” has no API token\. Set one with the command “VCD: Set API Token…”/);
    // By the start of an IP address, on one site.
    const withIp = (await Promise.all(tenantVms.map(async (v) => ({ v, ip: (await record(v)).ipAddress })))).find((x) => x.ip);
    assert.ok(withIp, 'a VM with an IP address');
    const byIp = await tool('vcd_findVms', { query: String(withIp.ip), site: TENANT });
    assert.ok(byIp.includes(`VM “${withIp.v.name}”`) && !byIp.includes(`Site “${SYSTEM}”`), byIp);
  });

  it('vcd_describe: a VM by href (facts, ancestry, the actions its state allows), one by name on the System site, a VDC and an organization', async () => {
    const vm = pick('POWERED_ON');
    const r = await record(vm);
    const text = await tool('vcd_describe', { href: vm.href, site: TENANT });
    const lines = text.split('\n');
    assert.equal(lines[0], `VM “${vm.name}” on site “${TENANT}”`);
    for (const expected of ['State: Powered on', `Guest OS: ${r.guestOs}`, `CPUs: ${r.numberOfCpus}`, `vApp: ${vm.vappName}`, `VDC: ${vm.vdcName}`, `Organization: ${sim.tenant.org}`, `href: ${vm.href}`]) {
      assert.ok(lines.includes(expected), `${expected} in\n${text}`);
    }
    assert.ok(lines.some((l) => /^Memory: \d+(\.\d)? [GM]B$/.test(l)));
    assert.equal(lines.at(-1), 'Power actions its state allows: Power Off, Shut Down Guest OS, Reset, Reboot Guest OS, Suspend');
    // The System site names the organization of a VM found by its exact name (odd characters included).
    const odd = sim.inventory.vms().find((v) => v.name === 'db (primary)')!;
    const byName = await tool('vcd_describe', { name: odd.name, kind: 'vm', site: SYSTEM });
    assert.ok(byName.startsWith(`VM “db (primary)” on site “${SYSTEM}”`), byName);
    assert.ok(byName.includes(`Organization: ${odd.orgName}`), byName);
    const vdc = await tool('vcd_describe', { name: vm.vdcName, kind: 'vdc', site: TENANT });
    assert.match(vdc, new RegExp(`^VDC “${escape(vm.vdcName)}” on site “${TENANT}”\nStatus: READY\n`));
    const org = await tool('vcd_describe', { name: sim.tenant.org, site: TENANT });
    assert.match(org, new RegExp(`^Organization “${sim.tenant.org}” on site “${TENANT}”\nFull name: .+; VDCs: \\d+`));
  });

  it('vcd_describe: what is not there, and a site without a token, are readable answers', async () => {
    const { api } = await fixture();
    const text = await tool('vcd_describe', { name: 'no-such-vm-anywhere' });
    assert.match(text, /^Nothing is named “no-such-vm-anywhere” on the sites searched\. Names are matched exactly/);
    assert.match(text, /Site “tools-no-token” was not searched: site “tools-no-token” has no API token\. Set one with the command “VCD: Set API Token…”\./);
    assert.equal(await tool('vcd_describe', { name: 'x', site: 'nope' }), `There is no site named “nope”. The sites are: ${api.config.settings.sites.map((s) => `“${s.name}”`).join(', ')}.`);
    assert.match(await tool('vcd_describe', { href: `${sim.url}/api/task/1` }), /is not the href of a VM or vApp or VDC or organization\. Read other documents with vcd_getApi\./);
    assert.equal(await tool('vcd_describe', {}), 'Give the “name” of what to look up (and its “site”, if you know it), or its “href”.');
  });

  it('vcd_getApi: the status line and the body; a long body is cut with a note; other hosts and paths are refused', async () => {
    const text = await tool('vcd_getApi', { path: '/api/org', site: TENANT, format: 'xml' });
    assert.match(text, new RegExp(`^GET ${escape(sim.url)}/api/org on site “${TENANT}” -> 200 OK \\(\\d+ ms, API version \\d+\\.\\d+, application/vnd\\.vmware\\.vcloud\\.orgList\\+xml`));
    assert.match(text, new RegExp(`<Org [^>]*name="${sim.tenant.org}"`));
    const long = await tool('vcd_getApi', { path: '/api/query?type=adminVM&pageSize=128', site: SYSTEM });
    assert.match(long, /\n\[truncated: the first 12000 of \d+ characters\. Ask for less: a query with pageSize and a filter, or one entity's href\.\]$/);
    assert.match(await tool('vcd_getApi', { path: 'https://127.0.0.3/api/org', site: TENANT }), /failed: The link points to 127\.0\.0\.3, not to/);
    assert.match(await tool('vcd_getApi', { path: '/oauth/provider/token', site: SYSTEM }), /failed: Only \/api and \/cloudapi documents can be opened/);
    assert.match(await tool('vcd_getApi', { path: '/api/org' }), /^Give the “site” to ask: one of /);
    assert.match(await tool('vcd_getApi', { path: '/api/org', site: NO_TOKEN }), /^Cannot read it: site “tools-no-token” has no API token\. Set one with the command “VCD: Set API Token…”\.$/);
    // An href picks its site by host (one site there would do; here there are three, so it still asks).
    assert.match(await tool('vcd_getApi', { path: `${sim.url}/api/org` }), /^Give the “site” to ask/);
  });

  it('vcd_powerAction: prepareInvocation asks, naming the VM, its vApp, site and organization and the effect; it changes nothing', async () => {
    const vm = pick('POWERED_ON');
    const posts = postsTo(vm);
    const off = await prepare({ action: 'powerOff', href: vm.href, site: TENANT });
    assert.equal(off.confirmationMessages?.title, `Power off the VM “${vm.name}”?`);
    const message = messageOf(off);
    assert.equal(message.split('\n')[0], `“${vm.name}” in vApp “${vm.vappName}” on site ${TENANT}, organization ${sim.tenant.org}.`);
    assert.match(message, /like pulling the plug: work not saved in it is lost/);
    assert.equal(off.invocationMessage, `Power Off: “${vm.name}” on site “${TENANT}”`);
    // Power On asks too (the commands do not), and the System site names the organization.
    const on = await prepare({ action: 'powerOn', href: vm.href, site: SYSTEM });
    assert.equal(on.confirmationMessages?.title, `Power on the VM “${vm.name}”?`);
    assert.match(messageOf(on), new RegExp(`on site ${SYSTEM}, organization ${sim.tenant.org}\\.\n\nIt starts running`));
    // A target it cannot find still gets a question (the tool looks again when it runs).
    const unknown = await prepare({ action: 'reset', name: 'no-such-vm' });
    assert.equal(unknown.confirmationMessages?.title, 'Reset: “no-such-vm”?');
    assert.equal(postsTo(vm), posts, 'nothing was sent');
    assert.equal(state(vm), 'POWERED_ON');
  });

  it('vcd_powerAction from a chat request (confirmed by VS Code): acts at once and reports the task; vcd_listTasks lists it', async () => {
    const vm = pick('POWERED_ON');
    const text = await fromChat('vcd_powerAction', { action: 'powerOff', href: vm.href, site: TENANT });
    assert.match(text, new RegExp(`^Power Off of the VM “${escape(vm.name)}” \\(site ${TENANT}, organization ${sim.tenant.org}\\) succeeded\\. VCD's task: ${escape(sim.url)}/api/task/`));
    assert.equal(state(vm), 'POWERED_OFF');
    const tasks = await tool('vcd_listTasks', { site: TENANT, limit: 3 });
    const first = tasks.split('\n')[1];
    assert.match(first, new RegExp(`^- Power Off ${escape(vm.name)}; Status: Succeeded; Target: ${escape(vm.name)} \\(VM\\); Started by: ${sim.tenant.user}`));
    assert.match(tasks, /^Site “tools-tenant”: the 3 most recent tasks:/);
    assert.match(tasks, /- … and \d+ older: ask with a larger “limit” \(at most 50\)\.$/);
  });

  it('vcd_powerAction outside a chat request asks in a modal first: declined, nothing is sent; confirmed, it acts', async () => {
    const vm = pick('POWERED_OFF');
    const question = new RegExp(`^Power on the VM “${escape(vm.name)}”\\?$`);
    const declined = await tool('vcd_powerAction', { action: 'powerOn', href: vm.href, site: TENANT }, [
      { kind: 'message', match: question, check: (r) => assert.equal(r.modal, true) },
    ]);
    assert.equal(declined, `The person did not confirm Power On of “${vm.name}”: nothing was done.`);
    assert.equal(postsTo(vm), 0);
    const done = await tool('vcd_powerAction', { action: 'powerOn', name: vm.name, kind: 'vm', site: TENANT, href: vm.href }, [{
      kind: 'message', match: question, answer: 'Power On',
      check: (r) => {
        assert.equal(r.modal, true);
        assert.match(r.detail ?? '', new RegExp(`on site ${TENANT}, organization ${sim.tenant.org}\\.\n\nIt starts running.*\n\nAsked for through a language-model tool, outside a chat\\.$`));
      },
    }]);
    assert.match(done, /succeeded\. VCD's task:/);
    assert.equal(state(vm), 'POWERED_ON');
  });

  it("vcd_powerAction reports VCD's error of a failed task, and refuses at once what the state does not allow or a name that is not unique", async () => {
    const vm = pick('POWERED_OFF');
    sim.inject({ kind: 'failTask', message: 'There are not enough resources in the VDC to power on the VM.' });
    const failed = await fromChat('vcd_powerAction', { action: 'powerOn', href: vm.href, site: TENANT });
    assert.match(failed, new RegExp(`^Power On of “${escape(vm.name)}” failed: There are not enough resources in the VDC to power on the VM\\. VCD's task: `));
    assert.equal(state(vm), 'POWERED_OFF');
    // No question for what cannot be done.
    const refused = await tool('vcd_powerAction', { action: 'shutdown', href: vm.href, site: TENANT });
    assert.equal(refused, `Shut Down Guest OS of “${vm.name}” (site ${TENANT}, organization ${sim.tenant.org}) was not done: Shut Down Guest OS is not possible while it is powered off.`);
    const tenantVms = sim.inventory.vms({ orgName: sim.tenant.org });
    const name = tenantVms.find((v, i) => tenantVms.findIndex((w) => w.name === v.name) !== i)!.name;
    const shared = tenantVms.filter((v) => v.name === name);
    const ambiguous = await tool('vcd_powerAction', { action: 'powerOff', name, site: TENANT });
    assert.match(ambiguous, new RegExp(`^${shared.length} VMs and vApps match, so nothing was done\\. Give the “href” and “site” of the one to act on:`));
    for (const v of shared) assert.ok(ambiguous.includes(`href: ${v.href}`));
    assert.match(await tool('vcd_powerAction', { action: 'powerOff', name: 'no-such-vm', site: TENANT }), /^No VM or vApp matches, so nothing was done\.$/);
    assert.equal(await tool('vcd_powerAction', { action: 'explode', name: 'x' }), '“action” must be one of powerOn, powerOff, shutdown, reset, reboot, suspend, discardSuspendedState.');
    assert.equal(postsTo(vm), 1, 'only the failed Power On was sent');
  });

  it('a vApp User (not an organization administrator): its own organization, only the VMs it may see, its tasks', async () => {
    const { api: testApi } = await fixture();
    await testApi.tokens.setApiToken(ids.tenant, sim.vappUser.apiToken);
    try {
      const visible = sim.inventory.vmNames({ orgName: sim.tenant.org, visibleTo: 'vappUser' });
      const found = await tool('vcd_findVms', { query: '-0', site: TENANT });
      const names = [...found.matchAll(/^- VM “([^”]+)”/gm)].map((m) => m[1]);
      assert.ok(names.length > 0);
      for (const name of names) assert.ok(visible.includes(name), `${name} is visible to the vApp User`);
      assert.match(await tool('vcd_describe', { name: sim.tenant.org, kind: 'org', site: TENANT }), new RegExp(`^Organization “${sim.tenant.org}” on site “${TENANT}”`));
      const hidden = sim.inventory.vms({ orgName: sim.tenant.org }).find((v) => !visible.includes(v.name))!;
      assert.match(await tool('vcd_describe', { href: hidden.href, site: TENANT }), /^Nothing has this href on the sites searched\.$/);
      assert.match(await tool('vcd_listTasks', { site: TENANT }), /^Site “tools-tenant”: /);
    } finally {
      await testApi.tokens.setApiToken(ids.tenant, sim.tenant.apiToken);
    }
  });

  it('a server that echoes the credential it was sent never gets a token into an answer', async () => {
    const { api: testApi } = await fixture();
    // A 200 answer that repeats the access token (getApi returns bodies as sent, but never a token).
    sim.inject({ kind: 'echoCredential', status: 200, path: /^\/api\/org$/ });
    const body = await tool('vcd_getApi', { path: '/api/org', site: TENANT });
    assert.match(body, /The credential \*\*\* is not valid for this request/);
    // An error that repeats it (twice: a 400 to a page with fields= is asked once more without them).
    sim.inject({ kind: 'echoCredential', path: /^\/api\/query/, times: 2 });
    assert.match(await tool('vcd_findVms', { query: 'db', site: TENANT }), /the search failed: .*credential/);
    // The token exchange repeats the API token itself.
    testApi.tokens.forget(ids.system);
    sim.inject({ kind: 'echoCredential', path: /^\/oauth\/provider\/token$/ });
    const sites = await tool('vcd_listSites', {});
    assert.match(sites, new RegExp(`“${SYSTEM}”: .*API token: stored, but signing in failed: `));
  });
});
