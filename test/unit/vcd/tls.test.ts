// TLS trust: system CAs + the site's trust anchors (CA PEMs and a trusted server certificate), partial-chain trust
// for a trusted leaf of a private CA, host names and dates always checked, the older pinned-fingerprint settings
// resolved once to their certificate, the certificate probe, and no request path that turns verification off.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { makeCaAndLeaf, makeCertificate, Simulator } from '../../simulator';
import { fetchVersions, probeCertificate, exchangeApiToken, SiteTrust, ConnectionOptions } from '../../../src/vcd';
import { trustOptions } from '../../../src/vcd/tls';
import { kind, start } from '../../support/simHelpers';

const DAY = 86_400_000;

describe('TLS trust', function () {
  this.timeout(30_000);
  const opened: Simulator[] = [];
  after(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });
  async function serve(certificate?: { certPem: string; keyPem: string; caPem?: string }): Promise<Simulator> {
    const sim = await start(certificate === undefined ? {} : { certificate });
    opened.push(sim);
    return sim;
  }
  const versions = (sim: Simulator, trust?: SiteTrust, extra: Partial<ConnectionOptions> = {}) => fetchVersions({ baseUrl: sim.url, trust, ...extra });

  it('self-signed without trust -> tlsUntrusted, before any request; with its PEM as the trusted certificate -> accepted', async () => {
    const sim = await serve();
    assert.equal(new URL(sim.url).hostname, '127.0.0.2', 'tests run at an address VS Code does not exempt');
    await assert.rejects(versions(sim), kind('tlsUntrusted', (e) => /not trusted/.test(e.message)));
    assert.equal(sim.counters.requests, 0);
    const list = await versions(sim, { caCertificates: [sim.certificate!.certPem] });
    assert.ok(list.length > 0);
    const grant = await exchangeApiToken({ baseUrl: sim.url, trust: { caCertificates: [sim.certificate!.certPem] } }, sim.tenant.org, sim.tenant.apiToken);
    assert.ok(grant.accessToken.length > 32);
  });

  it('names the trust of a site for https agents by a digest, not by 140 system roots joined (per request)', async () => {
    const one = await makeCertificate({ commonName: 'one.example', altNames: ['one.example'] });
    const two = await makeCertificate({ commonName: 'two.example', altNames: ['two.example'] });
    const a = trustOptions({ caCertificates: [one.certPem] });
    const again = trustOptions({ caCertificates: [one.certPem] });
    const b = trustOptions({ caCertificates: [two.certPem] });
    // The list still holds every certificate (what VS Code's network layer and tls.connect read).
    assert.deepEqual([...(a.ca ?? [])], [...tls.rootCertificates, one.certPem.trim()]);
    // https.Agent#getName writes `ca` into the pool's name: short, the same for the same trust, another for another.
    assert.match(String(a.ca), /^ca-sha256:[0-9a-f]{64}$/);
    assert.equal(String(a.ca), String(again.ca));
    assert.notEqual(String(a.ca), String(b.ca));
    const agent = new https.Agent();
    assert.ok(agent.getName({ host: 'h', port: 443, ...a }).length < 200);
    assert.notEqual(agent.getName({ host: 'h', port: 443, ...a }), agent.getName({ host: 'h', port: 443, ...b }));
    assert.deepEqual(trustOptions(undefined), {});
  });

  it('trusting one certificate does not trust another one', async () => {
    const sim = await serve();
    const other = await makeCertificate({ commonName: '127.0.0.2', altNames: ['127.0.0.2'] });
    await assert.rejects(versions(sim, { caCertificates: [other.certPem] }), kind('tlsUntrusted'));
    assert.equal(sim.counters.requests, 0, 'nothing was sent to the untrusted server');
  });

  it('a leaf signed by a site CA -> accepted through the CA PEM; untrusted without', async () => {
    const { ca, leaf } = await makeCaAndLeaf();
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    await assert.rejects(versions(sim), kind('tlsUntrusted'));
    assert.ok((await versions(sim, { caCertificates: [ca.certPem] })).length > 0);
  });

  it('a trusted leaf whose private CA the server does not send -> accepted (partial-chain trust), the CA itself is not needed', async () => {
    const { leaf } = await makeCaAndLeaf();
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem });
    await assert.rejects(versions(sim), kind('tlsUntrusted'));
    const info = await probeCertificate(sim.url);
    assert.equal(info.selfSigned, false);
    assert.ok((await versions(sim, { caCertificates: [info.pem] })).length > 0, 'the leaf read by the probe is enough');
  });

  it('expired certificate -> tlsExpired, even from a trusted CA, and even when that very certificate was trusted', async () => {
    const expired = { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) };
    const { ca, leaf } = await makeCaAndLeaf(expired);
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    await assert.rejects(versions(sim, { caCertificates: [ca.certPem] }), kind('tlsExpired', (e) => /expired/.test(e.message)));
    const self = await makeCertificate({ commonName: '127.0.0.2', altNames: ['127.0.0.2'], ...expired });
    const selfSim = await serve(self);
    await assert.rejects(
      versions(selfSim, { caCertificates: [self.certPem] }),
      kind('tlsExpired', (e) => /expired/.test(e.message) && /trust the renewed one/.test(e.message)),
    );
    assert.equal(sim.counters.requests + selfSim.counters.requests, 0);
  });

  it('certificate for another host -> tlsHostMismatch, also when that very certificate is trusted', async () => {
    const { ca, leaf } = await makeCaAndLeaf({ commonName: 'vcd.example.com', altNames: ['vcd.example.com'] });
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    await assert.rejects(versions(sim, { caCertificates: [ca.certPem] }), kind('tlsHostMismatch', (e) => /another host name/.test(e.message)));
    await assert.rejects(versions(sim, { caCertificates: [leaf.certPem] }), kind('tlsHostMismatch'));
    assert.equal(sim.counters.requests, 0);
  });

  describe('older settings with only a pinned fingerprint', () => {
    it('read the certificate once, check it against the pin, report its PEM, then verify normally (any spelling of the pin)', async () => {
      const sim = await serve();
      const pin = sim.certificate!.fingerprint256;
      const learned: string[] = [];
      assert.ok((await versions(sim, { pinnedFingerprint256: pin }, { onTrustedCertificate: (pem) => learned.push(pem) })).length > 0);
      assert.equal(learned.length, 1);
      assert.equal(learned[0].replace(/\s+/g, ''), sim.certificate!.certPem.replace(/\s+/g, ''), 'the PEM of the pinned certificate');
      assert.ok((await versions(sim, { pinnedFingerprint256: pin.replace(/:/g, '').toLowerCase() })).length > 0);
      const grant = await exchangeApiToken({ baseUrl: sim.url, trust: { pinnedFingerprint256: pin } }, sim.tenant.org, sim.tenant.apiToken);
      assert.ok(grant.accessToken.length > 32);
    });

    it('a different pin is refused before any request is sent', async () => {
      const sim = await serve();
      const other = await makeCertificate({ commonName: '127.0.0.2', altNames: ['127.0.0.2'] });
      sim.resetCounters();
      const learned: string[] = [];
      await assert.rejects(
        versions(sim, { pinnedFingerprint256: other.fingerprint256 }, { onTrustedCertificate: (pem) => learned.push(pem) }),
        kind('tlsUntrusted', (e) => /fingerprint differs/.test(e.message)),
      );
      await assert.rejects(
        exchangeApiToken({ baseUrl: sim.url, trust: { pinnedFingerprint256: other.fingerprint256 } }, sim.tenant.org, sim.tenant.apiToken),
        kind('tlsUntrusted'),
      );
      assert.equal(sim.counters.requests, 0, 'the API token never left the client');
      assert.deepEqual(learned, []);
    });

    it('a pin does not excuse a wrong host name', async () => {
      const cert = await makeCertificate({ commonName: 'vcd.example.com', altNames: ['vcd.example.com'] });
      const sim = await serve(cert);
      await assert.rejects(versions(sim, { pinnedFingerprint256: cert.fingerprint256 }), kind('tlsHostMismatch'));
      assert.equal(sim.counters.requests, 0);
    });

    it('a pinned certificate that expired is refused with a message that says so', async () => {
      const cert = await makeCertificate({ commonName: '127.0.0.2', altNames: ['127.0.0.2'], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
      const sim = await serve(cert);
      await assert.rejects(versions(sim, { pinnedFingerprint256: cert.fingerprint256 }), kind('tlsExpired', (e) => /expired/.test(e.message)));
      assert.equal(sim.counters.requests, 0);
    });
  });

  it('probeCertificate reads subject, issuer, validity, fingerprint, PEM and the verification result without an HTTP request', async () => {
    const sim = await serve();
    sim.resetCounters();
    const info = await probeCertificate(sim.url);
    assert.equal(info.fingerprint256, sim.certificate!.fingerprint256);
    assert.equal(info.verifyError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(info.selfSigned, true);
    assert.equal(info.namesHost, true);
    assert.equal(info.outOfValidity, undefined);
    assert.match(info.subject, /CN=127\.0\.0\.2/);
    assert.match(info.subjectAltNames ?? '', /IP Address:127\.0\.0\.2/);
    assert.match(info.pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/);
    assert.ok(Date.parse(info.validTo) > Date.now());
    const trusted = await probeCertificate(sim.url, { trust: { caCertificates: [info.pem] } });
    assert.equal(trusted.verifyError, undefined);
    assert.equal(sim.counters.requests, 0);
  });

  it('probeCertificate tells an expired certificate and one for other names apart', async () => {
    const expired = await makeCertificate({ commonName: '127.0.0.2', altNames: ['127.0.0.2'], notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
    const info = await probeCertificate((await serve(expired)).url);
    assert.equal(info.outOfValidity, 'expired');
    assert.equal(info.namesHost, true);
    const elsewhere = await makeCertificate({ commonName: 'vcd.example.com', altNames: ['vcd.example.com'] });
    const other = await probeCertificate((await serve(elsewhere)).url, { trust: { caCertificates: [elsewhere.certPem] } });
    assert.equal(other.namesHost, false);
    assert.equal(other.verifyError, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('probeCertificate of a CA-signed leaf is not self-signed', async () => {
    const { ca, leaf } = await makeCaAndLeaf();
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    const info = await probeCertificate(sim.url, { trust: { caCertificates: [ca.certPem] } });
    assert.equal(info.selfSigned, false);
    assert.match(info.issuer, /VCD Simulator Test CA/);
    assert.equal(info.verifyError, undefined);
  });

  it('no request path switches certificate checks off: only the read-only probe completes an unverified handshake', () => {
    const srcDir = join(__dirname, '..', '..', '..', '..', 'src');
    const hits: string[] = [];
    for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(srcDir, file), 'utf8');
      if (/NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity\s*:/.test(text)) hits.push(`${file}: global switch or identity override`);
      for (const m of text.matchAll(/rejectUnauthorized\s*:\s*false/g)) hits.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
    }
    assert.equal(hits.length, 1, `rejectUnauthorized:false only once: ${hits.join(', ')}`);
    const [file] = hits[0].split(':');
    assert.equal(file.replace(/\\/g, '/'), 'vcd/tls.ts');
    const tlsSource = readFileSync(join(srcDir, 'vcd', 'tls.ts'), 'utf8');
    const start = tlsSource.search(/export (async )?function probeCertificate/);
    assert.ok(start >= 0);
    const probe = tlsSource.slice(start, tlsSource.indexOf('\n}\n', start));
    assert.match(probe, /rejectUnauthorized: false/, 'the one occurrence is inside probeCertificate');
  });
});
