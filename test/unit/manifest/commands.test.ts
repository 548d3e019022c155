// package.json's commands and menus against the command registry: the same ids on both sides, every menu naming a
// registered command, and the command palette showing exactly the commands a person can run from it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Commands, ContextKeys, type CommandId } from '../../../src/ids';
import { manifest } from '../../support/manifest';
import { requireWithoutVscode } from '../../support/vscodeStub';

/**
 * What a command needs to do anything, which decides its place in the palette:
 * - `nothing`: runs as it is (shown, always);
 * - `site`: works on a site it asks for when it is not given one (shown once a site exists: `when: vcd.hasSites`);
 * - `node`: works on the node (or task, or document) VS Code passes it, so from the palette it could only say so
 *   (hidden: `when: false`);
 * - `view`: a view's own title button, standing in for a palette command (hidden: `when: false`).
 * A new command does not compile until it is given a row here.
 */
type Need = 'nothing' | 'site' | 'node' | 'view' | 'requestFile' | 'apiDocument';
const NEEDS: Record<CommandId, Need> = {
  [Commands.addSite]: 'nothing',
  [Commands.showLog]: 'nothing',
  [Commands.refresh]: 'nothing',
  [Commands.setToken]: 'site',
  [Commands.removeSite]: 'site',
  [Commands.revokeToken]: 'site',
  [Commands.rotateToken]: 'site',
  [Commands.openApiPath]: 'site',
  [Commands.findVm]: 'site',
  [Commands.trustCertificate]: 'site',
  [Commands.openResponse]: 'node',
  [Commands.retry]: 'node',
  [Commands.loadMore]: 'node',
  [Commands.copyName]: 'node',
  [Commands.copyId]: 'node',
  [Commands.copyHref]: 'node',
  [Commands.copyAsCurl]: 'node',
  [Commands.copyAsPowerShell]: 'node',
  [Commands.copyAsTerraformImport]: 'node',
  [Commands.openInPortal]: 'node',
  [Commands.powerOn]: 'node',
  [Commands.powerOff]: 'node',
  [Commands.shutdown]: 'node',
  [Commands.reset]: 'node',
  [Commands.reboot]: 'node',
  [Commands.suspend]: 'node',
  [Commands.discardSuspendedState]: 'node',
  [Commands.cancelTask]: 'node',
  [Commands.refreshView]: 'view',
  [Commands.refreshTasks]: 'view',
  [Commands.sendRequest]: 'requestFile',
  [Commands.saveAsRequest]: 'apiDocument',
};

/** The `when` of the palette entry each need calls for (undefined: no entry, always shown). */
const PALETTE_WHEN: Record<Need, string | undefined> = {
  nothing: undefined,
  site: ContextKeys.hasSites,
  node: 'false',
  view: 'false',
  // The request under the cursor of a request file; the GET of the API response tab in front.
  requestFile: 'editorLangId == vcd-http',
  apiDocument: 'resourceScheme == vcd-api',
};

const { commands, menus } = manifest.contributes;
const declared = commands.map((c) => c.command);
const palette = menus.commandPalette ?? [];

/** The ids of the registry extension.ts registers (src/commands/index.ts), read from the compiled module. */
function registeredIds(): string[] {
  const registry = requireWithoutVscode(path.join(__dirname, '..', '..', '..', 'src', 'commands', 'index.js')) as { commandHandlers: Record<string, unknown> };
  return Object.keys(registry.commandHandlers);
}

describe('package.json commands and menus vs the command registry', () => {
  it('contributes each command of the registry once, and no other', () => {
    assert.equal(new Set(declared).size, declared.length, `a command contributed twice: ${declared.join(', ')}`);
    assert.deepEqual([...declared].sort(), [...Object.values(Commands)].sort(), 'contributes.commands = the ids in src/ids.ts');
    assert.deepEqual([...declared].sort(), registeredIds().sort(), 'contributes.commands = the handlers registered');
  });

  it('titles every command under the VCD category', () => {
    for (const c of commands) {
      assert.ok(c.title.trim(), `${c.command} has a title`);
      assert.equal(c.category, 'VCD', c.command);
    }
  });

  it('names only registered commands in its menus', () => {
    const known = new Set<string>(Object.values(Commands));
    for (const [menu, entries] of Object.entries(menus)) {
      for (const entry of entries) assert.ok(known.has(entry.command), `${menu} names ${entry.command}, which no handler registers`);
    }
  });

  it('shows in the palette exactly the commands that work without a node, those that need a site once there is one', () => {
    assert.equal(new Set(palette.map((e) => e.command)).size, palette.length, 'one palette entry per command at most');
    const expected = Object.entries(NEEDS).map(([id, need]) => [id, PALETTE_WHEN[need]]).sort();
    const actual = declared.map((id) => [id, palette.find((e) => e.command === id)?.when]).sort();
    assert.deepEqual(actual, expected);
  });

  it('offers every hidden command where it works: a node command in a menu or on a node, a view command in its title', () => {
    const inMenu = (menu: string, id: string): boolean => (menus[menu] ?? []).some((e) => e.command === id);
    const needing = (need: Need): string[] => Object.entries(NEEDS).filter(([, n]) => n === need).map(([id]) => id);
    // Load more… is the command of its own node (the node is the button; the Load more… suite clicks it), not a menu entry.
    for (const id of needing('node').filter((id) => id !== Commands.loadMore)) assert.ok(inMenu('view/item/context', id), `${id} is in a context menu`);
    for (const id of needing('view')) assert.ok(inMenu('view/title', id), `${id} is in a view title`);
  });
});
