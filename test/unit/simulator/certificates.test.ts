import * as assert from 'node:assert/strict';
import { request } from 'node:https';
import { makeCaAndLeaf, makeCertificate, startSimulator } from '../../simulator';

function versions(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/api/versions', url), { ca, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator: certificates', () => {
  it('serves a leaf signed by a test CA that clients trust through the CA PEM', async () => {
    const { ca, leaf } = await makeCaAndLeaf();
    const sim = await startSimulator({ certificate: { certPem: leaf.certPem, keyPem: leaf.keyPem, caPem: ca.certPem } });
    try {
      assert.equal(sim.certificate!.fingerprint256, leaf.fingerprint256);
      assert.equal(await versions(sim.url, ca.certPem), 200);
    } finally {
      await sim.close();
    }
  });

  it('makes expired and wrong-host certificates that verification rejects', async () => {
    const { ca, leaf } = await makeCaAndLeaf({ notBefore: new Date(Date.now() - 3 * 86400_000), notAfter: new Date(Date.now() - 86400_000) });
    const expired = await startSimulator({ certificate: { ...leaf, caPem: ca.certPem }, size: { orgs: 1, vdcsPerOrg: 1, vappsPerVdc: 1, vmsPerVapp: 1 } });
    const wrong = await makeCertificate({ commonName: 'vcd.example.com', signedBy: ca });
    const wrongHost = await startSimulator({ certificate: { ...wrong, caPem: ca.certPem }, size: { orgs: 1, vdcsPerOrg: 1, vappsPerVdc: 1, vmsPerVapp: 1 } });
    try {
      await assert.rejects(versions(expired.url, ca.certPem), (e: NodeJS.ErrnoException) => e.code === 'CERT_HAS_EXPIRED');
      await assert.rejects(versions(wrongHost.url, ca.certPem), (e: NodeJS.ErrnoException) => e.code === 'ERR_TLS_CERT_ALTNAME_INVALID');
    } finally {
      await expired.close();
      await wrongHost.close();
    }
  });

  it('is self-signed by default and reports its fingerprint in upper-case hex pairs', async () => {
    const sim = await startSimulator();
    try {
      assert.equal(sim.certificate!.caPem, sim.certificate!.certPem);
      assert.match(sim.certificate!.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      await assert.rejects(versions(sim.url, ''), (e: NodeJS.ErrnoException) => /SELF_SIGNED|UNABLE_TO_VERIFY/.test(String(e.code)));
    } finally {
      await sim.close();
    }
  });
});
