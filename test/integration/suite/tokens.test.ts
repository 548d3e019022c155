// API tokens inside a real extension host, on a simulator of its own with one tenant site: a missing or rejected
// token on the site and Set API Token…, Revoke API Token… and Rotate API Token… with a user session (a wrong
// password first, a failing step), the portal for SSO users, and another window changing the token in SecretStorage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { apiTokenKey } from '../../../src/auth';
import { Commands } from '../../../src/ids';
import { exchangeApiToken } from '../../../src/vcd';
import { startSimulator, type Simulator } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { children, fixture, item, label, pickByValue, siteNode, withScript } from './fixture';

describe('API tokens', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let tenant: string;
  const sites = useSites(fixture);

  before(async () => {
    const { secrets } = await fixture();
    sim = await startSimulator({ size: 'demo' });
    secrets.add(sim.tenant.password);
    tenant = await sites.add(sim, { name: 'Tokens', user: 'tenant' });
  });
  after(async () => {
    await sim?.close();
  });

  /** How a script or a test reaches the server itself: trusting the simulator's certificate. */
  const connection = () => ({ baseUrl: sim.url, trust: { caCertificates: [sim.certificate!.certPem] } });

  /** A new API token of the tenant user, stored for the site (and kept among the secrets of the leak scan). */
  async function storeNewToken(name: string): Promise<string> {
    const { api, secrets } = await fixture();
    const token = sim.createApiToken(sim.tenant.org, sim.tenant.user, name);
    secrets.add(token);
    await api.tokens.setApiToken(tenant, token);
    return token;
  }

  it('shows a missing token on the site with Set API Token…, and Set API Token… fixes it', async () => {
    const { api } = await fixture();
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
    const { api } = await fixture();
    const extra = await storeNewToken('will-be-revoked');
    sim.revokeApiToken(extra);
    const kids = await children(await siteNode(tenant));
    assert.equal(item(kids[0]).contextValue, 'vcd.setToken+rejected');
    assert.equal(item(await siteNode(tenant)).contextValue, 'vcd.site+rejected');
    await api.tokens.setApiToken(tenant, sim.tenant.apiToken);
    assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org]);
  });

  it('revokes the site\'s own token with a user session after a wrong password', async () => {
    const { api } = await fixture();
    const own = await storeNewToken('to-revoke');
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
    await assert.rejects(exchangeApiToken(connection(), sim.tenant.org, own), /./, 'revoked on the server');
    await api.tokens.setApiToken(tenant, sim.tenant.apiToken);
  });

  it('offers the portal for SSO users', async () => {
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
    const { api, secrets } = await fixture();
    const old = await storeNewToken('old-token');
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
    await exchangeApiToken(connection(), sim.tenant.org, now);
    await assert.rejects(exchangeApiToken(connection(), sim.tenant.org, old));
    assert.deepEqual((await children(await siteNode(tenant))).map(label), [sim.tenant.org]);
  });

  it('says which step failed when revoking the old token fails, and keeps the new working token', async () => {
    const { api, secrets } = await fixture();
    const old = await storeNewToken('old-token-2');
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
    await exchangeApiToken(connection(), sim.tenant.org, now);
    await exchangeApiToken(connection(), sim.tenant.org, old);
  });

  it('follows another window that changes the token in SecretStorage behind the extension', async () => {
    const { api, secrets } = await fixture();
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
    // Every test here leaves the site a working token (no write here: its own echo would count as a change).
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
