import * as assert from 'node:assert/strict';
import { SettingDefaults, SettingKeys, readSettings, siteIdOf, toSiteSetting } from '../../../src/platform/settings';
import { manifest as pkg } from '../../support/manifest';
const declared = pkg.contributes.configuration.properties;

function reader(values: Record<string, unknown>) {
  return readSettings((key) => values[key]);
}

describe('settings reader vs package.json contributes.configuration', () => {
  it('reads every declared key and declares every key it reads', () => {
    assert.deepEqual(Object.keys(declared).map((k) => k.replace(/^vcd\./, '')).sort(), [...SettingKeys].sort());
  });

  it('has the declared defaults', () => {
    for (const key of SettingKeys) assert.deepEqual(declared[`vcd.${key}`].default, SettingDefaults[key], key);
    const s = reader({});
    assert.deepEqual(
      { pageSize: s.pageSize, concurrency: s.concurrency, timeoutSeconds: s.timeoutSeconds, apiVersion: s.apiVersion, responseFormat: s.responseFormat, maxChildren: s.maxChildren },
      { pageSize: 128, concurrency: 8, timeoutSeconds: 30, apiVersion: 'auto', responseFormat: 'xml', maxChildren: 2000 },
    );
  });

  it('documents every setting; vcd.sites has application scope', () => {
    for (const [key, p] of Object.entries(declared)) assert.ok(p.description || p.markdownDescription, key);
    assert.equal(declared['vcd.sites'].scope, 'application');
    assert.equal(pkg.contributes.configuration.title, 'VCD');
  });

  it('clamps numbers to the declared ranges', () => {
    for (const key of ['pageSize', 'concurrency', 'timeoutSeconds', 'maxChildren'] as const) {
      const p = declared[`vcd.${key}`];
      assert.equal(reader({ [key]: (p.maximum ?? 0) + 1000 })[key], p.maximum, `${key} max`);
      assert.equal(reader({ [key]: (p.minimum ?? 0) - 1000 })[key], p.minimum, `${key} min`);
      assert.equal(reader({ [key]: 'many' })[key], SettingDefaults[key], `${key} not a number`);
    }
  });

  it('accepts only the declared response formats and sane API versions', () => {
    assert.deepEqual(declared['vcd.responseFormat'].enum, ['xml', 'json']);
    assert.equal(reader({ responseFormat: 'json' }).responseFormat, 'json');
    assert.equal(reader({ responseFormat: 'yaml' }).responseFormat, 'xml');
    assert.equal(reader({ apiVersion: '38.0' }).apiVersion, '38.0');
    assert.equal(reader({ apiVersion: 'latest' }).apiVersion, 'auto');
  });

  it('validates site entries, derives stable ids and skips bad or repeated ones', () => {
    const s = reader({
      sites: [
        { name: 'Acme', url: 'vcd.example.com', org: 'Acme' },
        { name: 'Provider', url: 'https://vcd.example.com/', org: 'system', trust: { pinnedFingerprint256: 'aa:bb', caFile: '/etc/ca.pem' } },
        { name: 'Pinned', url: 'https://pinned.example.com', org: 'acme', trust: { pinnedFingerprint256: 'ab'.repeat(32) } },
        { name: 'Trusted', url: 'https://trusted.example.com', org: 'acme', trust: { certificate: 'not a certificate' } },
        { name: 'Again', url: 'https://VCD.example.com', org: 'acme' },
        { name: 'No org', url: 'https://x.example.com' },
        'nonsense',
      ],
    });
    assert.deepEqual(s.sites.map((x) => [x.id, x.baseUrl, x.isSystem]), [
      ['acme@vcd.example.com', 'https://vcd.example.com', false],
      ['system@vcd.example.com', 'https://vcd.example.com', true],
      ['acme@pinned.example.com', 'https://pinned.example.com', false],
      ['acme@trusted.example.com', 'https://trusted.example.com', false],
    ]);
    assert.deepEqual(s.sites[1].trust, { caFile: '/etc/ca.pem' }, 'a malformed pin is ignored, the rest of the trust kept');
    assert.equal(s.sites[2].trust?.pinnedFingerprint256, Array(32).fill('AB').join(':'), 'a pin in any spelling, normalised');
    assert.equal(s.sites[3].trust, undefined, 'a malformed certificate is ignored');
    assert.equal(s.siteProblems.length, 5);
    assert.ok(s.siteProblems.some((p) => /vcd\.sites\[1\]\.trust\.pinnedFingerprint256 is not a SHA-256 fingerprint/.test(p)));
    assert.ok(s.siteProblems.some((p) => /vcd\.sites\[3\]\.trust\.certificate is not a PEM certificate/.test(p)));
    assert.equal(siteIdOf('https://Vcd.Example.com:8443', 'ACME'), 'acme@vcd.example.com:8443');
  });

  it('writes entries with the declared properties only (never a token)', () => {
    const entry = toSiteSetting({ name: 'A', url: 'https://h', org: 'o', trust: { certificate: '-----BEGIN CERTIFICATE-----', pinnedFingerprint256: 'AA', caFile: '/ca.pem' } });
    const items = (declared['vcd.sites'] as unknown as { items: { properties: Record<string, { properties?: Record<string, unknown> }> } }).items.properties;
    for (const key of Object.keys(entry)) assert.ok(key in items, key);
    assert.deepEqual(Object.keys(items).sort(), ['name', 'org', 'trust', 'url']);
    assert.deepEqual(entry.trust, { certificate: '-----BEGIN CERTIFICATE-----', caFile: '/ca.pem' }, 'a stored certificate replaces the older pin');
    for (const key of Object.keys(entry.trust ?? {})) assert.ok(key in (items.trust.properties ?? {}), `trust.${key} is declared`);
  });
});
