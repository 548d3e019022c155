// Add Site… and Remove Site inside a real extension host, on a simulator of its own: the steps of Add Site… with
// scripted input (a server that is not a VCD, a wrong token, the untrusted certificate, Back, cancel), what is saved
// where (settings, SecretStorage), and Remove Site's confirmation and what it forgets.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import { startSimulator, type Simulator } from '../../simulator';
import { siteIdOn, useSites } from '../../support/extensionSites';
import { routeCount } from '../../support/simHelpers';
import { BACK } from './scriptedInput';
import { children, fingerprintOf, fixture, hostOf, siteNode, withScript } from './fixture';

describe('Add Site… and Remove Site', function () {
  this.timeout(120_000);
  let sim: Simulator;
  const sites = useSites(fixture);

  before(async () => {
    const { secrets } = await fixture();
    sim = await startSimulator({ size: 'demo' });
    for (const secret of [sim.tenant.apiToken, sim.provider.apiToken]) secrets.add(secret);
  });
  after(async () => {
    await sim?.close();
  });

  describe('Add Site…', () => {
    it('adds a tenant site: not-a-VCD and a wrong token send the person back to just that field; the certificate is trusted through the prompt', async () => {
      const { api } = await fixture();
      const tenant = siteIdOn(sim, sim.tenant.org);
      const host = hostOf(sim);
      sites.track(tenant);
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
      // The check's access token is kept: the site's first listing does not exchange the API token again.
      const exchanges = routeCount(sim, `POST /oauth/tenant/${encodeURIComponent(sim.tenant.org)}/token`);
      assert.equal(exchanges, 2, 'the wrong token and the right one, each checked once');
      assert.ok((await children(await siteNode(tenant))).length > 0, 'the site lists its organization');
      assert.equal(routeCount(sim, `POST /oauth/tenant/${encodeURIComponent(sim.tenant.org)}/token`), exchanges, 'no second exchange');
    });

    it('saves nothing when the person cancels, and Back returns to the previous step', async () => {
      const { api } = await fixture();
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
      const { api } = await fixture();
      const system = siteIdOn(sim, sim.provider.org);
      sites.track(system);
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

  describe('Remove Site', () => {
    let own: Simulator;
    let siteId: string;
    before(async () => {
      // A site of its own, with its token, on a simulator of its own (whatever Add Site… added stays apart).
      own = await startSimulator({ size: 'demo' });
      siteId = await sites.add(own, { name: 'To remove', user: 'provider' });
    });
    after(async () => {
      await own?.close();
    });

    it('asks first, then forgets the token and the settings entry', async () => {
      const { api } = await fixture();
      await withScript([{ kind: 'message', match: /^Remove the site/, answer: undefined }], async () =>
        vscode.commands.executeCommand(Commands.removeSite, await siteNode(siteId)),
      );
      assert.ok(api.config.site(siteId), 'kept when not confirmed');
      await withScript([{ kind: 'message', match: /^Remove the site/, answer: 'Remove' }], async () =>
        vscode.commands.executeCommand(Commands.removeSite, await siteNode(siteId)),
      );
      assert.equal(api.config.site(siteId), undefined);
      assert.equal(await api.tokens.getApiToken(siteId), undefined);
      assert.ok(!(await children()).some((n) => n.id === `site:${siteId}`));
    });
  });
});
