// Certificate trust inside VS Code's network layer (which replaces an extension's agent for every host but
// localhost and 127.0.0.1): sites at 127.0.0.2 with a self-signed certificate, a leaf of a private CA the server does
// not send, a certificate saved by version 0.1 as a fingerprint only, an expired trusted certificate, and the error
// message that offers Trust Certificate… when a site's certificate is no longer trusted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fromUriComponents } from '../../../src/documents/uri';
import { Commands } from '../../../src/ids';
import type { TreeNode } from '../../../src/tree/node';
import { makeCaAndLeaf, makeCertificate, startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { useSites } from '../../support/extensionSites';
import { until } from '../../support/until';
import { children, fingerprintOf, fixture, item, label, siteNode, withScript } from './fixture';

const DAY = 86_400_000;

describe('certificate trust through VS Code\'s network layer', function () {
  this.timeout(120_000);
  const sims: Simulator[] = [];
  const sites = useSites(fixture);

  async function serve(options: SimulatorOptions = {}): Promise<Simulator> {
    const sim = await startSimulator({ size: 'demo', ...options });
    sims.push(sim);
    return sim;
  }

  /** A tenant site for the simulator, saved in the settings with this trust (none: not trusted), its API token in SecretStorage. */
  function addSite(sim: Simulator, name: string, trust?: { certificate?: string; pinnedFingerprint256?: string }): Promise<string> {
    return sites.add(sim, { name, user: 'tenant', trust: trust ?? 'none' });
  }

  async function vmsUnder(node: TreeNode): Promise<string[]> {
    const orgs = await children(node);
    const names: string[] = [];
    for (const org of orgs) for (const vdc of await children(org)) for (const vapp of await children(vdc)) for (const vm of await children(vapp)) if (/^vcd\.vm\b/.test(item(vm).contextValue ?? '')) names.push(label(vm));
    return names.sort();
  }

  after(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  it('runs where VS Code\'s network layer is active and does not exempt the simulator\'s address', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require('https') as Record<string, unknown>;
    assert.ok('__vscodeOriginal' in https, 'the https module of this extension host is VS Code\'s patched one');
    const sim = await serve();
    assert.ok(!['127.0.0.1', 'localhost'].includes(new URL(sim.url).hostname), `the simulator is at ${sim.url}`);
  });

  it('a private CA the server does not send: the error node offers Trust Certificate…, and trusting the leaf gives a working tree', async () => {
    const { api } = await fixture();
    const { ca, leaf } = await makeCaAndLeaf();
    const sim = await serve({ certificate: { certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem } });
    const id = await addSite(sim, 'Private CA');
    const [error] = await children(await siteNode(id));
    assert.equal(item(error).contextValue, 'vcd.error+certificate');
    assert.match(label(error), /certificate of .* is not trusted/);
    assert.equal(sim.counters.requests, 0, 'nothing was sent to the untrusted server');
    const command = item(error).command!;
    assert.equal(command.command, Commands.trustCertificate);
    await withScript(
      [
        {
          kind: 'message', match: /certificate of .* is not trusted/, answer: 'Trust This Certificate',
          check: (r) => {
            assert.equal(r.modal, true);
            assert.ok(r.detail?.includes(leaf.fingerprint256), 'the fingerprint is shown');
            assert.match(r.detail ?? '', /Issuer: .*VCD Simulator Test CA/);
            assert.doesNotMatch(r.detail ?? '', /self-signed/);
          },
        },
      ],
      () => vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[])),
    );
    assert.equal(fingerprintOf(api.config.site(id)?.trust?.certificate), leaf.fingerprint256, 'the leaf itself is trusted, not its CA');
    assert.deepEqual(await vmsUnder(await siteNode(id)), [...sim.inventory.vmNames({ orgName: sim.tenant.org })].sort(), 'browses down to every VM');
  });

  it('a site saved by version 0.1 with only a pinned fingerprint keeps working, and its certificate is stored on the first connection', async () => {
    const { api } = await fixture();
    const sim = await serve();
    const id = await addSite(sim, 'Pinned (0.1)', { pinnedFingerprint256: sim.certificate!.fingerprint256 });
    const stored = new Promise<void>((resolve) => {
      const sub = api.config.onDidChange((settings) => {
        if (settings.sites.find((s) => s.id === id)?.trust?.certificate) {
          sub.dispose();
          resolve();
        }
      });
    });
    assert.deepEqual((await children(await siteNode(id))).map(label), [sim.tenant.org]);
    await stored;
    const trust = api.config.site(id)?.trust;
    assert.equal(fingerprintOf(trust?.certificate), sim.certificate!.fingerprint256);
    assert.equal(trust?.pinnedFingerprint256, undefined, 'the certificate replaces the fingerprint');
    assert.deepEqual((await children(await siteNode(id))).map(label), [sim.tenant.org], 'and still works with the stored certificate');
  });

  it('an expired trusted certificate is refused with a message that says so; Trust Certificate… explains why it cannot be trusted', async () => {
    const { api } = await fixture();
    const expired = await makeCertificate({ commonName: '127.0.0.2', altNames: ['127.0.0.2'], notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
    const sim = await serve({ certificate: expired });
    const id = await addSite(sim, 'Expired', { certificate: expired.certPem });
    const [error] = await children(await siteNode(id));
    assert.match(label(error), /has expired/);
    assert.equal(item(error).contextValue, 'vcd.error+certificate');
    const command = item(error).command!;
    await withScript(
      [
        {
          kind: 'message', match: /cannot be trusted/,
          check: (r) => {
            assert.equal(r.modal, true);
            assert.match(r.detail ?? '', /expired on/);
            assert.deepEqual(r.actions ?? [], [], 'no button that would trust it');
          },
        },
      ],
      () => vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[])),
    );
    assert.equal(fingerprintOf(api.config.site(id)?.trust?.certificate), expired.fingerprint256, 'the settings are unchanged');
    assert.equal(sim.counters.requests, 0);
  });

  it('an error message offers Trust Certificate… when the certificate is no longer trusted, and then does what was asked', async () => {
    const { api } = await fixture();
    const sim = await serve();
    const id = await sites.add(sim, { name: 'No longer trusted', user: 'tenant', trust: 'certificate' });
    await api.config.setSiteTrust(api.config.site(id)!, undefined);
    await withScript(
      [
        {
          kind: 'message', match: /certificate/i, answer: 'Trust Certificate…',
          check: (r) => { assert.equal(r.severity, 'error'); assert.ok(!r.modal); },
        },
        { kind: 'message', match: /certificate of .* is not trusted/, answer: 'Trust This Certificate', check: (r) => assert.ok(r.detail?.includes(sim.certificate!.fingerprint256)) },
      ],
      // The command ends once it has reported its error (it never waits for the message to be closed); what the
      // person chooses in the message runs then: trusting the certificate, and the command again.
      async () => {
        await vscode.commands.executeCommand(Commands.openApiPath, id, '/api/org');
        const opened = (): boolean => {
          const uri = vscode.window.activeTextEditor?.document.uri;
          return uri?.scheme === 'vcd-api' && fromUriComponents({ path: uri.path, query: uri.query }).siteId === id;
        };
        await until(opened, 'the API path of this site opens once the certificate is trusted');
      },
    );
    assert.equal(fingerprintOf(api.config.site(id)?.trust?.certificate), sim.certificate!.fingerprint256, 'the certificate is trusted for the site');
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, 'vcd-api', 'the API path was opened after trusting');
    assert.match(doc.getText(), /200 OK/);
  });
});
