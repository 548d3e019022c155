// The simulator's power actions and tasks (vcd-api.md §6, §10.5): 202 + Location + Task, state rules with 400 on an
// invalid state, tasks that move queued → running → success | error | canceled (by GETs or by the clock), busy
// entities, vApp status from its VMs, links that follow the state, the failTask fault and the task queries.
import * as assert from 'node:assert/strict';
import type { Simulator, SimVmInfo } from '../../simulator';
import { accessToken, call, JSON_38, TestResponse, xmlAttrs, XML_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

const UNDEPLOY_TYPE = 'application/vnd.vmware.vcloud.undeployVAppParams+xml';
const undeployBody = (action: string): string =>
  `<UndeployVAppParams xmlns="http://www.vmware.com/vcloud/v1.5"><UndeployPowerAction>${action}</UndeployPowerAction></UndeployVAppParams>`;

describe('simulator: power actions and tasks', () => {
  let sim: Simulator;
  let admin: Record<string, string>;
  let author: Record<string, string>;
  let vappUser: Record<string, string>;
  let provider: Record<string, string>;
  useSimulator(async (started) => {
    sim = started;
    admin = { Authorization: `Bearer ${await accessToken(sim, 'tenant')}`, Accept: XML_38 };
    vappUser = { Authorization: `Bearer ${await accessToken(sim, 'vappUser')}`, Accept: XML_38 };
    provider = { Authorization: `Bearer ${await accessToken(sim, 'provider')}`, Accept: XML_38 };
    // The org's vApp Author (its name comes from the seed).
    const ci = ['alice', 'bob', 'carol'].map((name) => {
      try {
        return sim.createApiToken(sim.tenant.org, name, 'power-test');
      } catch {
        return undefined;
      }
    }).find((t) => t !== undefined)!;
    const res = await call(sim, 'POST', `/oauth/tenant/${sim.tenant.org}/token`, { 'Content-Type': 'application/x-www-form-urlencoded' }, `grant_type=refresh_token&refresh_token=${ci}`);
    author = { Authorization: `Bearer ${res.json<{ access_token: string }>().access_token}`, Accept: XML_38 };
  }, { size: { orgs: 2, vdcsPerOrg: 2, vappsPerVdc: 8, vmsPerVapp: 3 }, tasks: { advance: 'polls', runningPolls: 2 } });
  afterEach(() => {
    sim.tasks.release();
    sim.clearFaults();
    sim.tasks.setTiming({ advance: 'polls', runningPolls: 2 });
  });

  const used = new Set<string>();
  /**
   * The first VMs of a vApp of the tenant org that no earlier test used, set to these states (with VMware Tools); the
   * vApp's other VMs are set to `rest`.
   */
  function vmIn(states: ('POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED')[], rest: 'POWERED_ON' | 'POWERED_OFF' = 'POWERED_OFF'): SimVmInfo[] {
    const vapps = new Map<string, SimVmInfo[]>();
    for (const vm of sim.inventory.vms({ orgName: sim.tenant.org })) vapps.set(vm.vappHref, [...(vapps.get(vm.vappHref) ?? []), vm]);
    const vms = [...vapps.entries()].find(([href, list]) => !used.has(href) && list.length >= states.length && list.every((v) => !v.busy))?.[1];
    assert.ok(vms, `an unused vApp with ${states.length} VMs`);
    used.add(vms[0].vappHref);
    return vms.map((vm, i) => sim.inventory.setPowerState(vm.href, states[i] ?? rest, { tools: true })).slice(0, states.length);
  }
  const rels = async (href: string, who = admin): Promise<string[]> => xmlAttrs((await call(sim, 'GET', href, who)).body, 'Link').map((l) => l.rel);
  const taskOf = (res: TestResponse): Record<string, string> => xmlAttrs(res.body, 'Task')[0];
  async function pollToEnd(href: string, who = admin): Promise<Record<string, string>[]> {
    const seen: Record<string, string>[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await call(sim, 'GET', href, who);
      assert.equal(res.status, 200, res.body);
      const task: Record<string, string> = { ...taskOf(res), progress: /<Progress>(\d+)<\/Progress>/.exec(res.body)?.[1] ?? '' };
      seen.push(task);
      if (!['queued', 'running'].includes(task.status)) return seen;
    }
    throw new Error('the task did not end');
  }
  /** A filter value with the grammar's special characters escaped (the demo has names like `web,01;a` and `db (primary)`). */
  const esc = (value: string): string => value.replace(/[\\();,*]/g, (c) => `\\${c}`);
  const vmState = (href: string): SimVmInfo => sim.inventory.vms().find((v) => v.href === href)!;

  it('powers a VM off by undeploy: 202, Location and a queued Task with its cancel link; the task runs, succeeds and the VM is off', async () => {
    const [vm] = vmIn(['POWERED_ON']);
    assert.deepEqual(await rels(vm.href).then((r) => r.filter((x) => /^(power:|undeploy|deploy|discardState)/.test(x))),
      ['power:powerOff', 'power:reboot', 'power:reset', 'power:shutdown', 'power:suspend', 'undeploy'], 'links of a running VM with tools');
    const res = await call(sim, 'POST', `${vm.href}/action/undeploy`, { ...admin, 'Content-Type': UNDEPLOY_TYPE }, undeployBody('powerOff'));
    assert.equal(res.status, 202);
    assert.match(String(res.headers['content-type']), /^application\/vnd\.vmware\.vcloud\.task\+xml;version=38\.0$/);
    const task = taskOf(res);
    assert.equal(res.headers.location, task.href);
    assert.equal(task.status, 'queued');
    assert.equal(task.operationName, 'vappUndeployPowerOff');
    assert.match(task.id, /^urn:vcloud:task:/);
    assert.deepEqual(xmlAttrs(res.body, 'Link').map((l) => [l.rel, l.href]), [['task:cancel', `${task.href}/action/cancel`]]);
    assert.equal(xmlAttrs(res.body, 'Owner')[0].href, vm.href);
    assert.equal(xmlAttrs(res.body, 'User')[0].name, sim.tenant.user);
    const steps = await pollToEnd(task.href);
    assert.deepEqual(steps.map((s) => `${s.status} ${s.progress}`), ['running 33', 'running 67', 'success 100']);
    assert.ok(steps[2].endTime, 'an ended task has its endTime');
    assert.deepEqual([vmState(vm.href).status, vmState(vm.href).deployed], ['POWERED_OFF', false]);
    assert.deepEqual((await rels(vm.href)).filter((x) => /^(power:|undeploy|deploy|discardState)/.test(x)), ['power:powerOn', 'deploy'], 'links follow the state');
    assert.ok(!(await rels(steps[2].href)).includes('task:cancel'), 'an ended task offers no cancel');
  });

  it('answers the Task in JSON when asked, with camelCase keys, a link list and its progress', async () => {
    const [vm] = vmIn(['POWERED_OFF']);
    const res = await call(sim, 'POST', `${vm.href}/power/action/powerOn`, { ...admin, Accept: JSON_38 });
    assert.equal(res.status, 202);
    assert.equal(res.headers['content-type'], 'application/vnd.vmware.vcloud.task+json;version=38.0');
    const task = res.json<{ status: string; operationName: string; href: string; progress: number; link: { rel: string }[]; owner: { name: string } }>();
    assert.deepEqual([task.status, task.operationName, task.progress, task.owner.name], ['queued', 'vappDeploy', 0, vm.name]);
    assert.deepEqual(task.link.map((l) => l.rel), ['task:cancel']);
    const last = (await pollToEnd(task.href)).at(-1)!;
    assert.equal(last.status, 'success');
    assert.deepEqual([vmState(vm.href).status, vmState(vm.href).toolsRunning], ['POWERED_ON', true]);
  });

  it('refuses what the state does not allow with 400 BAD_REQUEST at once, and Shut Down or Reboot without VMware Tools', async () => {
    const [on] = vmIn(['POWERED_ON']);
    const again = await call(sim, 'POST', `${on.href}/power/action/powerOn`, admin);
    assert.equal(again.status, 400);
    assert.equal(xmlAttrs(again.body, 'Error')[0].minorErrorCode, 'BAD_REQUEST');
    assert.match(xmlAttrs(again.body, 'Error')[0].message, /already powered on/);
    const [off] = vmIn(['POWERED_OFF']);
    for (const verb of ['powerOff', 'reset', 'reboot', 'suspend', 'shutdown']) {
      assert.equal((await call(sim, 'POST', `${off.href}/power/action/${verb}`, admin)).status, 400, verb);
    }
    assert.equal((await call(sim, 'POST', `${off.href}/action/discardSuspendedState`, admin)).status, 400, 'not suspended');
    const noTools = sim.inventory.setPowerState(off.href, 'POWERED_ON', { tools: false });
    assert.equal(noTools.toolsRunning, false);
    assert.ok(!(await rels(noTools.href)).includes('power:shutdown'), 'no shutdown link without tools');
    for (const [path, body] of [['/power/action/shutdown', undefined], ['/power/action/reboot', undefined], ['/action/undeploy', undeployBody('shutdown')]] as const) {
      const res = await call(sim, 'POST', `${noTools.href}${path}`, { ...admin, 'Content-Type': UNDEPLOY_TYPE }, body);
      assert.equal(res.status, 400, path);
      assert.match(xmlAttrs(res.body, 'Error')[0].message, /VMware Tools is not running/);
    }
    assert.equal(sim.tasks.list().filter((t) => t.targetHref === noTools.href).length, 0, 'no task was started');
    const missing = await call(sim, 'POST', `${on.href}/action/undeploy`, { ...admin, 'Content-Type': UNDEPLOY_TYPE });
    assert.equal(missing.status, 400, 'undeploy needs its UndeployVAppParams');
  });

  it('shows a busy entity: isBusy and the task in records, <Tasks> in the entity, 400 BUSY_ENTITY for a second action (also on its vApp)', async () => {
    const [vm, other] = vmIn(['POWERED_ON', 'POWERED_ON']);
    sim.tasks.hold();
    const started = await call(sim, 'POST', `${vm.href}/power/action/suspend`, admin);
    assert.equal(started.status, 202);
    const href = taskOf(started).href;
    await pollToEnd(href).catch(() => undefined);
    const record = xmlAttrs((await call(sim, 'GET', `/api/query?type=vm&filter=${encodeURIComponent(`name==${esc(vm.name)};container==${vm.vappHref}`)}`, admin)).body, 'VMRecord')[0];
    assert.deepEqual([record.isBusy, record.task, record.taskStatus, record.taskStatusName], ['true', href, 'running', 'vappSuspend']);
    const entity = await call(sim, 'GET', vm.href, admin);
    const inner = xmlAttrs(entity.body.slice(entity.body.indexOf('<Tasks>')), 'Task')[0];
    assert.deepEqual([inner.href, inner.status], [href, 'running']);
    assert.equal(/<Progress>(\d+)<\/Progress>/.exec(entity.body)?.[1], '90', 'a held task stops at 90%');
    const second = await call(sim, 'POST', `${vm.href}/power/action/powerOff`, admin);
    assert.equal(second.status, 400);
    assert.equal(xmlAttrs(second.body, 'Error')[0].minorErrorCode, 'BUSY_ENTITY');
    assert.match(xmlAttrs(second.body, 'Error')[0].message, /is busy completing an operation\.$/);
    const vapp = await call(sim, 'POST', `${vm.vappHref}/power/action/powerOff`, admin);
    assert.equal(xmlAttrs(vapp.body, 'Error')[0].minorErrorCode, 'BUSY_ENTITY', 'its vApp is busy too');
    assert.equal((await call(sim, 'POST', `${other.href}/power/action/suspend`, admin)).status, 202, 'another VM of the vApp is not');
    sim.tasks.release();
    assert.equal((await pollToEnd(href)).at(-1)!.status, 'success');
    const after = xmlAttrs((await call(sim, 'GET', `/api/query?type=vm&filter=${encodeURIComponent(`name==${esc(vm.name)};container==${vm.vappHref}`)}`, admin)).body, 'VMRecord')[0];
    assert.deepEqual([after.isBusy, after.status, after.taskStatus], ['false', 'SUSPENDED', 'success']);
  });

  it("aggregates a vApp's status from its VMs, and a vApp action works on all of them", async () => {
    const vms = vmIn(['POWERED_ON', 'POWERED_ON', 'POWERED_ON'], 'POWERED_ON');
    const vappStatus = async (): Promise<string> =>
      xmlAttrs((await call(sim, 'GET', `/api/query?type=vApp&filter=${encodeURIComponent(`name==${esc(vms[0].vappName)}`)}`, admin)).body, 'VAppRecord')
        .find((r) => r.href === vms[0].vappHref)!.status;
    assert.equal(await vappStatus(), 'POWERED_ON');
    const off = await call(sim, 'POST', `${vms[1].href}/action/undeploy`, { ...admin, 'Content-Type': UNDEPLOY_TYPE }, undeployBody('powerOff'));
    assert.equal(off.status, 202, off.body);
    assert.equal((await pollToEnd(taskOf(off).href)).at(-1)!.status, 'success');
    assert.equal(await vappStatus(), 'PARTIALLY_POWERED_OFF');
    assert.ok((await rels(vms[0].vappHref)).includes('power:powerOn'), 'a partly running vApp can be powered on');
    const on = await call(sim, 'POST', `${vms[0].vappHref}/power/action/powerOn`, admin);
    assert.equal(taskOf(on).operation, `Starting Virtual Application ${vms[0].vappName}(${vms[0].vappHref.split('vapp-')[1]})`);
    await pollToEnd(taskOf(on).href);
    assert.equal(await vappStatus(), 'POWERED_ON');
    const suspend = await call(sim, 'POST', `${vms[0].vappHref}/power/action/suspend`, admin);
    await pollToEnd(taskOf(suspend).href);
    assert.equal(await vappStatus(), 'SUSPENDED');
    assert.ok((await rels(vms[0].vappHref)).includes('discardState'));
    const discard = await call(sim, 'POST', `${vms[0].vappHref}/action/discardSuspendedState`, admin);
    assert.equal(taskOf(discard).operationName, 'vappDiscardSuspendedState');
    await pollToEnd(taskOf(discard).href);
    assert.equal(await vappStatus(), 'POWERED_OFF');
    assert.deepEqual(vms.map((v) => vmState(v.href).status), ['POWERED_OFF', 'POWERED_OFF', 'POWERED_OFF']);
    const again = await call(sim, 'POST', `${vms[0].vappHref}/action/undeploy`, { ...admin, 'Content-Type': UNDEPLOY_TYPE }, undeployBody('powerOff'));
    assert.equal(again.status, 400, 'an undeployed vApp cannot be undeployed');
  });

  it('cancels a running task through its cancel link: 204, the task ends canceled and the VM keeps its state; who may not, may not', async () => {
    const [vm] = vmIn(['POWERED_ON']);
    sim.tasks.hold();
    const res = await call(sim, 'POST', `${vm.href}/power/action/reset`, admin);
    const href = taskOf(res).href;
    assert.equal((await call(sim, 'POST', `${href}/action/cancel`, vappUser)).status, 403, 'a vApp User may not see (nor cancel) the org admin’s task');
    assert.equal((await call(sim, 'GET', href, vappUser)).status, 403);
    assert.ok(!(await rels(href, author)).includes('task:cancel'), 'another user of the org sees no cancel link');
    assert.equal((await call(sim, 'POST', `${href}/action/cancel`, author)).status, 403);
    assert.equal((await call(sim, 'POST', `${href}/action/cancel`, admin)).status, 204);
    const ended = taskOf(await call(sim, 'GET', href, admin));
    assert.deepEqual([ended.status, ended.cancelRequested], ['canceled', 'true']);
    assert.equal((await call(sim, 'POST', `${href}/action/cancel`, admin)).status, 400, 'an ended task cannot be canceled');
    assert.equal(vmState(vm.href).status, 'POWERED_ON');
    assert.equal(vmState(vm.href).busy, false);
  });

  it('fails a task with a VCD error (failTask fault): status error, <Error> with the message, the VM unchanged', async () => {
    const [vm] = vmIn(['POWERED_OFF']);
    sim.inject({ kind: 'failTask', message: 'Not enough memory in the VDC to power on the VM.', minorErrorCode: 'INSUFFICIENT_RESOURCES', majorErrorCode: 400 });
    assert.equal((await call(sim, 'GET', vm.href, admin)).status, 200, 'a GET does not use up the fault');
    const res = await call(sim, 'POST', `${vm.href}/power/action/powerOn`, admin);
    assert.equal(res.status, 202, 'the action itself is accepted');
    const steps = await pollToEnd(taskOf(res).href);
    assert.equal(steps.at(-1)!.status, 'error');
    const doc = await call(sim, 'GET', taskOf(res).href, admin);
    const error = xmlAttrs(doc.body, 'Error')[0];
    assert.deepEqual([error.minorErrorCode, error.majorErrorCode], ['INSUFFICIENT_RESOURCES', '400']);
    assert.match(error.message, /^\[ [^\]]+ \] Not enough memory in the VDC to power on the VM\.$/);
    assert.equal(vmState(vm.href).status, 'POWERED_OFF');
    const next = await call(sim, 'POST', `${vm.href}/power/action/powerOn`, admin);
    assert.equal((await pollToEnd(taskOf(next).href)).at(-1)!.status, 'success', 'the fault applied once');
  });

  it('moves tasks by the clock with `time` timing: queued, then running with progress, then done', async () => {
    sim.tasks.setTiming({ advance: 'time', queuedMs: 1000, runningMs: 10_000 });
    const [vm] = vmIn(['POWERED_ON']);
    const res = await call(sim, 'POST', `${vm.href}/power/action/powerOff`, admin);
    const href = taskOf(res).href;
    assert.equal(taskOf(await call(sim, 'GET', href, admin)).status, 'queued');
    sim.advanceClock(6);
    const running = await call(sim, 'GET', href, admin);
    assert.equal(taskOf(running).status, 'running');
    assert.equal(/<Progress>(\d+)<\/Progress>/.exec(running.body)?.[1], '50');
    sim.advanceClock(5);
    assert.equal(taskOf(await call(sim, 'GET', href, admin)).status, 'success');
    assert.deepEqual([vmState(vm.href).status, vmState(vm.href).deployed], ['POWERED_OFF', true], 'power:powerOff keeps the VM deployed');
  });

  it('lists tasks with the query service: task for the org (a vApp User its own), adminTask for the System org only', async () => {
    const [vm] = vmIn(['POWERED_OFF']);
    const mine = await call(sim, 'POST', `${vm.vappHref}/power/action/powerOn`, vappUser);
    assert.equal(mine.status, 403, 'a vApp User cannot act on a vApp it does not see');
    const own = sim.inventory.vms({ orgName: sim.tenant.org, visibleTo: 'vappUser' }).find((v) => !v.busy)!;
    sim.inventory.setPowerState(own.href, 'POWERED_OFF');
    const started = await call(sim, 'POST', `${own.href}/power/action/powerOn`, vappUser);
    assert.equal(started.status, 202);
    const records = (res: TestResponse, element: string): Record<string, string>[] => xmlAttrs(res.body, element);
    const tenantTasks = records(await call(sim, 'GET', '/api/query?type=task&pageSize=128&sortDesc=startDate', admin), 'TaskRecord');
    assert.ok(tenantTasks.length > 3, 'the org admin sees the tasks of its org');
    assert.ok(tenantTasks.every((t) => t.orgName === sim.tenant.org));
    const latest = tenantTasks[0];
    assert.deepEqual([latest.name, latest.objectName, latest.objectType, latest.ownerName, latest.object, latest.href],
      ['vappDeploy', own.name, 'vm', sim.vappUser.user, own.href, taskOf(started).href]);
    assert.ok(['queued', 'running'].includes(latest.status));
    const userTasks = records(await call(sim, 'GET', '/api/query?type=task&pageSize=128', vappUser), 'TaskRecord');
    assert.deepEqual(userTasks.map((t) => t.href), [taskOf(started).href], 'a vApp User sees its own tasks only');
    assert.equal((await call(sim, 'GET', '/api/query?type=adminTask', admin)).status, 403);
    const all = records(await call(sim, 'GET', '/api/query?type=adminTask&pageSize=128', provider), 'AdminTaskRecord');
    assert.ok(new Set(all.map((t) => t.orgName)).size >= 2, 'the System org sees every org’s tasks');
    assert.ok(all.every((t) => t.owner !== undefined && t.cellName !== undefined));
    const json = await call(sim, 'GET', '/api/query?type=task&pageSize=1&sortDesc=startDate', { ...admin, Accept: JSON_38 });
    const record = json.json<{ record: { _type: string; status: string; objectName: string }[] }>().record[0];
    assert.deepEqual([record._type, record.objectName], ['QueryResultTaskRecordType', own.name]);
  });

  it('refuses actions on VMs of vApp templates (400) and on entities the user cannot see (403)', async () => {
    const provider = { Authorization: `Bearer ${await accessToken(sim, 'provider')}`, Accept: XML_38 };
    const template = xmlAttrs((await call(sim, 'GET', `/api/query?type=adminVM&filter=${encodeURIComponent('isVAppTemplate==true')}`, provider)).body, 'AdminVMRecord')[0];
    assert.equal((await call(sim, 'POST', `${template.href}/power/action/powerOn`, provider)).status, 400);
    const foreign = sim.inventory.vms().find((v) => v.orgName !== sim.tenant.org)!;
    assert.equal((await call(sim, 'POST', `${foreign.href}/power/action/powerOn`, admin)).status, 403);
  });
});
