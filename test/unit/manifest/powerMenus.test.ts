// The power commands' menus in package.json against the core's table of what each state allows: each command shows on
// exactly the VM and vApp states it applies to (by the contextValue grammar), never on busy nodes, never in the
// palette; Cancel Task shows on busy nodes and running tasks.
import * as assert from 'node:assert/strict';
import { Commands } from '../../../src/ids';
import { contextValue, stateOfStatus } from '../../../src/tree/contextValue';
import { POWER_ACTIONS, statusesFor, type PowerAction, type ResourceStatus } from '../../../src/vcd';
import { manifest as pkg, viewItemPattern, type MenuEntry } from '../../support/manifest';

const STATUSES: ResourceStatus[] = [
  'FAILED_CREATION', 'UNRESOLVED', 'RESOLVED', 'DEPLOYED', 'SUSPENDED', 'POWERED_ON', 'WAITING_FOR_INPUT', 'UNKNOWN', 'UNRECOGNIZED',
  'POWERED_OFF', 'INCONSISTENT_STATE', 'MIXED', 'DESCRIPTOR_PENDING', 'COPYING_CONTENTS', 'DISK_CONTENTS_PENDING', 'QUARANTINED',
  'QUARANTINE_EXPIRED', 'REJECTED', 'TRANSFER_TIMEOUT', 'VAPP_UNDEPLOYED', 'VAPP_PARTIALLY_DEPLOYED', 'PARTIALLY_POWERED_OFF', 'PARTIALLY_SUSPENDED',
];
const COMMAND: Record<PowerAction, string> = {
  powerOn: Commands.powerOn, powerOff: Commands.powerOff, shutdown: Commands.shutdown, reset: Commands.reset, reboot: Commands.reboot,
  suspend: Commands.suspend, discardSuspendedState: Commands.discardSuspendedState,
};

/** Does the entry show for this node in this view? (Only the two clauses the menus use: view and viewItem.) */
function shows(entry: MenuEntry, view: string, viewItem: string): boolean {
  const when = entry.when ?? '';
  const viewMatch = /view == ([\w.]+)/.exec(when);
  if (viewMatch && viewMatch[1] !== view) return false;
  const item = viewItemPattern(when);
  if (item) return item.test(viewItem);
  const exact = /viewItem == ([\w.+]+)/.exec(when);
  return exact ? exact[1] === viewItem : true;
}

const entries = (command: string, inline?: boolean): MenuEntry[] =>
  pkg.contributes.menus['view/item/context'].filter((e) => e.command === command && (inline === undefined || (e.group ?? '').startsWith('inline') === inline));

describe('power menus', () => {
  for (const action of POWER_ACTIONS) {
    it(`${COMMAND[action]} is in the context menu of exactly the VM and vApp states that allow it`, () => {
      const menu = entries(COMMAND[action], false);
      assert.equal(menu.length, 1, 'one context-menu entry');
      for (const kind of ['vm', 'vapp'] as const) {
        for (const status of STATUSES) {
          const value = contextValue(kind, stateOfStatus(status));
          assert.equal(shows(menu[0], 'vcd.sites', value), statusesFor(action, kind).includes(status), `${value}`);
          assert.equal(shows(menu[0], 'vcd.tasks', value), false, 'not in the Tasks view');
        }
        assert.equal(shows(menu[0], 'vcd.sites', contextValue(kind, 'busy')), false, 'not on a busy node');
      }
      for (const other of ['vcd.site+ok', 'vcd.org+enabled', 'vcd.vdc+ready', 'vcd.task+running', 'vcd.error']) assert.equal(shows(menu[0], 'vcd.sites', other), false, other);
    });
  }

  it('Power On and Power Off are also inline buttons, on the same states', () => {
    for (const action of ['powerOn', 'powerOff'] as const) {
      const [inline] = entries(COMMAND[action], true);
      assert.ok(inline, `${action} inline`);
      for (const status of STATUSES) assert.equal(shows(inline, 'vcd.sites', contextValue('vm', stateOfStatus(status))), statusesFor(action, 'vm').includes(status));
    }
    for (const action of ['shutdown', 'reset', 'reboot', 'suspend', 'discardSuspendedState'] as const) assert.equal(entries(COMMAND[action], true).length, 0, `${action} not inline`);
  });

  it('Cancel Task is on busy VMs and vApps and on running tasks of the Tasks view only', () => {
    const all = entries(Commands.cancelTask);
    const anywhere = (view: string, value: string): boolean => all.some((e) => shows(e, view, value));
    assert.ok(anywhere('vcd.sites', 'vcd.vm+busy') && anywhere('vcd.sites', 'vcd.vapp+busy'));
    assert.ok(!anywhere('vcd.sites', 'vcd.vm+poweredOn'));
    for (const status of ['queued', 'preRunning', 'running', 'postRunning']) assert.ok(anywhere('vcd.tasks', `vcd.task+${status}`), status);
    for (const status of ['success', 'error', 'canceled', 'aborted']) assert.ok(!anywhere('vcd.tasks', `vcd.task+${status}`), status);
  });

  it('every power command and Cancel Task is declared in category VCD and hidden from the palette (they need a node)', () => {
    for (const id of [...Object.values(COMMAND), Commands.cancelTask]) {
      const declared = pkg.contributes.commands.find((c) => c.command === id);
      assert.equal(declared?.category, 'VCD', id);
      assert.ok(pkg.contributes.menus.commandPalette.some((e) => e.command === id && e.when === 'false'), `${id} hidden from the palette`);
    }
    assert.deepEqual(
      POWER_ACTIONS.map((a) => pkg.contributes.commands.find((c) => c.command === COMMAND[a])?.title),
      ['Power On', 'Power Off', 'Shut Down Guest OS', 'Reset', 'Reboot Guest OS', 'Suspend', 'Discard Suspended State'],
    );
  });
});
