// Names in messages that cannot become links.
import * as assert from 'node:assert/strict';
import { describeEntities, displayName } from '../../../../src/commands/support/displayName';

describe('names in messages', () => {
  it('stay on one line, short, and cannot become a link', () => {
    assert.equal(displayName('a\nb\r\nc\u2028d'), 'a b c d');
    assert.equal(displayName('[click](command:vcd.removeSite)'), '[click]\u200b(command:vcd.removeSite)');
    assert.equal(displayName('x'.repeat(200)).length, 80);
    assert.equal(describeEntities([{ kind: 'vm', name: 'web-01' }]), 'VM “web-01”');
    assert.equal(describeEntities([{ kind: 'vm', name: 'a' }, { kind: 'vm', name: 'b' }]), '2 VMs');
    assert.equal(describeEntities([{ kind: 'vm', name: 'a' }, { kind: 'vapp', name: 'b' }]), '2 items');
  });
});
