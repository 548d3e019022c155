import * as assert from 'node:assert/strict';
import { NodeKinds } from '../../../src/ids';
import { contextValue, parseContextValue, stateOfStatus } from '../../../src/tree/contextValue';
import { manifest as pkg, viewItemPattern } from '../../support/manifest';

// The menus in package.json match these with regular expressions; keep them in step.
function viewItemRegexes(): RegExp[] {
  return pkg.contributes.menus['view/item/context'].map((entry) => viewItemPattern(entry.when)).filter((r): r is RegExp => r !== undefined);
}

describe('contextValue grammar', () => {
  it('builds vcd.<kind> and vcd.<kind>+<state>', () => {
    assert.equal(contextValue('site', 'noToken'), 'vcd.site+noToken');
    assert.equal(contextValue('vm', 'poweredOn'), 'vcd.vm+poweredOn');
    assert.equal(contextValue('error'), 'vcd.error');
    assert.throws(() => contextValue('vm', 'Powered On'));
    assert.throws(() => contextValue('vm', 'a+b'));
  });

  it('parses what it builds, and nothing else', () => {
    for (const kind of NodeKinds) {
      assert.deepEqual(parseContextValue(contextValue(kind)), { kind });
      assert.deepEqual(parseContextValue(contextValue(kind, 'someState')), { kind, state: 'someState' });
    }
    for (const bad of ['vm+poweredOn', 'vcd.', 'vcd.unknownKind', 'vcd.vm+', 'vcd.vm+on+off', 'x.vm']) {
      assert.equal(parseContextValue(bad), undefined, bad);
    }
  });

  it('maps VCD status names to camelCase states', () => {
    assert.equal(stateOfStatus('POWERED_ON'), 'poweredOn');
    assert.equal(stateOfStatus('PARTIALLY_POWERED_OFF'), 'partiallyPoweredOff');
    assert.equal(stateOfStatus('MIXED'), 'mixed');
    assert.equal(stateOfStatus(''), 'unknown');
  });

  it('matches the menus: site menus on every site state, never on a VM', () => {
    const regexes = viewItemRegexes();
    assert.ok(regexes.length > 5);
    const siteMenu = /^vcd\.site\b/;
    assert.ok(regexes.some((r) => r.source === siteMenu.source), 'a menu keyed on /^vcd\\.site\\b/');
    for (const state of ['ok', 'unknown', 'noToken', 'rejected']) assert.match(contextValue('site', state), siteMenu);
    assert.doesNotMatch(contextValue('setToken', 'noToken'), siteMenu);
    const inlineSetToken = regexes.find((r) => r.source.includes('noToken'));
    assert.ok(inlineSetToken);
    assert.match(contextValue('site', 'noToken'), inlineSetToken);
    assert.match(contextValue('site', 'rejected'), inlineSetToken);
    assert.match(contextValue('setToken', 'rejected'), inlineSetToken);
    assert.doesNotMatch(contextValue('site', 'ok'), inlineSetToken);
    const resource = regexes.find((r) => r.test('vcd.vm+poweredOn') && !r.test('vcd.site+ok'));
    assert.ok(resource, 'a resource menu (Open API Response) matching VMs but not sites');
    for (const v of ['vcd.org+enabled', 'vcd.vdc+ready', 'vcd.vapp+mixed']) assert.match(v, resource);
  });
});
