// Drives every command of the extension inside a real VS Code extension host against the simulator,
// with scripted user input, and checks what a person would see: tree nodes, documents, messages, storage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { apiTokenKey } from '../../../src/auth';
import { exchangeApiToken } from '../../../src/vcd';
import { startSimulator } from '../../simulator';
import { BACK } from './scriptedInput';
import { children, fingerprintOf, fixture, hostOf, item, label, setSetting, siteNode, tooltipText, withScript } from './fixture';

const STATE_WORDS = new Set(['Powered on', 'Powered off', 'Suspended', 'Partially powered off', 'Partially suspended', 'Powered off (not deployed)', 'Deployed', 'Mixed states', 'Unknown state', 'Failed creation', 'Inconsistent state', 'Waiting for input', 'Unresolved']);

async function ids() {
  const { sim } = await fixture();
  const host = hostOf(sim);
  return { tenant: `${sim.tenant.org}@${host}`.toLowerCase(), system: `${sim.provider.org}@${host}`.toLowerCase(), host };
}

async function descendants(node: TreeNode, depth: number): Promise<TreeNode[]> {
  if (depth === 0) return [node];
  const kids = await children(node);
  return (await Promise.all(kids.map((k) => descendants(k, depth - 1)))).flat();
}

function pickByValue(pred: (v: unknown) => boolean) {
  return (items: { value: unknown }[]) => items.find((i) => pred(i.value))?.value;
}

describe('Cloud Director Explorer in VS Code', function () {
  this.timeout(120_000);

  describe('Add Site…', () => {
    it('adds a tenant site: not-a-VCD and a wrong token send the person back to just that field; the certificate is trusted through the prompt', async () => {
      const { sim, api } = await fixture();
      const { tenant, host } = await ids();
      const removeFault = sim.inject({ kind: 'html', path: /^\/api\/versions/, times: 1 });
      const { result, script } = await withScript(
        [
          { kind: 'input', id: 'addSite.url', answer: host },
          { kind: 'input', id: 'addSite.org', answer: sim.tenant.org },
          { kind: 'input', id: 'addSite.token', answer: 'not-a-token', check: (r) => assert.equal(r.password, true) },
          // TLS comes first: the self-signed certificate is shown and trusted for this site.
          {
            kind: 'message', match: /certificate of .* is not trusted/, answer: 'Trust This Certificate',
            check: (r) => { assert.equal(r.modal, true); assert.ok(r.detail?.includes(sim.certificate!.fingerprint256), 'fingerprint shown'); assert.match(r.detail ?? '', /Subject: .*\nIssuer: .*\nValid from /); },
          },
          // Then the HTML answer to /api/versions: back to the URL only, the value kept.
          { kind: 'input', id: 'addSite.url', answer: host, check: (r) => { assert.match(r.validationMessage ?? '', /./, 'the URL step shows why'); assert.equal(r.value, host); } },
          // Then the wrong token: back to the token step only, with the reason.
          { kind: 'input', id: 'addSite.token', answer: sim.tenant.apiToken, check: (r) => { assert.match(r.validationMessage ?? '', /token/i); assert.equal(r.value, 'not-a-token'); } },
          { kind: 'message', match: /^Added site/ },
        ],
        () => vscode.commands.executeCommand<string>(Commands.addSite),
      );
      removeFault();
      assert.equal(result, tenant);
      assert.ok(!script.seen.some((s) => s.text.includes(sim.tenant.apiToken)), 'the token is never echoed');
      const entry = api.config.settings.sites.find((s) => s.id === tenant);
      assert.ok(entry, 'site saved in settings');
      assert.equal(fingerprintOf(entry.trust?.certificate), sim.certificate!.fingerprint256, 'the certificate itself is stored');
      assert.equal(await api.tokens.getApiToken(tenant), sim.tenant.apiToken, 'token in SecretStorage');
      const raw = JSON.stringify(vscode.workspace.getConfiguration('vcd').inspect('sites'));
      assert.ok(!raw.includes(sim.tenant.apiToken), 'token not in settings');
    });

    it('saves nothing when the person cancels, and Back returns to the previous step', async () => {
      const { sim, api } = await fixture();
      const before = api.config.settings.sites.length;
      await withScript(
        [
          { kind: 'input', id: 'addSite.url', answer: sim.url },
          { kind: 'input', id: 'addSite.org', answer: BACK },
          { kind: 'input', id: 'addSite.url', answer: sim.url, check: (r) => assert.equal(r.value, sim.url) },
          { kind: 'input', id: 'addSite.org', answer: undefined },
        ],
        () => vscode.commands.executeCommand(Commands.addSite),
      );
      assert.equal(api.config.settings.sites.length, before);
    });

    it('adds a System site from the palette', async () => {
      const { sim, api } = await fixture();
      const { system } = await ids();
      await withScript(
        [
          { kind: 'input', id: 'addSite.url', answer: sim.url },
          { kind: 'input', id: 'addSite.org', answer: 'System' },
          { kind: 'input', id: 'addSite.token', answer: sim.provider.apiToken },
          { kind: 'message', match: /not trusted/, answer: 'Trust This Certificate' },
          { kind: 'message', match: /^Added site/ },
        ],
        () => vscode.commands.executeCommand(Commands.addSite),
      );
      assert.ok(api.config.settings.sites.find((s) => s.id === system && s.isSystem));
    });
  });

  describe('Sites tree', () => {
    it('shows a tenant site with its one organization, and VMs with states in words', async () => {
      const { sim } = await fixture();
      const { tenant } = await ids();
      const site = await siteNode(tenant);
      const orgs = await children(site);
      assert.deepEqual(orgs.map(label), [sim.tenant.org]);
      assert.match(item(orgs[0]).contextValue ?? '', /^vcd\.org\b/);
      const vms = (await descendants(orgs[0], 3)).filter((n) => /^vcd\.vm\b/.test(item(n).contextValue ?? ''));
      const names = vms.map(label).sort();
      assert.deepEqual(names, [...sim.inventory.vmNames({ orgName: sim.tenant.org })].sort(), 'every VM of the org, no template VMs');
      for (const vm of vms) {
        const it = item(vm);
        assert.ok(STATE_WORDS.has(String(it.description).replace(/ · Busy$/, '')), `state in words: ${String(it.description)}`);
        assert.ok(it.iconPath instanceof vscode.ThemeIcon);
        assert.equal(it.command?.command, Commands.openResponse);
        assert.match(tooltipText(vm), /\*\*Guest OS:\*\*[\s\S]*\*\*CPUs:\*\*[\s\S]*\*\*vApp:\*\*[\s\S]*\*\*VDC:\*\*[\s\S]*\*\*Organization:\*\*/);
      }
      const running = vms.find((n) => item(n).description === 'Powered on');
      if (running) assert.equal((item(running).iconPath as vscode.ThemeIcon).id, 'vm-running');
    });

    it('shows every organization on a System site, sorted by name, with VDC counts matching the server', async () => {
      const { sim } = await fixture();
      const { system } = await ids();
      const orgs = await children(await siteNode(system));
      assert.equal(orgs.length, sim.inventory.count('organization'));
      assert.deepEqual(orgs.map(label).sort(), [...sim.inventory.orgNames()].sort());
      const tenantOrg = orgs.find((o) => label(o) === sim.tenant.org)!;
      const vdcs = await children(tenantOrg);
      assert.equal(vdcs.length, sim.inventory.count('adminOrgVdc', { orgName: sim.tenant.org }));
      const vms = (await descendants(tenantOrg, 3)).filter((n) => /^vcd\.vm\b/.test(item(n).contextValue ?? ''));
      assert.deepEqual(vms.map(label).sort(), [...sim.inventory.vmNames({ orgName: sim.tenant.org })].sort(), 'every VM, no template VMs');
      assert.ok(new Set(vms.map((v) => v.id)).size === vms.length, 'ids are unique');
    });

    it('keeps node ids stable across a refresh', async () => {
      const { tenant } = await ids();
      const first = (await children(await siteNode(tenant))).map((n) => n.id);
      await vscode.commands.executeCommand(Commands.refresh);
      const second = (await children(await siteNode(tenant))).map((n) => n.id);
      assert.deepEqual(second, first);
    });

    it('turns a failed load into an error node with Retry', async () => {
      const { sim } = await fixture();
      const { tenant } = await ids();
      // A tenant site finds its organization in the session's org list (GET /api/org), the System site by query.
      const remove = sim.inject({ kind: 'status', status: 503, path: /^\/api\/(query|org)\b/, times: 1000 });
      const site = await siteNode(tenant);
      const kids = await children(site);
      remove();
      assert.equal(kids.length, 1);
      const err = item(kids[0]);
      assert.equal(err.contextValue, 'vcd.error');
      assert.match(label(kids[0]), /^Could not load the organization: .* had an internal error \(HTTP 503/);
      assert.equal(err.command?.command, Commands.retry);
      await vscode.commands.executeCommand(Commands.retry, kids[0]);
      assert.deepEqual((await children(site)).map(label), [sim.tenant.org]);
    });
  });

  describe('raw API responses', () => {
    it('opens a VM as a read-only XML document with the request visible and no token', async () => {
      const { sim, api } = await fixture();
      const { tenant } = await ids();
      const org = (await children(await siteNode(tenant)))[0];
      const vm = (await descendants(org, 3)).find((n) => /^vcd\.vm\b/.test(item(n).contextValue ?? ''))!;
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
      assert.equal(doc.uri.scheme, 'vcd-api');
      assert.equal(doc.languageId, 'xml');
      const text = doc.getText();
      assert.match(text, /<Vm[\s>]/);
      assert.match(text, new RegExp(`GET ${sim.url.replace(/[.]/g, '\\.')}/api/vApp/vm-`));
      assert.match(text, /200 OK · API \d+\.\d+ · \d+ ms/);
      assert.ok(!text.includes(sim.tenant.apiToken));
      assert.ok(!/Bearer|authorization/i.test(text));
      const response = api.documents.response(doc.uri);
      assert.ok(response && text.endsWith(response.body.slice(-200)), 'body kept as received');
    });

    it('opens any /api path from the palette after asking for the site and validating the path', async () => {
      const { sim } = await fixture();
      const { tenant } = await ids();
      const { result } = await withScript(
        [
          { kind: 'pick', id: 'pickSite', choose: pickByValue((v) => (v as { id: string }).id === tenant) },
          { kind: 'input', id: 'openApiPath.path', answer: '/api/org', check: (r) => { assert.ok(r.validate?.('https://elsewhere.example.com/api/org')); assert.ok(r.validate?.('/etc/passwd')); } },
        ],
        () => vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath),
      );
      assert.match(result.getText(), /<OrgList/);
      assert.ok(!result.getText().includes(sim.tenant.apiToken));
      await vscode.commands.executeCommand(Commands.refresh, result.uri);
      assert.match(result.getText(), /<OrgList/);
    });

    it('opens /cloudapi paths as JSON (with comments) although raw responses are XML, and the body parses', async () => {
      const { api } = await fixture();
      const { tenant } = await ids();
      assert.equal(api.config.settings.responseFormat, 'xml', 'the setting asks for XML');
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, tenant, '/cloudapi/1.0.0/sessions/current');
      assert.equal(doc.languageId, 'jsonc');
      assert.match(doc.uri.path, /\/current\.json$/, 'the tab is named .json');
      const lines = doc.getText().split('\n');
      const preamble = lines.findIndex((l) => !l.startsWith('//'));
      assert.match(lines[0], /^\/\/ GET https:\/\/\S+\/cloudapi\/1\.0\.0\/sessions\/current$/);
      assert.ok(!doc.getText().includes('<!--'), 'no XML comment');
      const body = JSON.parse(lines.slice(preamble).join('\n')) as { user?: { name?: string } };
      assert.equal(body.user?.name, (await fixture()).sim.tenant.user);
      assert.equal(lines.slice(preamble).join('\n'), api.documents.response(doc.uri)?.body, 'the body as received');
      const diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(diagnostics.map((d) => d.message), [], 'no error squiggles');
    });
  });

  describe('tokens', () => {
    it('shows a missing token on the site with Set API Token…, and Set API Token… fixes it', async () => {
      const { sim, api } = await fixture();
      const { tenant } = await ids();
      await api.tokens.deleteApiToken(tenant);
      const kids = await children(await siteNode(tenant));
      assert.equal(item(kids[0]).contextValue, 'vcd.setToken+noToken');
      assert.equal(item(kids[0]).command?.command, Commands.setToken);
      assert.equal(item(await siteNode(tenant)).contextValue, 'vcd.site+noToken');
      await withScript(
        [
          { kind: 'input', id: 'setToken.token', answer: 'wrong' },
          { kind: 'input', id: 'setToken.token', answer: sim.tenant.apiToken, check: (r) => assert.ok(r.validationMessage) },
          { kind: 'message', match: /^Stored the API token/ },
        ],
        () => vscode.commands.executeCommand(Commands.setToken, kids[0]),
      );
      assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org]);
    });

    it('shows a rejected (revoked elsewhere) token as such', async () => {
      const { sim, api, secrets } = await fixture();
      const { tenant } = await ids();
      const extra = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'will-be-revoked');
      secrets.add(extra);
      await api.tokens.setApiToken(tenant, extra);
      sim.revokeApiToken(extra);
      const kids = await children(await siteNode(tenant));
      assert.equal(item(kids[0]).contextValue, 'vcd.setToken+rejected');
      assert.equal(item(await siteNode(tenant)).contextValue, 'vcd.site+rejected');
      await api.tokens.setApiToken(tenant, sim.tenant.apiToken);
      assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org]);
    });

    it('revokes the site\'s own token with a user session after a wrong password', async () => {
      const { sim, api, secrets } = await fixture();
      const { tenant } = await ids();
      const own = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'to-revoke');
      secrets.add(own);
      await api.tokens.setApiToken(tenant, own);
      await withScript(
        [
          { kind: 'pick', id: 'revokeToken.method', choose: pickByValue((v) => v === 'password') },
          { kind: 'input', id: 'session.password', answer: 'wrong-password', check: (r) => { assert.equal(r.password, true); assert.match(r.prompt ?? '', new RegExp(sim.tenant.user)); } },
          { kind: 'input', id: 'session.password', answer: sim.tenant.password, check: (r) => assert.ok(r.validationMessage) },
          {
            kind: 'pick', id: 'revokeToken.token',
            choose: (items) => items.find((i) => /used by/.test(i.description ?? ''))?.value,
            check: (r) => { assert.ok(r.items.some((i) => i.label === 'to-revoke' && /used by/.test(i.description ?? ''))); assert.ok(!r.items.some((i) => i.label === 'proxy-console')); },
          },
          { kind: 'message', match: /^Revoke the API token "to-revoke"\?/, answer: 'Revoke', check: (r) => assert.equal(r.modal, true) },
          { kind: 'message', match: /^Revoked the API token "to-revoke"/ },
        ],
        async () => vscode.commands.executeCommand(Commands.revokeToken, await siteNode(tenant)),
      );
      assert.equal(await api.tokens.getApiToken(tenant), undefined, 'gone from SecretStorage');
      assert.equal(item(await siteNode(tenant)).contextValue, 'vcd.site+noToken');
      const conn = { baseUrl: sim.url, trust: { caCertificates: [sim.certificate!.certPem] } };
      await assert.rejects(exchangeApiToken(conn, sim.tenant.org, own), /./, 'revoked on the server');
      await api.tokens.setApiToken(tenant, sim.tenant.apiToken);
    });

    it('offers the portal for SSO users', async () => {
      const { tenant } = await ids();
      await withScript(
        [
          { kind: 'pick', id: 'revokeToken.method', choose: pickByValue((v) => v === 'sso') },
          { kind: 'external', match: /\/tenant\/[^/]+\/administration\/settings\/user-preferences$/ },
          { kind: 'message', match: /API Tokens page/ },
        ],
        () => vscode.commands.executeCommand(Commands.revokeToken, tenant),
      );
    });

    it('rotates: new token created, verified, stored; old one revoked', async () => {
      const { sim, api, secrets } = await fixture();
      const { tenant } = await ids();
      const old = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'old-token');
      secrets.add(old);
      await api.tokens.setApiToken(tenant, old);
      await withScript(
        [
          { kind: 'pick', id: 'rotateToken.method', choose: pickByValue((v) => v === 'password') },
          { kind: 'input', id: 'session.password', answer: sim.tenant.password },
          { kind: 'message', match: /^Rotated the API token .* the old token "old-token" was revoked/ },
        ],
        () => vscode.commands.executeCommand(Commands.rotateToken, tenant),
      );
      const now = await api.tokens.getApiToken(tenant);
      assert.ok(now && now !== old);
      secrets.add(now);
      const conn = { baseUrl: sim.url, trust: { caCertificates: [sim.certificate!.certPem] } };
      await exchangeApiToken(conn, sim.tenant.org, now);
      await assert.rejects(exchangeApiToken(conn, sim.tenant.org, old));
      assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org]);
    });

    it('says which step failed when revoking the old token fails, and keeps the new working token', async () => {
      const { sim, api, secrets } = await fixture();
      const { tenant } = await ids();
      const old = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'old-token-2');
      secrets.add(old);
      await api.tokens.setApiToken(tenant, old);
      const remove = sim.inject({ kind: 'status', status: 500, path: /^\/cloudapi\/1\.0\.0\/tokens\/urn/, times: 1000 });
      try {
        await withScript(
          [
            { kind: 'pick', id: 'rotateToken.method', choose: pickByValue((v) => v === 'password') },
            { kind: 'input', id: 'session.password', answer: sim.tenant.password },
            { kind: 'message', match: /failed at step "revoke the old token".*now uses the new token.*"old-token-2" is still valid on the server/ },
          ],
          () => vscode.commands.executeCommand(Commands.rotateToken, tenant),
        );
      } finally {
        remove();
      }
      const now = await api.tokens.getApiToken(tenant);
      assert.ok(now && now !== old, 'the new token is stored');
      secrets.add(now);
      const conn = { baseUrl: sim.url, trust: { caCertificates: [sim.certificate!.certPem] } };
      await exchangeApiToken(conn, sim.tenant.org, now);
      await exchangeApiToken(conn, sim.tenant.org, old);
    });
  });

  describe('Refresh', () => {
    /** The nodes (undefined: the whole view) the tree announced as changed while the command ran. */
    async function changedBy(args: unknown[], command: string = Commands.refresh): Promise<(TreeNode | undefined)[]> {
      const { api } = await fixture();
      const fired: (TreeNode | undefined)[] = [];
      const sub = api.tree.onDidChangeTreeData((node) => fired.push(node ?? undefined));
      try {
        await vscode.commands.executeCommand(command, ...args);
      } finally {
        sub.dispose();
      }
      return fired;
    }

    it('reloads the whole view from the view title although a node is focused, and only the node from its own actions', async () => {
      const { tenant } = await ids();
      const org = (await children(await siteNode(tenant)))[0];
      const vm = (await descendants(org, 3)).find((n) => /^vcd\.vm\b/.test(item(n).contextValue ?? ''))!;
      // The view title (its own command) passes the focused node; a node's inline action or menu passes it with the
      // selection (undefined unless several nodes are selected); the palette passes nothing.
      const wholeView = (fired: (TreeNode | undefined)[]) => fired.includes(undefined);
      assert.ok(wholeView(await changedBy([vm, undefined], Commands.refreshView)), 'view title: the whole view');
      assert.ok(wholeView(await changedBy([])), 'palette: the whole view');
      for (const args of [[org, undefined], [org, [org]]]) {
        const fired = await changedBy(args);
        assert.ok(fired.includes(org) && !wholeView(fired), 'inline action or context menu: that node only');
      }
      // A VM's state comes from its vApp's listing: its own Refresh reloads that listing.
      const fired = await changedBy([vm, undefined]);
      assert.ok(fired.includes(vm.parent) && !wholeView(fired), "a VM's Refresh reloads its vApp");
    });
  });

  describe('raw API response tabs', () => {
    it("are named after the resource and one per resource, from the tree or from Open API Path…", async () => {
      const { api } = await fixture();
      const { tenant } = await ids();
      const org = (await children(await siteNode(tenant)))[0];
      const vm = (await descendants(org, 3)).find((n) => /^vcd\.vm\b/.test(item(n).contextValue ?? '')) as TreeNode & { name: string; href: string };
      const fromTree = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
      assert.equal(fromTree.uri.path.split('/').pop(), `${vm.name}.xml`, 'the tab shows the VM name');
      assert.equal(fromTree.languageId, 'xml');
      const path = new URL(vm.href).pathname;
      const typed = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openApiPath, tenant, path);
      assert.equal(typed.uri.toString(), fromTree.uri.toString(), 'Open API Path… shows the tab the tree opened');
      const again = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, vm);
      assert.equal(again.uri.toString(), fromTree.uri.toString());
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'vcd-api' && t.input.uri.query.includes(encodeURIComponent(path)));
      assert.equal(tabs.length, 1, 'one tab for the resource');
      assert.equal(tabs[0].label, `${vm.name}.xml`);
      assert.match(api.documents.response(fromTree.uri)?.url ?? '', new RegExp(`${path}$`));
    });
  });

  describe('Load more…', () => {
    it('lists vcd.maxChildren VMs of a big vApp, then the next ones on each Load more…, in server order', async () => {
      const { api, secrets } = await fixture();
      const big = await startSimulator({ size: { orgs: 1, vdcsPerOrg: 1, vappsPerVdc: 1, vmsPerVapp: 230 }, seed: 3 });
      secrets.add(big.tenant.apiToken);
      const siteId = `${big.tenant.org}@${hostOf(big)}`.toLowerCase();
      const site = { name: 'big', url: big.url, org: big.tenant.org, trust: { certificate: big.certificate!.certPem } };
      try {
        await api.tokens.setApiToken(siteId, big.tenant.apiToken);
        await api.config.addSite(site);
        await setSetting('maxChildren', 100, 100);
        const vapp = (await descendants(await siteNode(siteId), 3))[0];
        assert.match(item(vapp).contextValue ?? '', /^vcd\.vapp\b/);
        const expected = big.inventory.vmNames();
        assert.equal(expected.length, 230);
        const loadMore = async (shown: number): Promise<TreeNode[]> => {
          const kids = await children(vapp);
          assert.equal(kids.length, shown + 1, `${shown} VMs and Load more…`);
          assert.deepEqual(kids.slice(0, shown).map(label), expected.slice(0, shown), 'the first VMs in server order');
          const more = kids[shown];
          assert.equal(label(more), 'Load more…');
          assert.equal(item(more).description, `${shown} of 230 shown`);
          assert.equal(item(more).command?.command, Commands.loadMore);
          await vscode.commands.executeCommand(Commands.loadMore, ...((item(more).command?.arguments ?? []) as unknown[]));
          return kids;
        };
        await loadMore(100);
        await loadMore(200);
        assert.deepEqual((await children(vapp)).map(label), expected, 'all 230 VMs, no Load more…');
        await vscode.commands.executeCommand(Commands.refresh, vapp, undefined);
        assert.equal((await children(vapp)).length, 101, 'a refresh starts again at vcd.maxChildren');
      } finally {
        await setSetting('maxChildren', undefined, 2000);
        const entry = api.config.site(siteId);
        if (entry) await api.config.removeSite(entry);
        await api.tokens.deleteApiToken(siteId);
        await big.close();
      }
    });
  });

  describe('a list that changes while it loads', () => {
    it('ends the level with a warning that Refresh shows the current state, and its Refresh does', async () => {
      const { api, secrets } = await fixture();
      const big = await startSimulator({ size: { orgs: 1, vdcsPerOrg: 1, vappsPerVdc: 1, vmsPerVapp: 300 }, seed: 4 });
      secrets.add(big.tenant.apiToken);
      const siteId = `${big.tenant.org}@${hostOf(big)}`.toLowerCase();
      const site = { name: 'changing', url: big.url, org: big.tenant.org, trust: { pinnedFingerprint256: big.certificate!.fingerprint256 } };
      try {
        await api.tokens.setApiToken(siteId, big.tenant.apiToken);
        await api.config.addSite(site);
        const vapp = (await descendants(await siteNode(siteId), 3))[0];
        const expected = big.inventory.vmNames();
        // Every reading of the VMs finds another total on its second page, as when another client creates VMs meanwhile.
        const stop = big.inject({ kind: 'pageEnvelope', total: 301, path: /^\/api\/query\?type=vm&format=records&page=2&/ });
        const kids = await children(vapp);
        const warning = kids[kids.length - 1];
        assert.equal(label(warning), 'The list of VMs changed while loading');
        assert.equal(item(warning).description, 'Refresh shows the current state');
        assert.match(item(warning).contextValue ?? '', /^vcd\.message\+listChanged$/);
        assert.deepEqual(kids.slice(0, -1).map(label), expected, 'the VMs read, in server order, each once');
        assert.ok(api.logLines().some((l) => /changing: the VMs changed on the server while they loaded/.test(l)));
        stop();
        await vscode.commands.executeCommand(item(warning).command!.command, ...((item(warning).command?.arguments ?? []) as unknown[]));
        assert.deepEqual((await children(vapp)).map(label), expected, 'after Refresh: the current list, no warning');
      } finally {
        const entry = api.config.site(siteId);
        if (entry) await api.config.removeSite(entry);
        await api.tokens.deleteApiToken(siteId);
        await big.close();
      }
    });
  });

  describe('error messages', () => {
    it('offer Trust Certificate… when the certificate is no longer trusted, and then do what was asked', async () => {
      const { sim, api } = await fixture();
      const { tenant } = await ids();
      const site = api.config.site(tenant)!;
      const trust = site.trust;
      await api.config.setSiteTrust(site, undefined);
      try {
        await withScript(
          [
            {
              kind: 'message', match: /certificate/i, answer: 'Trust Certificate…',
              check: (r) => { assert.equal(r.severity, 'error'); assert.ok(!r.modal); },
            },
            { kind: 'message', match: /certificate of .* is not trusted/, answer: 'Trust This Certificate', check: (r) => assert.ok(r.detail?.includes(sim.certificate!.fingerprint256)) },
          ],
          () => vscode.commands.executeCommand(Commands.openApiPath, tenant, '/api/org'),
        );
        assert.equal(fingerprintOf(api.config.site(tenant)?.trust?.certificate), sim.certificate!.fingerprint256, 'the certificate is trusted for the site');
        const doc = vscode.window.activeTextEditor?.document;
        assert.equal(doc?.uri.scheme, 'vcd-api', 'the API path was opened after trusting');
        assert.match(doc.getText(), /200 OK/);
      } finally {
        await api.config.setSiteTrust(api.config.site(tenant)!, trust);
      }
    });
  });

  describe('another window changes the token', () => {
    it('the tree follows when SecretStorage changes behind the extension', async () => {
      const { sim, api, secrets } = await fixture();
      const { tenant } = await ids();
      const key = apiTokenKey(tenant);
      /** Resolves when the whole view is reloaded (what the extension does when SecretStorage changes). */
      const treeChanged = (): Promise<void> =>
        new Promise((resolve) => {
          const sub = api.tree.onDidChangeTreeData((node) => {
            if (node) return;
            sub.dispose();
            resolve();
          });
        });
      assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org], 'working before');
      // Another window stores a token that the server no longer accepts: the cached access token must go too.
      const revoked = sim.createApiToken(sim.tenant.org, sim.tenant.user, 'other-window');
      secrets.add(revoked);
      sim.revokeApiToken(revoked);
      let changed = treeChanged();
      await api.secretStorage.store(key, revoked);
      await changed;
      assert.equal(item((await children(await siteNode(tenant)))[0]).contextValue, 'vcd.setToken+rejected');
      // Another window removes the site's token.
      changed = treeChanged();
      await api.secretStorage.delete(key);
      await changed;
      assert.equal(item((await children(await siteNode(tenant)))[0]).contextValue, 'vcd.setToken+noToken');
      assert.equal(item(await siteNode(tenant)).contextValue, 'vcd.site+noToken');
      // And stores a working one again.
      changed = treeChanged();
      await api.secretStorage.store(key, sim.tenant.apiToken);
      await changed;
      assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org]);
    });
  });

  describe('nothing leaks', () => {
    it('finds no token or password in settings, log, documents, tooltips or messages', async () => {
      const f = await fixture();
      const { tenant, system } = await ids();
      const current = [await f.api.tokens.getApiToken(tenant), await f.api.tokens.getApiToken(system)];
      for (const t of current) if (t) f.secrets.add(t);
      const texts: [string, string][] = [];
      texts.push(['settings', JSON.stringify(vscode.workspace.getConfiguration('vcd'))]);
      texts.push(['log', f.api.logLines().join('\n')]);
      for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'vcd-api')) texts.push([doc.uri.toString(), doc.getText()]);
      for (const site of await children()) {
        texts.push(['tooltip', tooltipText(site)]);
        for (const node of await descendants(site, 2)) texts.push(['tooltip', tooltipText(node) + String(item(node).description ?? '')]);
      }
      for (const s of f.scripts) for (const m of s.seen) texts.push([`message ${m.kind}`, m.text]);
      assert.ok(f.api.logLines().some((l) => /GET \S*\/api\/query/.test(l)), 'the log has request lines');
      for (const secret of f.secrets) {
        for (const [where, text] of texts) assert.ok(!text.includes(secret), `a secret appears in ${where}`);
      }
    });
  });

  describe('Remove Site', () => {
    it('asks first, then forgets the token and the settings entry', async () => {
      const { api } = await fixture();
      const { system } = await ids();
      await withScript([{ kind: 'message', match: /^Remove the site/, answer: undefined }], async () =>
        vscode.commands.executeCommand(Commands.removeSite, await siteNode(system)),
      );
      assert.ok(api.config.site(system), 'kept when not confirmed');
      await withScript([{ kind: 'message', match: /^Remove the site/, answer: 'Remove' }], async () =>
        vscode.commands.executeCommand(Commands.removeSite, await siteNode(system)),
      );
      assert.equal(api.config.site(system), undefined);
      assert.equal(await api.tokens.getApiToken(system), undefined);
      assert.ok(!(await children()).some((n) => n.id === `site:${system}`));
    });
  });

  after(async () => {
    const f = await fixture();
    await vscode.workspace.getConfiguration('vcd').update('sites', [], vscode.ConfigurationTarget.Global);
    await f.sim.close();
  });
});
