// The copy and open commands in package.json: category VCD, hidden from the palette (they need a node), and in the
// context menu of exactly the nodes they apply to, matched through the contextValue grammar.
import * as assert from 'node:assert/strict';
import { Commands, NodeKinds } from '../../../src/ids';
import { contextValue } from '../../../src/tree/contextValue';
import { manifest as pkg, viewItemPattern } from '../../support/manifest';

/** The node kinds (with a typical state) whose context menu shows this command, by its `viewItem =~ /…/` clause. */
function kindsShowing(command: string): string[] {
  const entries = pkg.contributes.menus['view/item/context'].filter((e) => e.command === command);
  return NodeKinds.filter((kind) =>
    entries.some((e) => {
      const viewItem = viewItemPattern(e.when);
      return viewItem !== undefined && /view == vcd\.sites/.test(e.when ?? '') && viewItem.test(contextValue(kind, 'someState'));
    }),
  );
}

const TITLES: Record<string, string> = {
  [Commands.copyName]: 'Copy Name',
  [Commands.copyId]: 'Copy ID',
  [Commands.copyHref]: 'Copy API URL',
  [Commands.copyAsCurl]: 'Copy as curl',
  [Commands.copyAsPowerShell]: 'Copy as PowerShell',
  [Commands.copyAsTerraformImport]: 'Copy as Terraform import',
  [Commands.openInPortal]: 'Open in VCD Portal',
};

describe('copy and open menus', () => {
  it('declares each command in category VCD with its title, hidden from the palette', () => {
    for (const [command, title] of Object.entries(TITLES)) {
      const declared = pkg.contributes.commands.find((c) => c.command === command);
      assert.deepEqual({ title: declared?.title, category: declared?.category }, { title, category: 'VCD' }, command);
      const palette = pkg.contributes.menus.commandPalette.filter((e) => e.command === command);
      assert.deepEqual(palette.map((e) => e.when), ['false'], `${command} needs a node: not in the palette`);
    }
  });

  it('shows Copy Name, Copy ID, Copy API URL and Open in VCD Portal on organizations, VDCs, vApps and VMs only', () => {
    for (const command of [Commands.copyName, Commands.copyId, Commands.copyHref, Commands.openInPortal]) {
      assert.deepEqual(kindsShowing(command), ['org', 'vdc', 'vapp', 'vm'], command);
    }
  });

  it('shows Copy as curl, PowerShell and Terraform import on vApps and VMs only', () => {
    for (const command of [Commands.copyAsCurl, Commands.copyAsPowerShell, Commands.copyAsTerraformImport]) {
      assert.deepEqual(kindsShowing(command), ['vapp', 'vm'], command);
    }
  });

  it('groups the copy commands together, in the order of the issue', () => {
    const groups = pkg.contributes.menus['view/item/context']
      .filter((e) => e.command.startsWith('vcd.copy'))
      .map((e) => [e.command, e.group]);
    assert.deepEqual(groups, [
      [Commands.copyName, '5_copy@1'],
      [Commands.copyId, '5_copy@2'],
      [Commands.copyHref, '5_copy@3'],
      [Commands.copyAsCurl, '5_copy@4'],
      [Commands.copyAsPowerShell, '5_copy@5'],
      [Commands.copyAsTerraformImport, '5_copy@6'],
    ]);
  });
});
