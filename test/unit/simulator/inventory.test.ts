import * as assert from 'node:assert/strict';
import { generateInventory } from '../../simulator';

describe('simulator: inventory generator', () => {
  it('is deterministic: same seed, same names and ids; another seed differs', () => {
    const a = generateInventory({ seed: 7 });
    const b = generateInventory({ seed: 7 });
    const c = generateInventory({ seed: 8 });
    assert.deepEqual(a.vms.map((v) => [v.id, v.name, v.status]), b.vms.map((v) => [v.id, v.name, v.status]));
    assert.deepEqual(a.orgs.map((o) => o.id), b.orgs.map((o) => o.id));
    assert.notDeepEqual(a.vms.map((v) => v.id), c.vms.map((v) => v.id));
  });

  it('makes a demo with System + 3 tenants, odd names, templates and about 100 VMs', () => {
    const inv = generateInventory();
    assert.deepEqual(inv.orgs.map((o) => o.name), ['System', 'acme', 'Globex(EU),Ltd.', 'initech']);
    const vappVms = inv.vms.filter((v) => !v.vapp.isTemplate).length;
    assert.ok(vappVms >= 80 && vappVms <= 120, `${vappVms} VMs`);
    assert.ok(inv.templates.length > 0 && inv.vms.some((v) => v.vapp.isTemplate));
    assert.ok(inv.vdcs.some((v) => /[();,*]/.test(v.name)));
    assert.ok(inv.vapps.some((a) => /[();,*]/.test(a.name)));
    assert.ok(inv.vms.some((v) => /[^\x20-\x7e]/.test(v.name)));
    const statuses = new Set(inv.vms.map((v) => v.status));
    for (const s of [4, 8, 3]) assert.ok(statuses.has(s), `status ${s}`);
    assert.ok(inv.vapps.some((a) => a.status === 20 || a.status === 10));
  });

  it('spreads totalVms exactly (its build time is the bench\'s business, not a test\'s)', () => {
    const inv = generateInventory({ totalVms: 100_000 });
    assert.equal(inv.vms.filter((v) => !v.vapp.isTemplate).length, 100_000);
    assert.equal(generateInventory({ totalVms: 301 }).vms.filter((v) => !v.vapp.isTemplate).length, 301);
  });
});
