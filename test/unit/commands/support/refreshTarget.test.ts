import * as assert from 'node:assert/strict';
import { refreshTargets } from '../../../../src/commands/support/refreshTarget';
import type { TreeNode } from '../../../../src/tree/node';

function node(id: string): TreeNode {
  return { id, parent: undefined, getTreeItem: () => ({}), getChildren: () => Promise.resolve([]) };
}

// The argument shapes VS Code 1.100 passes (measured in code-server: see src/commands/refreshTarget.ts).
describe('Refresh: which part of the view an invocation means', () => {
  const vm = node('site|vm-1');
  const vapp = node('site|vapp-1');

  it('reloads the whole view from the palette or a keybinding (no node)', () => {
    assert.deepEqual(refreshTargets([]), []);
    assert.deepEqual(refreshTargets([undefined]), []);
    assert.deepEqual(refreshTargets([undefined, undefined]), []);
  });

  it('reloads the node it is given, also alone (the view title has a command of its own)', () => {
    assert.deepEqual(refreshTargets([vm]), [vm]);
  });

  it("reloads the node whose inline action or context menu was used", () => {
    assert.deepEqual(refreshTargets([vm, undefined]), [vm]);
    assert.deepEqual(refreshTargets([vapp, [vapp]]), [vapp]);
  });

  it('reloads every selected node when the clicked node is part of a multi-selection', () => {
    assert.deepEqual(refreshTargets([vm, [vm, vapp]]), [vm, vapp]);
    assert.deepEqual(refreshTargets([vm, [vapp]]), [vm], 'a selection without the clicked node means the clicked node');
  });

  it('ignores arguments that are not tree nodes', () => {
    assert.deepEqual(refreshTargets(['acme@host', undefined]), []);
    assert.deepEqual(refreshTargets([{ id: 'x' }, undefined]), []);
  });
});
