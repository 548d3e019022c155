// The core's power actions and tasks against the simulator over HTTPS: VCD's semantics (Power Off and Shut Down are
// undeploys), what a state allows (record status, entity links), busy entities, task documents as untrusted input,
// polling with a backoff from 1 s to 5 s on an injected timer (no wall-clock waits), cancel, recent tasks.
import * as assert from 'node:assert/strict';
import type { Simulator, SimVmInfo } from '../../simulator';
import { call, XML_38, accessToken } from '../../simulator/testClient';
import {
  actionsForRecord, parseEntity, parseTask, refusalByRecord, taskFailure, VcdClient, VcdError,
  type EntityState, type PowerAction, type TaskInfo,
} from '../../../src/vcd';
import { kind, routeCount, siteClient, useSimulator } from '../../support/simHelpers';

/** A timer that does not wait: it records the delays asked for. */
function fakeSleep(): { delays: number[]; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms, signal) => {
      delays.push(ms);
      return signal?.aborted ? Promise.reject(new VcdError('cancelled', 'cancelled')) : Promise.resolve();
    },
  };
}

describe('power actions and tasks (core)', () => {
  describe('what a state allows', () => {
    it('offers by record status what VCD allows, and Shut Down / Reboot only where VMware Tools run', () => {
      assert.deepEqual(actionsForRecord('vm', 'POWERED_ON'), ['powerOff', 'shutdown', 'reset', 'reboot', 'suspend']);
      assert.deepEqual(actionsForRecord('vm', 'POWERED_ON', 'toolsNotRunning'), ['powerOff', 'reset', 'suspend']);
      assert.deepEqual(actionsForRecord('vm', 'POWERED_ON', 'toolsOk'), ['powerOff', 'shutdown', 'reset', 'reboot', 'suspend']);
      assert.deepEqual(actionsForRecord('vm', 'POWERED_OFF'), ['powerOn']);
      assert.deepEqual(actionsForRecord('vm', 'RESOLVED'), ['powerOn']);
      assert.deepEqual(actionsForRecord('vm', 'SUSPENDED'), ['powerOn', 'powerOff']);
      assert.deepEqual(actionsForRecord('vapp', 'SUSPENDED'), ['powerOn', 'powerOff', 'discardSuspendedState']);
      assert.deepEqual(actionsForRecord('vapp', 'PARTIALLY_POWERED_OFF'), ['powerOn', 'powerOff', 'shutdown', 'reset', 'reboot', 'suspend']);
      for (const status of ['UNRESOLVED', 'FAILED_CREATION', 'UNKNOWN', 'INCONSISTENT_STATE'] as const) {
        assert.deepEqual(actionsForRecord('vm', status), [], status);
      }
      assert.match(refusalByRecord('powerOff', 'vm', 'POWERED_OFF') ?? '', /Power Off is not possible while it is powered off/);
      assert.match(refusalByRecord('discardSuspendedState', 'vm', 'SUSPENDED') ?? '', /for vApps only/);
    });
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    let client: VcdClient;
    let other: Record<string, string>;
    const used = new Set<string>();
    useSimulator(
      async (started) => {
        sim = started;
        client = (await siteClient(sim, 'tenant')).client;
        other = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
      },
      { size: { orgs: 2, vdcsPerOrg: 2, vappsPerVdc: 8, vmsPerVapp: 2 }, tasks: { advance: 'polls', runningPolls: 2 } },
    );
    afterEach(() => {
      sim.tasks.release();
      sim.clearFaults();
    });

    /** A VM of a vApp no other test used, in this state (tools running), the other VM of its vApp as `rest`. */
    function vm(state: 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED', rest: 'POWERED_ON' | 'POWERED_OFF' = 'POWERED_OFF', tools = true): SimVmInfo {
      const found = sim.inventory.vms({ orgName: sim.tenant.org }).find((v) => !used.has(v.vappHref) && !v.busy);
      assert.ok(found, 'an unused vApp');
      used.add(found.vappHref);
      for (const sibling of sim.inventory.vms().filter((v) => v.vappHref === found.vappHref && v.href !== found.href)) sim.inventory.setPowerState(sibling.href, rest);
      return sim.inventory.setPowerState(found.href, state, { tools });
    }
    const state = (href: string): SimVmInfo => sim.inventory.vms().find((v) => v.href === href)!;
    const posts = (): number => Object.entries(sim.counters.byRoute).filter(([r]) => r.startsWith('POST /api/vApp/')).reduce((n, [, c]) => n + c, 0);

    async function run(href: string, action: PowerAction): Promise<TaskInfo> {
      const entity = await client.entity(href);
      const task = await client.startPowerAction(entity, action);
      return client.waitForTask(task, { sleep: fakeSleep().sleep });
    }

    it('reads a VM: its numeric status, deployment and the links its state offers', async () => {
      const on = vm('POWERED_ON');
      const entity = await client.entity(on.href);
      assert.deepEqual([entity.kind, entity.name, entity.status, entity.deployed], ['vm', on.name, 'POWERED_ON', true]);
      assert.deepEqual([...entity.links.keys()].filter((r) => /^(power:|undeploy|deploy|discard)/.test(r)),
        ['power:powerOff', 'power:reboot', 'power:reset', 'power:shutdown', 'power:suspend', 'undeploy']);
      assert.equal(entity.links.get('undeploy'), `${on.href}/action/undeploy`);
      assert.deepEqual(entity.tasks, []);
    });

    it('Power Off is an undeploy with powerOff: the VM ends powered off and undeployed', async () => {
      const on = vm('POWERED_ON');
      const before = routeCount(sim, `POST ${new URL(on.href).pathname}/action/undeploy`);
      const task = await run(on.href, 'powerOff');
      assert.deepEqual([task.status, task.operationName, task.progress], ['success', 'vappUndeployPowerOff', 100]);
      assert.equal(routeCount(sim, `POST ${new URL(on.href).pathname}/action/undeploy`), before + 1);
      assert.deepEqual([state(on.href).status, state(on.href).deployed], ['POWERED_OFF', false]);
    });

    it('Shut Down is an undeploy with shutdown (through VMware Tools); Power On, Reset, Suspend use the power links', async () => {
      const on = vm('POWERED_ON');
      assert.equal((await run(on.href, 'shutdown')).operationName, 'vappUndeployShutdown');
      assert.deepEqual([state(on.href).status, state(on.href).deployed], ['POWERED_OFF', false]);
      assert.equal((await run(on.href, 'powerOn')).operationName, 'vappDeploy');
      assert.equal(routeCount(sim, `POST ${new URL(on.href).pathname}/power/action/powerOn`), 1);
      assert.equal((await run(on.href, 'reset')).status, 'success');
      assert.equal((await run(on.href, 'reboot')).operationName, 'vappRebootGuest');
      assert.equal((await run(on.href, 'suspend')).status, 'success');
      assert.equal(state(on.href).status, 'SUSPENDED');
      const vapp = await client.entity(on.vappHref);
      assert.equal(vapp.kind, 'vapp');
      assert.equal((await run(on.vappHref, 'discardSuspendedState')).operationName, 'vappDiscardSuspendedState');
      assert.equal(state(on.href).status, 'POWERED_OFF');
    });

    it('refuses, without a request, what the entity does not offer now: another client changed its state, or no VMware Tools', async () => {
      const on = vm('POWERED_ON', 'POWERED_OFF', false);
      const entity = await client.entity(on.href);
      const before = posts();
      await assert.rejects(client.startPowerAction(entity, 'shutdown'), kind('badRequest', (e) => /needs VMware Tools running/.test(e.message)));
      await assert.rejects(client.startPowerAction(entity, 'reboot'), kind('badRequest', (e) => /needs VMware Tools running/.test(e.message)));
      sim.inventory.setPowerState(on.href, 'POWERED_OFF');
      const now = await client.entity(on.href);
      await assert.rejects(client.startPowerAction(now, 'powerOff'), kind('badRequest', (e) => e.message.includes(`“${on.name}”: Power Off is not possible now: it is powered off.`)));
      assert.equal(posts(), before, 'nothing was sent');
      // With the stale document, VCD itself refuses: 400 BAD_REQUEST with its message.
      await assert.rejects(client.startPowerAction(entity, 'powerOff'), kind('badRequest', (e) => /not deployed/.test((e as VcdError).serverMessage ?? '')));
    });

    it('tells a busy entity: its own running task (no request), or VCD’s 400 BUSY_ENTITY when another client was quicker', async () => {
      const on = vm('POWERED_ON');
      const stale = await client.entity(on.href);
      sim.tasks.hold();
      const started = await call(sim, 'POST', `${on.href}/power/action/reset`, other);
      assert.equal(started.status, 202);
      const busy = await client.entity(on.href);
      assert.equal(busy.tasks.length, 1);
      assert.equal(busy.tasks[0].status, 'queued');
      const before = posts();
      await assert.rejects(client.startPowerAction(busy, 'powerOff'), kind('busy', (e) => e.message.startsWith(`“${on.name}” is busy: Resetting Virtual Machine ${on.name} started by ${sim.tenant.user} is queued.`)));
      assert.equal(posts(), before, 'nothing was sent');
      await assert.rejects(client.startPowerAction(stale, 'powerOff'), kind('busy', (e) => (e as VcdError).code === 'BUSY_ENTITY' && /is busy completing an operation/.test(e.message)));
    });

    it('waits for a task with a backoff of 1 s, 2 s, 4 s, then 5 s, and reports each change', async () => {
      const on = vm('POWERED_ON');
      sim.tasks.setTiming({ runningPolls: 5 });
      try {
        const task = await client.startPowerAction(await client.entity(on.href), 'suspend');
        const timer = fakeSleep();
        const updates: string[] = [];
        const done = await client.waitForTask(task, { sleep: timer.sleep, onUpdate: (t) => updates.push(`${t.status} ${t.progress ?? ''}`) });
        assert.equal(done.status, 'success');
        assert.deepEqual(timer.delays, [1000, 2000, 4000, 5000, 5000, 5000]);
        assert.deepEqual(updates, ['running 17', 'running 33', 'running 50', 'running 67', 'running 83', 'success 100']);
      } finally {
        sim.tasks.setTiming({ runningPolls: 2 });
      }
    });

    it('bounds the wait (timeout, the task goes on), stops at once when aborted, retries a passing failure and not a refusal', async () => {
      const on = vm('POWERED_ON');
      sim.tasks.hold();
      const task = await client.startPowerAction(await client.entity(on.href), 'suspend');
      const timer = fakeSleep();
      await assert.rejects(client.waitForTask(task, { sleep: timer.sleep, maxWaitMs: 20_000 }), kind('timeout', (e) => /still running after 20 seconds; VCD goes on with it/.test(e.message)));
      assert.deepEqual(timer.delays, [1000, 2000, 4000, 5000, 5000], 'it waited no more than asked');
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(client.waitForTask(task, { sleep: fakeSleep().sleep, signal: controller.signal }), kind('cancelled'));
      const path = new RegExp(`^/api/task/${task.href.split('/').pop()!}$`);
      sim.inject({ kind: 'status', status: 503, path, times: 2 });
      sim.tasks.release();
      assert.equal((await client.waitForTask(task, { sleep: fakeSleep().sleep })).status, 'success', 'two 503s in a row are waited out');
      sim.inject({ kind: 'status', status: 403, path });
      await assert.rejects(client.waitForTask({ ...task, status: 'running' }, { sleep: fakeSleep().sleep }), kind('forbidden'));
    });

    it('ends with VCD’s error when the task fails, in its own words', async () => {
      const off = vm('POWERED_OFF');
      sim.inject({ kind: 'failTask', message: 'No host in the cluster has enough memory for the VM.' });
      const done = await run(off.href, 'powerOn');
      assert.equal(done.status, 'error');
      assert.match(done.error?.message ?? '', /No host in the cluster has enough memory for the VM\.$/);
      const err = taskFailure(done, `Power On of “${off.name}”`);
      assert.equal(err.kind, 'taskFailed');
      assert.match(err.serverMessage ?? '', /^\[ [^\]]+ \] No host in the cluster/, 'the request id VCD put first stays in serverMessage (the log)');
      assert.match(err.message, new RegExp(`^Power On of “${off.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” failed: No host in the cluster has enough memory for the VM\\.$`));
      assert.equal(state(off.href).status, 'POWERED_OFF');
    });

    it('cancels a task through the task:cancel link it offers; without one it sends nothing', async () => {
      const on = vm('POWERED_ON');
      sim.tasks.hold();
      const task = await client.startPowerAction(await client.entity(on.href), 'powerOff');
      assert.equal(task.cancelHref, `${task.href}/action/cancel`);
      await client.cancelTask(task);
      const ended = await client.waitForTask(task, { sleep: fakeSleep().sleep });
      assert.deepEqual([ended.status, ended.cancelRequested, ended.cancelHref], ['canceled', true, undefined]);
      assert.equal(state(on.href).status, 'POWERED_ON');
      const before = sim.counters.requests;
      await assert.rejects(client.cancelTask(ended), kind('badRequest', (e) => /does not offer to cancel this task: it is canceled/.test(e.message)));
      assert.equal(sim.counters.requests, before);
    });

    it('never follows a link to another host (action or cancel)', async () => {
      const on = vm('POWERED_ON');
      const entity = await client.entity(on.href);
      const forged: EntityState = { ...entity, links: new Map([['undeploy', 'https://attacker.example/api/vApp/vm-1/action/undeploy']]) };
      const before = sim.counters.requests;
      await assert.rejects(client.startPowerAction(forged, 'powerOff'), kind('invalidInput', (e) => /attacker\.example.*not followed/.test(e.message)));
      const task: TaskInfo = { href: `${sim.url}/api/task/x`, status: 'running', cancelHref: `https://attacker.example:${new URL(sim.url).port}/api/task/x/action/cancel` };
      await assert.rejects(client.cancelTask(task), kind('invalidInput'));
      await assert.rejects(client.task('https://attacker.example/api/task/x'), kind('invalidInput'));
      assert.equal(sim.counters.requests, before);
    });

    it('lists the recent tasks of the session’s org (task), and of every org for a System site (adminTask)', async () => {
      const off = vm('POWERED_OFF');
      await run(off.href, 'powerOn');
      const tasks = await client.recentTasks({ admin: false, limit: 5 });
      assert.ok(tasks.length === 5);
      assert.deepEqual([tasks[0].name, tasks[0].objectName, tasks[0].objectType, tasks[0].status, tasks[0].ownerName, tasks[0].object],
        ['vappDeploy', off.name, 'vm', 'success', sim.tenant.user, off.href]);
      const starts = tasks.map((t) => t.startDate ?? '');
      assert.deepEqual(starts, [...starts].sort().reverse(), 'newest first');
      assert.ok(tasks.every((t) => t.orgName === sim.tenant.org));
      assert.ok(routeCount(sim, 'GET /api/query') > 0);
      const system = (await siteClient(sim, 'provider')).client;
      const all = await system.recentTasks({ admin: true, limit: 128 });
      assert.ok(new Set(all.map((t) => t.orgName)).size >= 2);
      const xml = (await siteClient(sim, 'tenant', { queryFormat: 'xml' })).client;
      assert.deepEqual((await xml.recentTasks({ admin: false, limit: 1 }))[0].href, tasks[0].href, 'the same in XML');
    });
  });

  describe('task and entity documents are untrusted', () => {
    const task = (attrs: string, inner = ''): string => `<Task xmlns="http://www.vmware.com/vcloud/v1.5" ${attrs}>${inner}</Task>`;

    it('reads XML and JSON tasks; an unknown status is unknown, progress is clamped, texts are capped', () => {
      const xml = parseTask(task('status="running" href="https://h/api/task/1" operationName="vappReset"', '<Owner href="https://h/api/vApp/vm-1" name="web"/><Progress>250</Progress>'), 'application/vnd.vmware.vcloud.task+xml');
      assert.deepEqual([xml.status, xml.progress, xml.owner?.name], ['running', 100, 'web']);
      const json = parseTask(JSON.stringify({ href: 'https://h/api/task/1', status: 'SUCCESS', progress: -4, error: { message: 'x'.repeat(5000), majorErrorCode: 500 } }), 'application/vnd.vmware.vcloud.task+json');
      assert.deepEqual([json.status, json.progress, json.error?.majorErrorCode, json.error?.message?.length], ['success', 0, 500, 2000]);
      assert.equal(parseTask(task('status="exploded" href="https://h/api/task/1"'), undefined).status, 'unknown');
    });

    it('refuses what is not a task: no href, another root, a DOCTYPE, a huge document', () => {
      assert.throws(() => parseTask(task('status="running"'), 'application/vnd.vmware.vcloud.task+xml'), /no href/);
      assert.throws(() => parseTask('<Error message="x"/>', undefined), /Expected Task/);
      assert.throws(() => parseTask('<!DOCTYPE x [<!ENTITY a "b">]><Task href="h" status="running"/>', undefined), /DOCTYPE/);
      assert.throws(() => parseTask(task(`status="running" href="h" operation="${'a'.repeat(1024 * 1024)}"`), undefined), /more than the/);
      assert.throws(() => parseEntity('<Org href="https://h/api/org/1" name="o"/>', undefined), /Expected a VM or vApp/);
    });

    it('reads a VM entity in JSON: links, status number, deployment and its running tasks', () => {
      const entity = parseEntity(JSON.stringify({
        href: 'https://h/api/vApp/vm-1', name: 'web', type: 'application/vnd.vmware.vcloud.vm+xml', status: 4, deployed: true,
        link: [{ rel: 'undeploy', href: 'https://h/api/vApp/vm-1/action/undeploy' }, { rel: 'undeploy', href: 'https://h/other' }],
        tasks: { task: [{ href: 'https://h/api/task/2', status: 'running', progress: 40 }] },
      }), 'application/vnd.vmware.vcloud.vm+json');
      assert.deepEqual([entity.kind, entity.status, entity.deployed, entity.links.get('undeploy'), entity.tasks[0].progress], ['vm', 'POWERED_ON', true, 'https://h/api/vApp/vm-1/action/undeploy', 40]);
    });
  });
});
