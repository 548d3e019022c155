// Power actions and tasks inside the extension host, on a simulator of its own whose tasks move one step per read
// (and can be held running): every power command from a node, several selected VMs, the confirmation, the node's
// running state and its refresh when the task ends, a failed task with Open Task, busy VMs, Cancel of the progress,
// Cancel Task, a state changed by another client, and the Tasks view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/ids';
import type { PowerRun } from '../../../src/operations/power';
import type { TreeNode } from '../../../src/tree/node';
import { startSimulator, type Simulator, type SimVmInfo } from '../../simulator';
import { accessToken, call, XML_38 } from '../../simulator/testClient';
import { useSites } from '../../support/extensionSites';
import { until } from '../../support/until';
import { children, fixture, item, label, tooltipText, withScript } from './fixture';
import { ScriptedUserInput } from './scriptedInput';

/** Children in the Tasks view. */
async function taskChildren(node?: TreeNode): Promise<TreeNode[]> {
  return (await fixture()).api.tasksTree.getChildren(node);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Power actions and tasks', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let siteId: string;
  let systemId: string;
  const siteName = 'power';
  const used = new Set<string>();
  const sites = useSites(fixture);

  before(async () => {
    const { api } = await fixture();
    sim = await startSimulator({ size: { orgs: 2, vdcsPerOrg: 1, vappsPerVdc: 14, vmsPerVapp: 2 }, seed: 3, tasks: { advance: 'polls', runningPolls: 2 } });
    siteId = await sites.add(sim, { name: siteName, user: 'tenant', trust: 'fingerprint' });
    systemId = await sites.add(sim, { name: 'power (System)', user: 'provider', trust: 'fingerprint' });
    // Read tasks again after 20 ms, then at most every 50 ms: the simulator moves them per read, not per second.
    api.setTaskPolling({ initialDelayMs: 20, maxDelayMs: 50 });
  });
  after(async () => {
    const { api } = await fixture();
    api.setTaskPolling(undefined);
    await sim?.close();
  });
  afterEach(() => {
    sim.tasks.release();
    sim.clearFaults();
  });

  /** VMs of vApps no other test used (the vApp's others set to `rest`), in this state, with VMware Tools. */
  function pick(states: ('POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED')[], rest: 'POWERED_ON' | 'POWERED_OFF' = 'POWERED_OFF'): SimVmInfo[] {
    const vapps = new Map<string, SimVmInfo[]>();
    for (const vm of sim.inventory.vms({ orgName: sim.tenant.org })) vapps.set(vm.vappHref, [...(vapps.get(vm.vappHref) ?? []), vm]);
    const result: SimVmInfo[] = [];
    for (const [href, vms] of vapps) {
      if (result.length === states.length) break;
      if (used.has(href)) continue;
      used.add(href);
      for (const other of vms.slice(1)) sim.inventory.setPowerState(other.href, rest, { tools: true });
      result.push(sim.inventory.setPowerState(vms[0].href, states[result.length], { tools: true }));
    }
    assert.equal(result.length, states.length, 'enough unused vApps');
    return result;
  }

  /** The node of a VM (or of its vApp), listed now, shown to the provider as VS Code would (it asks its tree item). */
  async function nodeOf(vm: SimVmInfo, level: 'vm' | 'vapp' = 'vm'): Promise<TreeNode> {
    const { api } = await fixture();
    const site = (await children()).find((n) => n.id === `site:${siteId}`)!;
    const org = (await children(site))[0];
    const vdc = (await children(org)).find((n) => label(n) === vm.vdcName)!;
    const vapp = (await children(vdc)).find((n) => n.id.endsWith(`|${vm.vappHref}`))!;
    assert.ok(vapp, `the vApp of ${vm.name}`);
    for (const n of [site, org, vdc, vapp]) api.tree.getTreeItem(n);
    if (level === 'vapp') return vapp;
    const node = (await children(vapp)).find((n) => n.id.endsWith(`|${vm.href}`));
    assert.ok(node, `the node of ${vm.name}`);
    api.tree.getTreeItem(node);
    return node;
  }

  const state = (vm: SimVmInfo): SimVmInfo => sim.inventory.vms().find((v) => v.href === vm.href)!;
  const postsTo = (vm: SimVmInfo): number =>
    Object.entries(sim.counters.byRoute).filter(([route]) => route.startsWith(`POST ${new URL(vm.href).pathname}/`)).reduce((n, [, c]) => n + c, 0);

  it('Power Off asks first, naming the VM, its site and organization and the effect; the node shows the running operation, then Powered off', async () => {
    const { api } = await fixture();
    const [vm] = pick(['POWERED_ON']);
    const node = await nodeOf(vm);
    assert.equal(item(node).contextValue, 'vcd.vm+poweredOn');
    const vdc = node.parent!.parent!;
    const fired: TreeNode[] = [];
    const sub = api.tree.onDidChangeTreeData((n) => n && fired.push(n));
    sim.tasks.hold();
    try {
      const command = withScript(
        [{
          kind: 'message', match: new RegExp(`^Power off the VM “${escape(vm.name)}”\\?$`), answer: 'Power Off',
          check: (r) => {
            assert.equal(r.modal, true);
            assert.equal(r.detail?.split('\n')[0], `“${vm.name}” in vApp “${vm.vappName}” on site ${siteName}, organization ${sim.tenant.org}.`);
            assert.match(r.detail ?? '', /like pulling the plug: work not saved in it is lost/);
          },
        }],
        () => vscode.commands.executeCommand<PowerRun>(Commands.powerOff, node, [node]),
      );
      await until(() => /^Powering off… \d+%$/.test(String(item(node).description)), 'the node shows the running operation');
      const running = item(node);
      assert.equal((running.iconPath as vscode.ThemeIcon).id, 'loading~spin');
      assert.equal(running.contextValue, 'vcd.vm+busy', 'no power actions while it runs; Cancel Task instead');
      assert.match(tooltipText(node), /\*\*Busy:\*\* Powering off… \d+% \\\(started from this window\\\)/);
      // Redrawn through the queue: this node, or the one with its id that VS Code shows when the view is open.
      await until(() => fired.some((n) => n.id === node.id), 'the node is redrawn through the queue');
      sim.tasks.release();
      const { result } = await command;
      assert.deepEqual(result.outcomes.map((o) => o.kind), ['succeeded']);
      assert.deepEqual([state(vm).status, state(vm).deployed], ['POWERED_OFF', false], 'VCD’s Power Off: undeployed');
      await until(() => fired.some((n) => n.id === vdc.id), 'the VDC above it is listed again');
    } finally {
      sub.dispose();
    }
    const again = await nodeOf(vm);
    assert.deepEqual([item(again).description, item(again).contextValue], ['Powered off', 'vcd.vm+poweredOff']);
  });

  it('Power On of two selected VMs: no question, one progress with a count, a summary, both Powered on', async () => {
    const { api } = await fixture();
    const vms = pick(['POWERED_OFF', 'POWERED_OFF']);
    const nodes = await Promise.all(vms.map((vm) => nodeOf(vm)));
    const script = new ScriptedUserInput([
      { kind: 'message', match: /^Power On of 2 VMs: all 2 succeeded/, check: (r) => assert.equal(r.severity, 'info') },
    ]);
    api.setUserInput(script);
    try {
      const run = await vscode.commands.executeCommand<PowerRun>(Commands.powerOn, nodes[1], nodes);
      assert.deepEqual(run.outcomes.map((o) => o.kind), ['succeeded', 'succeeded']);
      script.assertDone();
      assert.deepEqual(script.progressReports, ['Power On: 2 VMs: 0 of 2 done', 'Power On: 2 VMs: 1 of 2 done', 'Power On: 2 VMs: 2 of 2 done']);
      assert.ok(!script.seen.some((s) => s.kind.includes('modal')), 'Power On asks nothing');
      const summary = script.messages().find((m) => m.text.startsWith('Power On of 2 VMs'))!;
      for (const vm of vms) assert.ok(summary.text.includes(`“${vm.name}”`), `${vm.name} named in the summary`);
    } finally {
      api.setUserInput(undefined);
    }
    assert.deepEqual(vms.map((vm) => state(vm).status), ['POWERED_ON', 'POWERED_ON']);
  });

  it("a failed task shows VCD's message with Show Log and Open Task, which opens the task's raw document", async () => {
    const [vm] = pick(['POWERED_OFF']);
    const node = await nodeOf(vm);
    sim.inject({ kind: 'failTask', message: 'There are not enough resources in the VDC to power on the VM.', minorErrorCode: 'INSUFFICIENT_RESOURCES', majorErrorCode: 400 });
    await withScript(
      [{
        kind: 'message', match: new RegExp(`^Power On of “${escape(vm.name)}” failed: There are not enough resources in the VDC to power on the VM\\.$`), answer: 'Open Task',
        check: (r) => {
          assert.equal(r.severity, 'error');
          assert.deepEqual(r.actions, ['Open Task', 'Show Log']);
        },
      }],
      () => vscode.commands.executeCommand(Commands.powerOn, node, [node]),
    );
    const taskPath = (): string | null => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      return uri?.scheme === 'vcd-api' ? new URLSearchParams(uri.query).get('path') : null;
    };
    await until(() => /^\/api\/task\/[0-9a-f-]{36}$/.test(taskPath() ?? ''), 'the task document is open');
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /<Task [^>]*status="error"/);
    assert.match(text, /minorErrorCode="INSUFFICIENT_RESOURCES"/);
    assert.ok(!text.includes(sim.tenant.apiToken));
    assert.equal(state(vm).status, 'POWERED_OFF');
  });

  it('a VM busy with another client’s task says so on its node and when asked to act; nothing is sent', async () => {
    const [vm] = pick(['POWERED_ON']);
    // Listed before the other client started its task: the node still offers Power Off.
    const stale = await nodeOf(vm);
    sim.tasks.hold();
    const other = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
    assert.equal((await call(sim, 'POST', `${vm.href}/power/action/reset`, other)).status, 202);
    const before = postsTo(vm);
    await withScript(
      [
        { kind: 'message', match: /^Power off the VM/, answer: 'Power Off' },
        { kind: 'message', match: new RegExp(`^“${escape(vm.name)}” is busy: Resetting Virtual Machine ${escape(vm.name)} started by ${sim.tenant.user} is (queued|running)`), check: (r) => assert.equal(r.severity, 'warning') },
      ],
      () => vscode.commands.executeCommand(Commands.powerOff, stale, [stale]),
    );
    assert.equal(postsTo(vm), before, 'no action was sent');
    assert.equal(state(vm).status, 'POWERED_ON');
    // Listed now, the node says it is busy and offers no power action.
    const node = await nodeOf(vm);
    assert.deepEqual([item(node).description, item(node).contextValue], ['Powered on · Busy', 'vcd.vm+busy']);
    assert.equal((item(node).iconPath as vscode.ThemeIcon).id, 'loading~spin');
    assert.match(tooltipText(node), /\*\*Busy:\*\* Reset is (queued|running)/);
  });

  it('Cancel of the progress stops the VMs not yet sent; those running go on, and say how they ended', async () => {
    const { api } = await fixture();
    const vms = pick(['POWERED_OFF', 'POWERED_OFF', 'POWERED_OFF', 'POWERED_OFF', 'POWERED_OFF', 'POWERED_OFF']);
    const nodes = await Promise.all(vms.map((vm) => nodeOf(vm)));
    sim.tasks.hold();
    const script = new ScriptedUserInput([
      { kind: 'message', match: /^Power On of 6 VMs: 4 still running in VCD \(.*\); 2 not sent \(.*\)\.$/, check: (r) => assert.equal(r.severity, 'warning') },
      { kind: 'message', match: /^Power On of 4 VMs: all 4 succeeded/ },
    ]);
    api.setUserInput(script);
    try {
      const command = vscode.commands.executeCommand<PowerRun>(Commands.powerOn, nodes[0], nodes);
      const started = (): number => sim.tasks.list().filter((t) => vms.some((vm) => vm.href === t.targetHref)).length;
      await until(() => started() === 4, 'four tasks run (the concurrency)');
      script.pressCancel();
      const run = await command;
      assert.deepEqual(run.outcomes.map((o) => o.kind), ['running', 'running', 'running', 'running', 'notSent', 'notSent']);
      assert.equal(started(), 4, 'the other two were not sent');
      sim.tasks.release();
      await until(() => script.messages().some((m) => m.text.startsWith('Power On of 4 VMs')), 'the running ones report their end');
      script.assertDone();
    } finally {
      api.setUserInput(undefined);
    }
    assert.deepEqual(vms.map((vm) => state(vm).status), ['POWERED_ON', 'POWERED_ON', 'POWERED_ON', 'POWERED_ON', 'POWERED_OFF', 'POWERED_OFF']);
  });

  it('Cancel Task asks VCD to cancel a running task from the Tasks view; the VM keeps its state', async () => {
    const { api } = await fixture();
    const [vm] = pick(['POWERED_ON']);
    const node = await nodeOf(vm);
    sim.tasks.hold();
    const script = new ScriptedUserInput([
      { kind: 'message', match: /^Suspend the VM/, answer: 'Suspend' },
      { kind: 'message', match: new RegExp(`^Asked VCD to cancel Suspend ${escape(vm.name)}\\.$`) },
      { kind: 'message', match: new RegExp(`^Suspend of “${escape(vm.name)}” was canceled\\.$`) },
    ]);
    api.setUserInput(script);
    try {
      const command = vscode.commands.executeCommand<PowerRun>(Commands.suspend, node, [node]);
      await until(() => api.tasks.runningFor(node.id) !== undefined, 'the task runs');
      const siteTasks = (await taskChildren()).find((n) => n.id === `tasks:${siteId}`)!;
      const taskNode = (await taskChildren(siteTasks)).find((n) => label(n) === vm.name)!;
      assert.ok(taskNode, 'the Tasks view lists it');
      assert.match(item(taskNode).contextValue ?? '', /^vcd\.task\+(queued|running)$/);
      assert.match(String(item(taskNode).description), /^Suspend · (Queued|Running \d+%) · \d\d:\d\d$/);
      await vscode.commands.executeCommand(Commands.cancelTask, taskNode);
      const run = await command;
      assert.deepEqual(run.outcomes.map((o) => o.kind), ['canceled']);
      script.assertDone();
    } finally {
      api.setUserInput(undefined);
    }
    assert.equal(state(vm).status, 'POWERED_ON');
  });

  it('when another client changed the state, the action is not sent, the person is told, and the node shows the truth', async () => {
    const { api } = await fixture();
    const [vm] = pick(['POWERED_ON']);
    const node = await nodeOf(vm);
    const vdc = node.parent!.parent!;
    sim.inventory.setPowerState(vm.href, 'POWERED_OFF');
    const fired: TreeNode[] = [];
    const sub = api.tree.onDidChangeTreeData((n) => n && fired.push(n));
    try {
      await withScript(
        [
          { kind: 'message', match: /^Reset the VM/, answer: 'Reset' },
          { kind: 'message', match: new RegExp(`^Reset of “${escape(vm.name)}” was not done: Reset is not possible now: it is powered off\\.$`) },
        ],
        () => vscode.commands.executeCommand(Commands.reset, node, [node]),
      );
      await until(() => fired.some((n) => n.id === vdc.id), 'its VDC is listed again');
    } finally {
      sub.dispose();
    }
    assert.equal(item(await nodeOf(vm)).description, 'Powered off');
    assert.equal(postsTo(vm), 0);
  });

  it('acts on a vApp: Suspend, then Discard Suspended State (vApps only), with the vApp’s status from its VMs', async () => {
    const [vm] = pick(['POWERED_ON'], 'POWERED_ON');
    let vapp = await nodeOf(vm, 'vapp');
    assert.equal(item(vapp).contextValue, 'vcd.vapp+poweredOn');
    await withScript(
      [{ kind: 'message', match: new RegExp(`^Suspend the vApp “${escape(vm.vappName)}”\\?$`), answer: 'Suspend' }],
      () => vscode.commands.executeCommand(Commands.suspend, vapp, [vapp]),
    );
    vapp = await nodeOf(vm, 'vapp');
    assert.deepEqual([item(vapp).description, item(vapp).contextValue], ['Suspended', 'vcd.vapp+suspended']);
    const vmNode = await nodeOf(vm);
    await withScript([{ kind: 'message', match: /is for vApps only/ }], () => vscode.commands.executeCommand(Commands.discardSuspendedState, vmNode, [vmNode]));
    await withScript(
      [{ kind: 'message', match: /^Discard the suspended state of the vApp/, answer: 'Discard Suspended State', check: (r) => assert.match(r.detail ?? '', /thrown away/) }],
      () => vscode.commands.executeCommand(Commands.discardSuspendedState, vapp, [vapp]),
    );
    assert.equal(item(await nodeOf(vm, 'vapp')).description, 'Powered off');
    assert.equal(state(vm).status, 'POWERED_OFF');
  });

  it('the Tasks view lists each site’s recent tasks with status, target, user and times; clicking one opens its raw document', async () => {
    const roots = await taskChildren();
    const tenant = roots.find((n) => n.id === `tasks:${siteId}`)!;
    const system = roots.find((n) => n.id === `tasks:${systemId}`)!;
    assert.ok(tenant && system, 'a node per site');
    assert.equal(item(tenant).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const tasks = await taskChildren(tenant);
    const failed = tasks.find((n) => /^Reboot Guest OS · Failed · /.test(String(item(n).description)));
    assert.ok(failed, `the failed reboot of the history is listed: ${tasks.map((n) => `${label(n)} ${String(item(n).description)}`).join(', ')}`);
    assert.equal(item(failed).contextValue, 'vcd.task+error');
    const tip = tooltipText(failed);
    for (const fact of [/\*\*Status:\*\* Failed/, /\*\*Target:\*\* .+ \\\(VM\\\)/, /\*\*Started by:\*\* \w+/, /\*\*Started:\*\* \d{4}\\-\d\d\\-\d\d \d\d:\d\d:\d\d/, /\*\*Ended:\*\*/, /\*\*Error:\*\* .*VMware Tools is not running/]) {
      assert.match(tip, fact);
    }
    assert.equal(item(failed).command?.command, Commands.openResponse);
    assert.deepEqual(item(failed).command?.arguments, [failed]);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.openResponse, failed);
    assert.match(doc.getText(), /<Task [^>]*operationName="vappRebootGuest"[^>]*status="error"/);
    const orgs = new Set((await taskChildren(system)).map((n) => tooltipText(n).match(/\*\*Organization:\*\* (.+)/)?.[1]));
    assert.ok(orgs.size >= 2, 'the System site lists the tasks of every organization');
    const starts = tasks.map((n) => tooltipText(n).match(/\*\*Started:\*\* (\S+ \S+)/)?.[1] ?? '');
    assert.deepEqual(starts, [...starts].sort().reverse(), 'newest first');
  });
});
