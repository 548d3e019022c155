// TLS trust: system CAs + site CA PEMs, a pinned fingerprint accepted only for that exact certificate, expired and
// wrong-host certificates refused, and the certificate probe.
import * as assert from 'node:assert/strict';
import { makeCaAndLeaf, makeCertificate, Simulator } from '../../simulator';
import { fetchVersions, probeCertificate, exchangeApiToken, SiteTrust } from '../../../src/vcd';
import { kind, start } from './simHelpers';

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
  const versions = (sim: Simulator, trust?: SiteTrust) => fetchVersions({ baseUrl: sim.url, trust });

  it('self-signed without trust -> tlsUntrusted; with its PEM as a site CA -> accepted', async () => {
    const sim = await serve();
    await assert.rejects(versions(sim), kind('tlsUntrusted', (e) => /not trusted/.test(e.message)));
    assert.equal(sim.counters.requests, 0);
    const list = await versions(sim, { caCertificates: [sim.certificate!.caPem] });
    assert.ok(list.length > 0);
  });

  it('a leaf signed by a site CA -> accepted through caCertificates; untrusted without', async () => {
    const { ca, leaf } = await makeCaAndLeaf();
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    await assert.rejects(versions(sim), kind('tlsUntrusted'));
    assert.ok((await versions(sim, { caCertificates: [ca.certPem] })).length > 0);
  });

  it('expired certificate -> tlsExpired, even from a trusted CA', async () => {
    const { ca, leaf } = await makeCaAndLeaf({ notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    await assert.rejects(versions(sim, { caCertificates: [ca.certPem] }), kind('tlsExpired', (e) => /expired/.test(e.message)));
    assert.equal(sim.counters.requests, 0);
  });

  it('certificate for another host -> tlsHostMismatch', async () => {
    const { ca, leaf } = await makeCaAndLeaf({ commonName: 'vcd.example.com', altNames: ['vcd.example.com'] });
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    await assert.rejects(versions(sim, { caCertificates: [ca.certPem] }), kind('tlsHostMismatch', (e) => /another host name/.test(e.message)));
    assert.equal(sim.counters.requests, 0);
  });

  it('a pinned fingerprint accepts exactly that self-signed certificate (any spelling of the pin)', async () => {
    const sim = await serve();
    const pin = sim.certificate!.fingerprint256;
    assert.ok((await versions(sim, { pinnedFingerprint256: pin })).length > 0);
    assert.ok((await versions(sim, { pinnedFingerprint256: pin.replace(/:/g, '').toLowerCase() })).length > 0);
    const grant = await exchangeApiToken({ baseUrl: sim.url, trust: { pinnedFingerprint256: pin } }, sim.tenant.org, sim.tenant.apiToken);
    assert.ok(grant.accessToken.length > 32);
  });

  it('a different pin is refused before any request is sent', async () => {
    const sim = await serve();
    const other = await makeCertificate({ commonName: '127.0.0.1', altNames: ['127.0.0.1'] });
    sim.resetCounters();
    await assert.rejects(versions(sim, { pinnedFingerprint256: other.fingerprint256 }), kind('tlsUntrusted', (e) => /fingerprint differs/.test(e.message)));
    await assert.rejects(
      exchangeApiToken({ baseUrl: sim.url, trust: { pinnedFingerprint256: other.fingerprint256 } }, sim.tenant.org, sim.tenant.apiToken),
      kind('tlsUntrusted'),
    );
    assert.equal(sim.counters.requests, 0, 'the API token never left the client');
  });

  it('a pin does not excuse a wrong host name', async () => {
    const cert = await makeCertificate({ commonName: 'vcd.example.com', altNames: ['vcd.example.com'] });
    const sim = await serve(cert);
    await assert.rejects(versions(sim, { pinnedFingerprint256: cert.fingerprint256 }), kind('tlsHostMismatch'));
    assert.equal(sim.counters.requests, 0);
  });

  it('a pin accepts an expired pinned certificate (the user trusted exactly it), and only it', async () => {
    const cert = await makeCertificate({ commonName: '127.0.0.1', altNames: ['127.0.0.1'], notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    const sim = await serve(cert);
    assert.ok((await versions(sim, { pinnedFingerprint256: cert.fingerprint256 })).length > 0);
    await assert.rejects(versions(sim), kind('tlsExpired'));
  });

  it('probeCertificate reads subject, issuer, validity, fingerprint and the verification result without an HTTP request', async () => {
    const sim = await serve();
    sim.resetCounters();
    const info = await probeCertificate(sim.url);
    assert.equal(info.fingerprint256, sim.certificate!.fingerprint256);
    assert.equal(info.verifyError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(info.selfSigned, true);
    assert.match(info.subject, /CN=127\.0\.0\.1/);
    assert.match(info.subjectAltNames ?? '', /IP Address:127\.0\.0\.1/);
    assert.ok(Date.parse(info.validTo) > Date.now());
    const trusted = await probeCertificate(sim.url, { caCertificates: [sim.certificate!.caPem] });
    assert.equal(trusted.verifyError, undefined);
    assert.equal(sim.counters.requests, 0);
  });

  it('probeCertificate of a CA-signed leaf is not self-signed', async () => {
    const { ca, leaf } = await makeCaAndLeaf();
    const sim = await serve({ certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem });
    const info = await probeCertificate(sim.url, { caCertificates: [ca.certPem] });
    assert.equal(info.selfSigned, false);
    assert.match(info.issuer, /VCD Simulator Test CA/);
    assert.equal(info.verifyError, undefined);
  });
});
