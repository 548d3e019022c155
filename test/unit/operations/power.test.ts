// The operations module (shared by commands and, later, chat tools) in plain Node against the simulator: the
// confirmation names the target, its site and organization and the effect; actions on several targets run at most
// POWER_CONCURRENCY at a time; Cancel stops what was not sent; busy, refused and failed targets are told apart; the
// summary says which succeeded and which did not, and why. Tasks are waited for on a timer that does not wait.
import * as assert from 'node:assert/strict';
import type { Simulator, SimVmInfo } from '../../simulator';
import { confirmationFor, nameList, PowerOperations, POWER_CONCURRENCY, summarize, type PowerRunOptions, type PowerTarget } from '../../../src/operations/power';
import { TaskTracker, type TrackerEvent } from '../../../src/tree/taskTracker';
import type { Site } from '../../../src/platform/settings';
import type { Log } from '../../../src/platform/log';
import type { SiteClients } from '../../../src/platform/siteClients';
import type { VcdClient } from '../../../src/vcd';
import { siteClient, useSimulator } from '../../support/simHelpers';

const noWait = { sleep: () => Promise.resolve() };

function fakeLog(lines: string[]): Log {
  const write = (level: string) => (message: string): void => void lines.push(`[${level}] ${message}`);
  return { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), trace: write('trace') } as unknown as Log;
}

describe('power operations', () => {
  const site: Site = { id: 'acme@sim', name: 'Demo (tenant)', url: 'https://sim', baseUrl: 'https://sim', org: 'acme', isSystem: false };
  const target = (name: string, extra: Partial<PowerTarget> = {}): PowerTarget => ({
    site, kind: 'vm', href: `https://sim/api/vApp/vm-${name}`, name, key: `acme@sim|${name}`, orgName: 'acme', vappName: 'web-app', ...extra,
  });

  describe('confirmation and summary texts', () => {
    it('asks before what can lose work, naming the VM, its vApp, site, organization and the effect; not before Power On', () => {
      const one = confirmationFor('powerOff', [target('web-01')])!;
      assert.equal(one.message, 'Power off the VM “web-01”?');
      assert.equal(one.confirmLabel, 'Power Off');
      assert.equal(one.detail.split('\n')[0], '“web-01” in vApp “web-app” on site Demo (tenant), organization acme.');
      assert.match(one.detail, /stops at once, without shutting down its guest OS, like pulling the plug: work not saved in it is lost\. VCD also undeploys it\./);
      assert.match(confirmationFor('shutdown', [target('web-01')])!.detail, /guest OS is asked to shut down through VMware Tools/);
      assert.match(confirmationFor('reset', [target('web-01')])!.message, /^Reset the VM “web-01”\?$/);
      assert.match(confirmationFor('suspend', [target('app', { kind: 'vapp' })])!.message, /^Suspend the vApp “app”\?$/);
      assert.match(confirmationFor('discardSuspendedState', [target('app', { kind: 'vapp' })])!.detail, /thrown away/);
      assert.equal(confirmationFor('powerOn', [target('web-01')]), undefined);
      const many = confirmationFor('powerOff', Array.from({ length: 12 }, (_, i) => target(`vm-${i}`)))!;
      assert.equal(many.message, 'Power off 12 VMs?');
      assert.deepEqual(many.detail.split('\n').slice(0, 2), ['• vm-0 (site Demo (tenant), organization acme)', '• vm-1 (site Demo (tenant), organization acme)']);
      assert.match(many.detail, /• and 2 more\n\nThey stop at once/);
      assert.equal(confirmationFor('reboot', [target('a'), target('b', { kind: 'vapp' })])!.message, 'Reboot the guest OS of 1 VM and 1 vApp?');
      assert.equal(confirmationFor('shutdown', [target('web-01')])!.message, 'Shut down the guest OS of the VM “web-01”?');
    });

    it('sums up several outcomes: which succeeded, which failed and why, which were busy or not sent', () => {
      const a = target('a'), b = target('b'), c = target('c'), d = target('d');
      const task = { href: 'https://sim/api/task/1', status: 'error' as const };
      const summary = summarize({
        action: 'powerOn', cancelled: true, outcomes: [
          { kind: 'succeeded', target: a, task: { href: 'https://sim/api/task/0', status: 'success' } },
          { kind: 'failed', target: b, reason: 'Power On of “b” failed: [ 42 ] No memory.', task },
          { kind: 'busy', target: c, reason: '“c” is busy: …' },
          { kind: 'notSent', target: d },
        ],
      })!;
      assert.equal(summary.severity, 'error');
      assert.equal(summary.message, 'Power On of 4 VMs: 1 succeeded (“a”); 1 failed — “b”: [ 42 ] No memory.; 1 was busy (“c”); 1 not sent (“d”).');
      assert.deepEqual(summary.openTask, { site, href: task.href, name: 'Power On b' });
      assert.equal(summarize({ action: 'powerOn', cancelled: false, outcomes: [{ kind: 'succeeded', target: a, task: task }] }), undefined, 'one success: nothing to say');
      const all = summarize({ action: 'powerOn', cancelled: false, outcomes: [a, b].map((t) => ({ kind: 'succeeded' as const, target: t, task })) })!;
      assert.deepEqual([all.severity, all.message], ['info', 'Power On of 2 VMs: all 2 succeeded (“a” and “b”).']);
      assert.equal(nameList(Array.from({ length: 12 }, (_, i) => `n${i}`)).endsWith('and 2 more'), true);
    });
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    let client: VcdClient;
    let tracker: TaskTracker;
    let ops: PowerOperations;
    let stale: PowerTarget[];
    const logs: string[] = [];
    const used = new Set<string>();
    useSimulator(
      async (started) => {
        sim = started;
        client = (await siteClient(sim, 'tenant')).client;
      },
      { size: { orgs: 2, vdcsPerOrg: 2, vappsPerVdc: 10, vmsPerVapp: 2 }, tasks: { advance: 'polls', runningPolls: 1 } },
    );
    beforeEach(() => {
      tracker = new TaskTracker();
      stale = [];
      ops = new PowerOperations({
        clients: { client: () => client } as unknown as SiteClients, tasks: tracker, log: fakeLog(logs), waitOptions: () => noWait,
        stateMayHaveChanged: (t) => void stale.push(t),
      });
    });
    afterEach(() => {
      ops.dispose();
      sim.tasks.release();
      sim.clearFaults();
    });

    /** `n` VMs of vApps no other test used, in this state with VMware Tools, as the tree would pass them. */
    function vms(n: number, state: 'POWERED_ON' | 'POWERED_OFF'): PowerTarget[] {
      const picked: SimVmInfo[] = [];
      for (const vm of sim.inventory.vms({ orgName: sim.tenant.org })) {
        if (picked.length === n) break;
        if (used.has(vm.vappHref)) continue;
        used.add(vm.vappHref);
        picked.push(sim.inventory.setPowerState(vm.href, state, { tools: true }));
      }
      assert.equal(picked.length, n);
      const real: Site = { ...site, baseUrl: sim.url };
      return picked.map((vm) => ({ site: real, kind: 'vm', href: vm.href, name: vm.name, key: `${real.id}|${vm.href}`, orgName: vm.orgName, vappName: vm.vappName, status: vm.status as PowerTarget['status'] }));
    }
    const status = (t: PowerTarget): string => sim.inventory.vms().find((v) => v.href === t.href)!.status;

    function options(answer = true, onProgress?: (signal: AbortSignal) => void): PowerRunOptions & { asked: string[]; reports: string[] } {
      const asked: string[] = [];
      const reports: string[] = [];
      return {
        asked, reports,
        confirm: (c) => {
          asked.push(c.message);
          return Promise.resolve(answer);
        },
        progress: (title, work) => {
          const controller = new AbortController();
          onProgress?.(controller.signal);
          return work(controller.signal, (done, total) => reports.push(`${title}: ${done} of ${total}`));
        },
      };
    }

    it('asks first, and sends nothing when the person declines', async () => {
      const [vm] = vms(1, 'POWERED_ON');
      const before = sim.counters.requests;
      const o = options(false);
      assert.equal(await ops.run('powerOff', [vm], o), undefined);
      assert.deepEqual(o.asked, [`Power off the VM “${vm.name}”?`]);
      assert.equal(sim.counters.requests, before);
    });

    it('powers several VMs on, at most POWER_CONCURRENCY at a time, reporting the count, following each task to its end', async () => {
      const targets = vms(6, 'POWERED_OFF');
      let most = 0;
      const events: TrackerEvent['kind'][] = [];
      tracker.onDidChange((e) => {
        events.push(e.kind);
        most = Math.max(most, tracker.runningCount);
      });
      const o = options();
      const run = (await ops.run('powerOn', targets, o))!;
      assert.deepEqual(o.asked, [], 'Power On asks nothing');
      assert.deepEqual(run.outcomes.map((x) => x.kind), Array(6).fill('succeeded'));
      assert.deepEqual(targets.map(status), Array(6).fill('POWERED_ON'));
      assert.ok(most > 1 && most <= POWER_CONCURRENCY, `at most ${POWER_CONCURRENCY} at once (${most})`);
      assert.equal(o.reports[0], 'Power On: 6 VMs: 0 of 6');
      assert.equal(o.reports.at(-1), 'Power On: 6 VMs: 6 of 6');
      assert.equal(events.filter((e) => e === 'started').length, 6);
      assert.equal(events.filter((e) => e === 'ended').length, 6);
      assert.equal(tracker.forSite(site.id).length, 6, 'the tasks are listed for the Tasks view');
    });

    it('Cancel stops the targets not yet sent; the tasks already running go on and end later', async () => {
      const targets = vms(6, 'POWERED_OFF');
      sim.tasks.hold();
      let cancel!: () => void;
      const o = options(true, (signal) => void signal);
      const progress = o.progress.bind(o);
      o.progress = (title, work) => progress(title, (signal, report) => {
        const controller = new AbortController();
        signal.addEventListener('abort', () => controller.abort());
        cancel = () => controller.abort();
        return work(controller.signal, report);
      });
      tracker.onDidChange(() => {
        if (tracker.runningCount === POWER_CONCURRENCY) cancel();
      });
      const run = (await ops.run('powerOn', targets, o))!;
      assert.equal(run.cancelled, true);
      assert.deepEqual(run.outcomes.map((x) => x.kind), ['running', 'running', 'running', 'running', 'notSent', 'notSent']);
      assert.equal(sim.tasks.list().filter((t) => targets.some((x) => x.href === t.targetHref)).length, POWER_CONCURRENCY, 'only those were sent');
      sim.tasks.release();
      const final = await run.finished;
      assert.deepEqual(final.map((x) => x.kind), ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'notSent', 'notSent']);
      assert.deepEqual(targets.map(status), ['POWERED_ON', 'POWERED_ON', 'POWERED_ON', 'POWERED_ON', 'POWERED_OFF', 'POWERED_OFF']);
      assert.equal(summarize(run)!.message.endsWith(`2 not sent (“${targets[4].name}” and “${targets[5].name}”).`), true);
    });

    it('tells busy, refused (state changed, listed state) and failed targets apart, with VCD’s words', async () => {
      const [busy, changed, failing, listedOff] = vms(4, 'POWERED_ON');
      sim.tasks.hold();
      await client.startPowerAction(await client.entity(busy.href), 'reset');
      sim.inventory.setPowerState(changed.href, 'POWERED_OFF');
      sim.inject({ kind: 'failTask', message: 'The VM could not be stopped: its host is in maintenance mode.', path: new RegExp(`${failing.href.split('/api')[1]}/`) });
      const o = options();
      const run = (await ops.run('powerOff', [busy, changed, failing, { ...listedOff, status: 'POWERED_OFF' }], { ...o, progress: (title, work) => {
        setImmediate(() => sim.tasks.release());
        return o.progress(title, work);
      } }))!;
      assert.deepEqual(o.asked, ['Power off 3 VMs?'], 'the VM listed as powered off is left out before asking');
      const [b, c, f, l] = run.outcomes;
      assert.equal(b.kind, 'busy');
      assert.match((b as { reason: string }).reason, /is busy: Resetting Virtual Machine/);
      assert.equal(c.kind, 'refused');
      assert.match((c as { reason: string }).reason, /Power Off is not possible now: it is powered off/);
      assert.deepEqual(stale.map((t) => t.href), [changed.href], 'the changed VM is listed again');
      assert.equal(f.kind, 'failed');
      assert.match((f as { reason: string }).reason, new RegExp(`^Power Off of “${failing.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” failed: The VM could not be stopped: its host is in maintenance mode\\.$`));
      assert.equal(l.kind, 'refused');
      assert.equal(status(failing), 'POWERED_ON');
      const summary = summarize(run)!;
      assert.equal(summary.severity, 'error');
      assert.match(summary.message, /^Power Off of 4 VMs: 1 failed — “[^”]+”: The VM could not be stopped: its host is in maintenance mode\.; 1 was busy \(“[^”]+”\); 2 did not allow it — /);
      assert.equal(summary.openTask?.href, (f as { task?: { href: string } }).task?.href);
      assert.ok(logs.some((line) => line.includes('was not done') && line.includes(busy.name)), 'each outcome is in the log');
    });

    it('cancels a task through VCD: asked while it runs, ended afterwards', async () => {
      const [vm] = vms(1, 'POWERED_ON');
      sim.tasks.hold();
      const task = await client.startPowerAction(await client.entity(vm.href), 'suspend');
      const asked = await ops.cancel(vm.site, task.href);
      assert.equal(asked.outcome, 'asked');
      assert.equal((await ops.cancel(vm.site, task.href)).outcome, 'ended');
      assert.equal(status(vm), 'POWERED_ON');
    });
  });
});
