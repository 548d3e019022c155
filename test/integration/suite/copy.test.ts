// Copy Name, Copy ID, Copy API URL, Copy as curl, Copy as PowerShell, Copy as Terraform import and Open in VCD Portal
// on real nodes of the Sites view, in a real extension host, against a simulator of its own: what lands on the
// clipboard (read back with vscode.env.clipboard), what opens in the browser (the scripted openExternal), what the
// person is told, and that a forged argument never makes a command point at another host.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { ResourceNode, TreeNode } from '../../../src/tree/node';
import { negotiateVersion, parseVersions } from '../../../src/vcd';
import { startSimulator, type Simulator } from '../../simulator';
import { accessToken, call, XML_38, xmlAttrs } from '../../simulator/testClient';
import { useSites } from '../../support/extensionSites';
import { startForgedHost, type ForgedHost } from '../../support/forgedHost';
import { children, fixture, item, label, setSetting, withScript } from './fixture';
import type { Step } from './scriptedInput';

type Entity = TreeNode & ResourceNode & { record: { kind: string } };

const kindOf = (node: TreeNode): string => /^vcd\.([a-zA-Z]+)/.exec(item(node).contextValue ?? '')?.[1] ?? '';
const isEntity = (node: TreeNode): node is Entity => ['org', 'vdc', 'vapp', 'vm'].includes(kindOf(node));

/**
 * Runs a script in bash (no start-up files) without blocking the extension host, which also runs the simulator.
 * Resolves to its exit status, stdout and stderr.
 */
function bash(script: string, env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** Runs a command with the scripted steps and returns what it put on the clipboard and the status confirmations. */
async function run(command: string, args: unknown[], steps: Step[] = []): Promise<{ clipboard: string; statuses: string[]; opened: string[] }> {
  await vscode.env.clipboard.writeText('(clipboard before the command)');
  const { script } = await withScript(steps, () => vscode.commands.executeCommand(command, ...args));
  return {
    clipboard: await vscode.env.clipboard.readText(),
    statuses: script.statuses(),
    opened: script.seen.filter((s) => s.kind === 'external').map((s) => s.text),
  };
}

describe('Copy and Open in VCD Portal on nodes of the Sites view', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let tenantSiteId: string;
  let systemSiteId: string;
  /** What the simulator itself says, per href: the entity's URN (idrecords) and name. */
  const truth = new Map<string, { id: string; name: string }>();
  let version: string;
  /** Every access token the simulator issued to this test (none may appear on the clipboard). */
  const issued: string[] = [];
  const sites = useSites(fixture);

  before(async () => {
    sim = await startSimulator({ size: 'demo', seed: 3 });
    tenantSiteId = await sites.add(sim, { name: 'Copy tenant', user: 'tenant' });
    systemSiteId = await sites.add(sim, { name: 'Copy provider', user: 'provider' });

    const token = await accessToken(sim, 'provider');
    issued.push(token);
    const headers = { Authorization: `Bearer ${token}`, Accept: XML_38 };
    for (const [type, element] of [['organization', 'OrgRecord'], ['adminOrgVdc', 'AdminVdcRecord'], ['adminVApp', 'AdminVAppRecord'], ['adminVM', 'AdminVMRecord']]) {
      const res = await call(sim, 'GET', `/api/query?type=${type}&format=idrecords&pageSize=128`, headers);
      assert.equal(res.status, 200);
      for (const r of xmlAttrs(res.body, element)) truth.set(r.href, { id: r.id, name: r.name });
    }
    assert.ok(truth.size > 100, 'the simulator listed its inventory');
    // The version the site's client negotiates: the highest one both sides speak.
    version = negotiateVersion(parseVersions((await call(sim, 'GET', '/api/versions')).body));
  });

  after(async () => {
    await setSetting('apiVersion', undefined, 'auto');
    await setSetting('responseFormat', undefined, 'xml');
    await sim?.close();
  });

  async function site(id: string): Promise<TreeNode> {
    const node = (await children()).find((n) => n.id === `site:${id}`);
    assert.ok(node, `site ${id} in the tree`);
    return node;
  }

  /** The first node of each kind on the way down from an organization, through VDCs and vApps that have children. */
  async function pathFrom(org: Entity, accept: (vm: Entity) => boolean = () => true): Promise<{ org: Entity; vdc: Entity; vapp: Entity; vm: Entity }> {
    for (const vdc of (await children(org)).filter(isEntity)) {
      for (const vapp of (await children(vdc)).filter(isEntity)) {
        const vm = (await children(vapp)).filter(isEntity).find(accept);
        if (vm) return { org, vdc, vapp, vm };
      }
    }
    throw new Error(`no VM under ${label(org)}`);
  }

  async function tenantPath(accept?: (vm: Entity) => boolean) {
    const [org] = (await children(await site(tenantSiteId))).filter(isEntity);
    assert.ok(org, 'the tenant site shows its organization');
    return pathFrom(org, accept);
  }

  async function systemPath(orgName: string) {
    const org = (await children(await site(systemSiteId))).filter(isEntity).find((o) => label(o) === orgName);
    assert.ok(org, `the System site lists ${orgName}`);
    return pathFrom(org);
  }

  async function assertNoSecret(text: string): Promise<void> {
    const { secrets } = await fixture();
    for (const secret of [...secrets, ...issued]) assert.ok(!text.includes(secret), 'no token or password on the clipboard');
    assert.doesNotMatch(text, /eyJ[\w-]{10,}\.[\w-]{10,}/, 'no access token (a JWT) on the clipboard');
    assert.doesNotMatch(text, /Bearer (?!\$)/, 'the Authorization header only names a variable');
  }

  it('Copy Name, Copy ID and Copy API URL copy what the simulator says of the organization, VDC, vApp and VM', async () => {
    const nodes = await tenantPath();
    for (const [kind, node] of Object.entries(nodes)) {
      const entry = truth.get(node.href);
      assert.ok(entry, `${kind} ${label(node)} is an entity of the simulator`);

      const name = await run(Commands.copyName, [node, [node]]);
      assert.equal(name.clipboard, entry.name);
      assert.equal(name.clipboard, label(node), 'the name the tree shows');
      assert.match(name.statuses.join(), new RegExp(`^Copied the name of (organization|VDC|vApp|VM) “`));

      const id = await run(Commands.copyId, [node, [node]]);
      assert.equal(id.clipboard, entry.id);
      assert.match(id.clipboard, new RegExp(`^urn:vcloud:${kind}:[0-9a-f-]{36}$`));
      assert.deepEqual(id.statuses, [`Copied the ID of ${kind === 'org' ? 'organization' : kind === 'vdc' ? 'VDC' : kind === 'vapp' ? 'vApp' : 'VM'} “${entry.name}”`]);

      const href = await run(Commands.copyHref, [node, [node]]);
      assert.ok(truth.has(href.clipboard), `${href.clipboard} is the simulator's href`);
      assert.equal(href.clipboard, node.href);
      assert.ok(href.clipboard.startsWith(`${sim.url}/api/`));
    }
  });

  it('copies the names, IDs and URLs of every selected node, one a line, when the clicked node is selected', async () => {
    const { vapp } = await tenantPath();
    const vms = (await children(vapp)).filter(isEntity);
    assert.ok(vms.length >= 2, 'a vApp with two VMs');
    const two = vms.slice(0, 2);
    assert.equal((await run(Commands.copyName, [two[1], two])).clipboard, two.map(label).join('\n'));
    assert.equal((await run(Commands.copyId, [two[0], two])).clipboard, two.map((n) => truth.get(n.href)!.id).join('\n'));
    const names = await run(Commands.copyHref, [two[0], two]);
    assert.equal(names.clipboard, two.map((n) => n.href).join('\n'));
    assert.deepEqual(names.statuses, ['Copied the API URLs of 2 VMs']);
    // Right-clicking a node outside the selection acts on that node only (as VS Code's own commands do).
    assert.equal((await run(Commands.copyName, [vms[vms.length - 1], [two[0]]])).clipboard, label(vms[vms.length - 1]));
  });

  it('Copy as curl: the GET of the VM and of the vApp with the Accept header and negotiated version, the token only as $VCD_TOKEN', async () => {
    const { vapp, vm } = await tenantPath();
    for (const node of [vm, vapp]) {
      const { clipboard, statuses } = await run(Commands.copyAsCurl, [node, [node]]);
      const lines = clipboard.split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0], new RegExp(`^# Access token for \\$VCD_TOKEN, .*POST '${sim.url.replace(/\./g, '\\.')}/oauth/tenant/${sim.tenant.org}/token'`));
      assert.equal(lines[1], `curl -sS '${node.href}' -H 'Accept: application/*+xml;version=${version}' -H "Authorization: Bearer $VCD_TOKEN"`);
      await assertNoSecret(clipboard);
      assert.deepEqual(statuses, [`Copied curl for ${kindOf(node) === 'vm' ? 'VM' : 'vApp'} “${label(node)}” (API ${version}, token from $VCD_TOKEN)`]);
    }
  });

  it('Copy as curl runs: with an API token in $VCD_API_TOKEN, the two copied lines fetch the VM from the simulator', async () => {
    const { vm } = await tenantPath();
    const { clipboard } = await run(Commands.copyAsCurl, [vm, [vm]]);
    const [comment, get] = clipboard.split('\n');
    const ca = path.join(os.tmpdir(), `vcd-copy-ca-${process.pid}.pem`);
    fs.writeFileSync(ca, sim.certificate!.caPem);
    try {
      // The comment's command, then the GET: exactly what a person pastes after removing "# …: ".
      const script = `${comment.slice(comment.indexOf(': ') + 2)}\n${get}`;
      const result = await bash(script, { CURL_CA_BUNDLE: ca, VCD_API_TOKEN: sim.tenant.apiToken });
      assert.equal(result.status, 0, `curl failed: ${result.stderr}`);
      const [doc] = xmlAttrs(result.stdout, 'Vm');
      assert.ok(doc, `the VM document came back: ${result.stdout.slice(0, 300)}`);
      assert.equal(doc.href, vm.href);
      assert.equal(doc.name, label(vm));
    } finally {
      fs.rmSync(ca, { force: true });
    }
  });

  it('Copy as curl follows the site: the vcd.apiVersion setting and the JSON response format', async () => {
    const { vm } = await tenantPath();
    await setSetting('apiVersion', '37.2', '37.2');
    await setSetting('responseFormat', 'json', 'json');
    try {
      const { clipboard } = await run(Commands.copyAsCurl, [vm, [vm]]);
      assert.match(clipboard.split('\n')[1], / -H 'Accept: application\/\*\+json;version=37\.2' /);
    } finally {
      await setSetting('apiVersion', undefined, 'auto');
      await setSetting('responseFormat', undefined, 'xml');
    }
  });

  it('Copy as PowerShell: Invoke-RestMethod with the Accept header and version, the token only as $env:VCD_TOKEN', async () => {
    const { vm } = await tenantPath();
    const { clipboard, statuses } = await run(Commands.copyAsPowerShell, [vm, [vm]]);
    const lines = clipboard.split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^# Access token for \$env:VCD_TOKEN, .*-Body @\{ grant_type = 'refresh_token'; refresh_token = \$env:VCD_API_TOKEN \}\)\.access_token$/);
    assert.ok(lines[0].includes(`-Uri '${sim.url}/oauth/tenant/${sim.tenant.org}/token'`));
    assert.equal(lines[1], `Invoke-RestMethod -Uri '${vm.href}' -Headers @{ Accept = 'application/*+xml;version=${version}'; Authorization = "Bearer $env:VCD_TOKEN" }`);
    await assertNoSecret(clipboard);
    assert.match(statuses.join(), /^Copied PowerShell for VM “.*” \(API \d+\.\d+, token from \$env:VCD_TOKEN\)$/);
  });

  it('Copy as curl on a System site exchanges at /oauth/provider/token', async () => {
    const { vm } = await systemPath(sim.tenant.org);
    const { clipboard } = await run(Commands.copyAsCurl, [vm, [vm]]);
    assert.ok(clipboard.split('\n')[0].includes(`'${sim.url}/oauth/provider/token'`));
    await assertNoSecret(clipboard);
  });

  /** What bash hands to terraform from a copied line: the arguments and the separator it sets. */
  async function parseTerraformLine(line: string): Promise<{ args: string[]; separator: string }> {
    const script = `terraform() { printf '%s\\0' "$@"; printf '%s\\0' "\${VCD_IMPORT_SEPARATOR:-.}"; }\n${line}`;
    const result = await bash(script);
    assert.equal(result.status, 0, result.stderr);
    const words = result.stdout.split('\0').slice(0, -1);
    return { args: words.slice(0, -1), separator: words[words.length - 1] };
  }

  it('Copy as Terraform import: vcd_vapp_vm and vcd_vapp with the org.vdc.vapp(.vm) path of names the tree shows', async () => {
    const { org, vdc, vapp, vm } = await tenantPath();
    const vmLine = await run(Commands.copyAsTerraformImport, [vm, [vm]]);
    const parsed = await parseTerraformLine(vmLine.clipboard);
    assert.equal(parsed.args[0], 'import');
    assert.match(parsed.args[1], /^vcd_vapp_vm\.[A-Za-z_][A-Za-z0-9_-]*$/);
    assert.equal(parsed.separator, '.');
    assert.deepEqual(parsed.args[2].split(parsed.separator), [label(org), label(vdc), label(vapp), label(vm)]);
    assert.match(vmLine.clipboard, /^terraform import vcd_vapp_vm\./);
    assert.deepEqual(vmLine.statuses, [`Copied the terraform import line for ${parsed.args[1]}`]);

    const vappLine = await run(Commands.copyAsTerraformImport, [vapp, [vapp]]);
    const parsedVApp = await parseTerraformLine(vappLine.clipboard);
    assert.match(parsedVApp.args[1], /^vcd_vapp\./);
    assert.deepEqual(parsedVApp.args[2].split('.'), [label(org), label(vdc), label(vapp)]);
  });

  it('Copy as Terraform import: an organization named with a dot gets another separator, set for the command, and says so', async () => {
    const dotted = sim.inventory.orgNames().find((n) => n.includes('.'));
    assert.ok(dotted, 'the demo has an organization whose name contains a dot');
    const { org, vdc, vapp, vm } = await systemPath(dotted);
    const { clipboard } = await run(Commands.copyAsTerraformImport, [vm, [vm]], [
      { kind: 'message', match: /contains “\.”, the provider's default import separator, so the import ID is separated by “\/”.*VCD_IMPORT_SEPARATOR.*import_separator = "\/"/ },
    ]);
    assert.match(clipboard, /^VCD_IMPORT_SEPARATOR='\/' terraform import vcd_vapp_vm\./);
    const parsed = await parseTerraformLine(clipboard);
    assert.equal(parsed.separator, '/');
    assert.deepEqual(parsed.args[2].split('/'), [label(org), label(vdc), label(vapp), label(vm)]);
  });

  it('Copy as Terraform import: names with quotes, spaces and shell characters reach terraform unchanged', async () => {
    let found: { org: Entity; vdc: Entity; vapp: Entity } | undefined;
    for (const org of (await children(await site(systemSiteId))).filter(isEntity)) {
      for (const vdc of (await children(org)).filter(isEntity)) {
        const vapp = (await children(vdc)).filter(isEntity).find((a) => label(a).includes("'"));
        if (vapp) found = { org, vdc, vapp };
        if (found) break;
      }
      if (found) break;
    }
    assert.ok(found, 'the demo has a vApp whose name holds a single quote');
    const { org, vdc, vapp } = found;
    const steps: Step[] = label(org).includes('.') ? [{ kind: 'message', match: /default import separator/ }] : [];
    const { clipboard } = await run(Commands.copyAsTerraformImport, [vapp, [vapp]], steps);
    const parsed = await parseTerraformLine(clipboard);
    assert.deepEqual(parsed.args.slice(0, 1), ['import']);
    assert.deepEqual(parsed.args[2].split(parsed.separator), [label(org), label(vdc), label(vapp)]);
  });

  it('Open in VCD Portal: the tenant portal page of the organization, the VDC and the vApp; a VM opens its vApp and says so', async () => {
    const { org, vdc, vapp, vm } = await tenantPath();
    const uuid = (node: Entity) => truth.get(node.href)!.id.split(':').pop()!;
    const tenantBase = `${sim.url}/tenant/${encodeURIComponent(label(org))}`;
    const vappPage = `${tenantBase}/vdcs/${uuid(vdc)}/vapp/vapp-${uuid(vapp)}/vcd-vapp-vms`;
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    const cases: [Entity, string][] = [[org, tenantBase], [vdc, `${tenantBase}/vdcs/${uuid(vdc)}`], [vapp, vappPage]];
    for (const [node, url] of cases) {
      const { opened, statuses } = await run(Commands.openInPortal, [node, [node]], [{ kind: 'external', match: new RegExp(`^${esc(url)}$`) }]);
      assert.deepEqual(opened, [url]);
      assert.match(statuses.join(), /^Opened (organization|VDC|vApp) “.*” in the VCD portal of /);
    }
    const { opened } = await run(Commands.openInPortal, [vm, [vm]], [
      { kind: 'external', match: new RegExp(`^${esc(vappPage)}$`) },
      { kind: 'message', match: new RegExp(`^Opened vApp “${esc(label(vapp))}” in the tenant portal of .*, which lists VM “${esc(label(vm))}”: the portal has no known address for a VM's own page\\.$`) },
    ]);
    assert.deepEqual(opened, [vappPage]);
  });

  it('Open in VCD Portal on a System site opens the provider portal and says where to find the entity', async () => {
    const { vm } = await systemPath(sim.tenant.org);
    const { opened } = await run(Commands.openInPortal, [vm, [vm]], [
      { kind: 'external', match: new RegExp(`^${sim.url.replace(/\./g, '\\.')}/provider$`) },
      { kind: 'message', match: new RegExp(`^Opened the provider portal of .*: it has no known address for the page of VM “.*”\\. Find it in organization “${sim.tenant.org}” under Resources → Cloud Resources → Organizations\\.$`) },
    ]);
    assert.deepEqual(opened, [`${sim.url}/provider`]);
  });

  it('needs a node: from a keybinding it says where it works and copies nothing', async () => {
    for (const command of [Commands.copyAsCurl, Commands.copyName, Commands.openInPortal]) {
      const { clipboard, opened } = await run(command, [], [{ kind: 'message', match: /works on (a vApp or VM|an organization, VDC, vApp or VM) in the Sites view/ }]);
      assert.equal(clipboard, '(clipboard before the command)');
      assert.deepEqual(opened, []);
    }
    // A curl command for a VDC is not offered: it says so instead of copying the wrong thing.
    const { vdc } = await tenantPath();
    const { clipboard } = await run(Commands.copyAsCurl, [vdc, [vdc]], [{ kind: 'message', match: /^Copy as curl works on a vApp or VM in the Sites view/ }]);
    assert.equal(clipboard, '(clipboard before the command)');
  });

  describe('forged arguments', () => {
    let evil: ForgedHost;
    let evilUrl: string;

    before(async () => {
      evil = await startForgedHost();
      evilUrl = evil.url;
    });
    after(async () => {
      await evil?.close();
    });

    /** A copy of a real node (same class) whose fields an attacker changed. */
    function forge<T extends object>(node: T, changes: Record<string, unknown>): T {
      return Object.assign(Object.create(Object.getPrototypeOf(node) as object) as T, node, changes);
    }

    it('a node whose site carries another URL: everything points at the configured host', async () => {
      const { vapp, vm } = await tenantPath();
      const forged = forge(vm, { site: { ...vm.site, baseUrl: evilUrl, url: evilUrl } });
      const curl = await run(Commands.copyAsCurl, [forged]);
      assert.ok(curl.clipboard.includes(`'${sim.url}/api/vApp/vm-`) && curl.clipboard.includes(`'${sim.url}/oauth/tenant/`));
      assert.ok(!curl.clipboard.includes('127.0.0.3'));
      const powerShell = await run(Commands.copyAsPowerShell, [forged]);
      assert.ok(!powerShell.clipboard.includes('127.0.0.3') && powerShell.clipboard.includes(sim.url));
      assert.equal((await run(Commands.copyHref, [forged])).clipboard, vm.href);
      const portal = await run(Commands.openInPortal, [forge(vapp, { site: { ...vapp.site, baseUrl: evilUrl } })], [{ kind: 'external', match: new RegExp(`^${sim.url.replace(/\./g, '\\.')}/tenant/`) }]);
      assert.equal(portal.opened.length, 1);
      assert.equal(evil.connections(), 0);
    });

    it('a node whose href is on another host is refused, and nothing is copied or opened', async () => {
      const { vm } = await tenantPath();
      const forged = forge(vm, { href: vm.href.replace(sim.url, evilUrl) });
      for (const command of [Commands.copyAsCurl, Commands.copyAsPowerShell, Commands.copyHref, Commands.copyId, Commands.openInPortal]) {
        const result = await run(command, [forged], [{ kind: 'message', match: /points to another host than Copy tenant; it is not used/ }]);
        assert.equal(result.clipboard, '(clipboard before the command)', command);
        assert.deepEqual(result.opened, []);
      }
      assert.equal(evil.connections(), 0);
    });

    it('a plain object shaped like a node, or a site that is not configured, is not used', async () => {
      const { vm } = await tenantPath();
      const plain = { id: vm.id, href: `${evilUrl}/api/vApp/vm-1`, name: 'forged', site: { id: tenantSiteId, baseUrl: evilUrl }, record: { kind: 'vm' } };
      const asPlain = await run(Commands.copyAsCurl, [plain], [{ kind: 'message', match: /works on a vApp or VM in the Sites view/ }]);
      assert.equal(asPlain.clipboard, '(clipboard before the command)');
      const unknownSite = forge(vm, { site: { ...vm.site, id: 'evil@127.0.0.3', baseUrl: evilUrl } });
      const result = await run(Commands.copyAsCurl, [unknownSite], [{ kind: 'message', match: /is no longer configured/ }]);
      assert.equal(result.clipboard, '(clipboard before the command)');
      assert.equal(evil.connections(), 0);
    });
  });
});
