// Power actions on vApps and VMs and their tasks (vcd-api.md §6, §10.5):
//   POST /api/vApp/{vapp|vm}-{id}/power/action/{powerOn|powerOff|reset|reboot|suspend|shutdown}
//   POST /api/vApp/{vapp|vm}-{id}/action/{undeploy|deploy|discardSuspendedState}
//   GET  /api/task/{id}, POST /api/task/{id}/action/cancel
// An accepted action answers 202 with `Location: …/api/task/{id}` and the Task (XML or JSON); an action the state does
// not allow answers 400 BAD_REQUEST at once; an entity with a queued or running task answers 400 BUSY_ENTITY.
// Shut Down and Reboot Guest OS need VMware Tools running in the guest. The change happens when the task succeeds.
import type { Session } from '../auth';
import { El, el, link, toJsonValue, toXml } from '../element';
import { Ctx, empty, legacyError, Reply, wantsJson } from '../http';
import { aggregateVApp, canViewVApp, RESOURCE_STATUS, type User, type VApp, type Vm } from '../inventory';
import type { Route } from '../router';
import type { SimState } from '../state';
import { ACTIVE, canCancel, canSeeTask, type SimTask, type SimTaskError } from '../tasks';

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
const TASK_TYPE = 'application/vnd.vmware.vcloud.task';
/** Tasks stay in VCD's task list for 90 days (Task@expiryTime). */
const EXPIRY_MS = 90 * 24 * 3_600_000;

const ON = 4, OFF = 8, SUSPENDED = 3, RESOLVED = 1;

type Verb = 'powerOn' | 'powerOff' | 'reset' | 'reboot' | 'suspend' | 'shutdown' | 'undeploy' | 'deploy' | 'discardSuspendedState';
type UndeployAction = 'powerOff' | 'shutdown' | 'suspend' | 'force' | 'default';

interface Params {
  undeploy?: UndeployAction;
  /** DeployVAppParams@powerOn (default true). */
  powerOn?: boolean;
}

/** What one VM does for a verb, or why it cannot: a VCD-like 400 message. */
type VmPlan = { apply: () => void } | { refuse: string };

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

function statusName(n: number): string {
  return RESOURCE_STATUS[n] ?? 'UNKNOWN';
}

export function toolsRunning(vm: Vm): boolean {
  return vm.status === ON && vm.vmToolsStatus !== 'toolsNotRunning';
}

/** Sets a VM's power state and what follows from it (deployment, tools). */
export function setVmState(vm: Vm, status: number, deployed: boolean): void {
  vm.status = status;
  vm.deployed = deployed;
  vm.vmToolsStatus = status === ON && vm.toolsInstalled ? 'toolsOk' : 'toolsNotRunning';
}

function planVm(vm: Vm, verb: Verb, params: Params): VmPlan {
  const name = `"${vm.name}"`;
  const s = vm.status;
  const on = s === ON;
  const notOn = { refuse: `The requested operation could not be executed since VM ${name} is not powered on (it is ${statusName(s)}).` };
  const noTools = { refuse: `The guest OS of VM ${name} cannot be shut down or rebooted: VMware Tools is not running in it.` };
  switch (verb) {
    case 'powerOn':
      if (on) return { refuse: `The requested operation could not be executed since VM ${name} is already powered on.` };
      if (s !== OFF && s !== SUSPENDED && s !== RESOLVED) return { refuse: `VM ${name} cannot be powered on in its current state (${statusName(s)}).` };
      return { apply: () => setVmState(vm, ON, true) };
    case 'powerOff':
      return on ? { apply: () => setVmState(vm, OFF, vm.deployed) } : notOn;
    case 'reset':
      return on ? { apply: () => setVmState(vm, ON, true) } : notOn;
    case 'suspend':
      return on ? { apply: () => setVmState(vm, SUSPENDED, true) } : notOn;
    case 'reboot':
      if (!on) return notOn;
      return toolsRunning(vm) ? { apply: () => setVmState(vm, ON, true) } : noTools;
    case 'shutdown':
      if (!on) return notOn;
      return toolsRunning(vm) ? { apply: () => setVmState(vm, OFF, vm.deployed) } : noTools;
    case 'undeploy': {
      const action = params.undeploy ?? 'default';
      if (!vm.deployed && !on && s !== SUSPENDED) return { refuse: `The requested operation could not be executed since VM ${name} is not deployed.` };
      if (action === 'shutdown') {
        if (s === SUSPENDED) return { refuse: `The guest OS of VM ${name} cannot be shut down: the VM is suspended.` };
        if (on && !toolsRunning(vm)) return noTools;
      }
      if (action === 'suspend') return { apply: () => setVmState(vm, on || s === SUSPENDED ? SUSPENDED : s, false) };
      return { apply: () => setVmState(vm, OFF, false) };
    }
    case 'deploy':
      if (vm.deployed && on) return { refuse: `The requested operation could not be executed since VM ${name} is already deployed.` };
      if (params.powerOn === false) return { apply: () => setVmState(vm, s, true) };
      if (s !== OFF && s !== SUSPENDED && s !== RESOLVED && !on) return { refuse: `VM ${name} cannot be deployed in its current state (${statusName(s)}).` };
      return { apply: () => setVmState(vm, ON, true) };
    case 'discardSuspendedState':
      return s === SUSPENDED ? { apply: () => setVmState(vm, OFF, false) } : { refuse: `The requested operation could not be executed since VM ${name} is not suspended.` };
  }
}

/** The VMs of a vApp a verb works on: a vApp action works on those of its VMs where it applies. */
function appliesTo(vm: Vm, verb: Verb): boolean {
  switch (verb) {
    case 'powerOn':
    case 'deploy':
      return vm.status !== ON || (verb === 'deploy' && !vm.deployed);
    case 'discardSuspendedState':
      return vm.status === SUSPENDED;
    case 'undeploy':
      return vm.deployed || vm.status === ON || vm.status === SUSPENDED;
    default:
      return vm.status === ON;
  }
}

function planVApp(vapp: VApp, verb: Verb, params: Params): VmPlan {
  const name = `"${vapp.name}"`;
  if (vapp.vms.length === 0) return { refuse: `The vApp ${name} has no virtual machines.` };
  const targets = vapp.vms.filter((vm) => appliesTo(vm, verb));
  if (targets.length === 0) {
    const why: Record<Verb, string> = {
      powerOn: 'is already powered on', deploy: 'is already deployed', discardSuspendedState: 'is not suspended', undeploy: 'is not deployed',
      powerOff: 'is not powered on', reset: 'is not powered on', reboot: 'is not powered on', suspend: 'is not powered on', shutdown: 'is not powered on',
    };
    return { refuse: `The requested operation could not be executed since vApp ${name} ${why[verb]} (it is ${statusName(vapp.status)}).` };
  }
  const plans = targets.map((vm) => planVm(vm, verb, params));
  const refused = plans.find((p): p is { refuse: string } => 'refuse' in p);
  if (refused) return refused;
  return {
    apply: () => {
      for (const p of plans) if ('apply' in p) p.apply();
    },
  };
}

/** operationName (VMware's list of task operations; names marked UNVERIFIED in the README) and the operation's verb. */
function operationOf(verb: Verb, params: Params): { name: string; doing: string } {
  switch (verb) {
    case 'powerOn': return { name: 'vappDeploy', doing: 'Starting' };
    case 'deploy': return { name: 'vappDeploy', doing: 'Starting' };
    case 'powerOff': return { name: 'vappPowerOff', doing: 'Powering Off' };
    case 'reset': return { name: 'vappReset', doing: 'Resetting' };
    case 'reboot': return { name: 'vappRebootGuest', doing: 'Rebooting' };
    case 'suspend': return { name: 'vappSuspend', doing: 'Suspending' };
    case 'shutdown': return { name: 'vappShutdownGuest', doing: 'Shutting Down' };
    case 'discardSuspendedState': return { name: 'vappDiscardSuspendedState', doing: 'Discarding Suspended State of' };
    case 'undeploy':
      if (params.undeploy === 'shutdown') return { name: 'vappUndeployShutdown', doing: 'Stopping' };
      if (params.undeploy === 'suspend') return { name: 'vappUndeploySuspend', doing: 'Stopping' };
      return { name: 'vappUndeployPowerOff', doing: 'Stopping' };
  }
}

function targetOf(state: SimState, task: SimTask): { href: string; name: string; type: string; urn: string } {
  if (task.vm) return { href: state.hrefs.vm(task.vm), name: task.vm.name, type: 'application/vnd.vmware.vcloud.vm+xml', urn: `urn:vcloud:vm:${task.vm.id}` };
  return { href: state.hrefs.vapp(task.vapp), name: task.vapp.name, type: 'application/vnd.vmware.vcloud.vApp+xml', urn: `urn:vcloud:vapp:${task.vapp.id}` };
}

export function taskHref(ctx: Ctx, task: SimTask): string {
  return `${ctx.base}/api/task/${task.id}`;
}

/** The Task element (TaskType, in the XSD's element order), as `viewer` may see it (the cancel link only for who may cancel). */
export function taskElement(state: SimState, ctx: Ctx, task: SimTask, viewer: User): El {
  const href = taskHref(ctx, task);
  const target = targetOf(state, task);
  const children: El[] = [];
  if (ACTIVE.has(task.status) && canCancel(viewer, task)) children.push(link('task:cancel', `${href}/action/cancel`));
  children.push(
    el('Owner', { href: target.href, id: target.urn, name: target.name, type: target.type }),
    ...(task.error ? [el('Error', { majorErrorCode: task.error.majorErrorCode, minorErrorCode: task.error.minorErrorCode, message: task.error.message })] : []),
    el('User', { href: state.hrefs.user(task.user.id), name: task.user.name, type: 'application/vnd.vmware.admin.user+xml' }),
    el('Organization', { href: state.hrefs.org(task.org), name: task.org.name, type: 'application/vnd.vmware.vcloud.org+xml' }),
    el('Progress', undefined, undefined, task.progress),
    el('Details', undefined, undefined, task.error ? task.error.message.slice(0, 200) : ''),
  );
  return el('Task', {
    cancelRequested: task.cancelRequested, endTime: task.endMs === undefined ? undefined : iso(task.endMs), expiryTime: iso(task.startMs + EXPIRY_MS),
    operation: task.operation, operationName: task.operationName, serviceNamespace: 'com.vmware.vcloud', startTime: iso(task.startMs),
    status: task.status, name: 'task', id: `urn:vcloud:task:${task.id}`, href, type: `${TASK_TYPE}+xml`,
  }, children);
}

function taskReply(state: SimState, ctx: Ctx, task: SimTask, viewer: User, status: number, extra: Record<string, string> = {}): Reply {
  const root = taskElement(state, ctx, task, viewer);
  if (wantsJson(ctx.accept)) {
    return { status, headers: { 'Content-Type': `${TASK_TYPE}+json;version=${ctx.version}`, ...extra }, body: JSON.stringify(toJsonValue(root)) };
  }
  return { status, headers: { 'Content-Type': `${TASK_TYPE}+xml;version=${ctx.version}`, ...extra }, body: toXml(root) };
}

/** `<Tasks>` of an entity while it is busy: its queued and running tasks (those the viewer may see). */
export function tasksElement(state: SimState, ctx: Ctx, vapp: VApp, vm: Vm | undefined, viewer: User): El[] {
  const busy = state.tasks.busyWith(vapp, vm).filter((t) => canSeeTask(viewer, t));
  return busy.length === 0 ? [] : [el('Tasks', undefined, busy.map((t) => taskElement(state, ctx, t, viewer)))];
}

function forbidden(ctx: Ctx, kind: string, id: string): Reply {
  return legacyError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "(com.vmware.vcloud.entity.${kind}:${id})".`);
}

async function readParams(ctx: Ctx, verb: Verb): Promise<Params | string> {
  if (verb !== 'undeploy' && verb !== 'deploy') return {};
  const body = (await ctx.body().catch(() => '')).slice(0, 10_000);
  if (verb === 'undeploy') {
    if (body.trim() === '') return 'The request has no UndeployVAppParams.';
    const xml = /<(?:[\w-]+:)?UndeployPowerAction>\s*([A-Za-z]{1,20})\s*<\//.exec(body);
    const json = /"undeployPowerAction"\s*:\s*"([A-Za-z]{1,20})"/.exec(body);
    const value = (xml ?? json)?.[1] ?? 'default';
    if (!['powerOff', 'shutdown', 'suspend', 'force', 'default'].includes(value)) return `Invalid UndeployPowerAction: ${value}.`;
    return { undeploy: value as UndeployAction };
  }
  const powerOn = /powerOn\s*["=:]+\s*"?(true|false)/.exec(body)?.[1];
  return { powerOn: powerOn !== 'false' };
}

async function action(state: SimState, ctx: Ctx, s: Session, kind: 'vapp' | 'vm', id: string, verb: Verb): Promise<Reply> {
  const vm = kind === 'vm' ? state.inv.vmById.get(id.toLowerCase()) : undefined;
  const vapp = kind === 'vm' ? vm?.vapp : state.inv.vappById.get(id.toLowerCase());
  if (!vapp || !canViewVApp(s.user, vapp) || (kind === 'vapp' && vapp.isTemplate)) return forbidden(ctx, kind, id);
  const name = vm?.name ?? vapp.name;
  if (vapp.isTemplate) return legacyError(ctx, 400, 'BAD_REQUEST', `VM "${name}" belongs to a vApp template: it cannot be powered on or off.`);
  const params = await readParams(ctx, verb);
  if (typeof params === 'string') return legacyError(ctx, 400, 'BAD_REQUEST', params);
  if (state.tasks.busyWith(vapp, vm).length > 0) {
    const urn = vm ? `urn:vcloud:vm:${vm.id}` : `urn:vcloud:vapp:${vapp.id}`;
    return legacyError(ctx, 400, 'BUSY_ENTITY', `The entity ${name} (${urn}) is busy completing an operation.`);
  }
  const plan = vm ? planVm(vm, verb, params) : planVApp(vapp, verb, params);
  if ('refuse' in plan) return legacyError(ctx, 400, 'BAD_REQUEST', plan.refuse);
  const op = operationOf(verb, params);
  const failWith: SimTaskError | undefined = ctx.failTask
    ? {
        message: `[ ${ctx.requestId} ] ${ctx.failTask.message ?? 'The operation failed because no suitable resource was found in the VDC to run it.'}`,
        minorErrorCode: ctx.failTask.minorErrorCode ?? 'INTERNAL_SERVER_ERROR',
        majorErrorCode: ctx.failTask.majorErrorCode ?? 500,
      }
    : undefined;
  const task = state.tasks.start({
    operationName: op.name,
    operation: `${op.doing} Virtual ${vm ? 'Machine' : 'Application'} ${name}(${vm?.id ?? vapp.id})`,
    vapp, vm, org: vapp.vdc.org, user: s.user, failWith,
    apply: () => {
      plan.apply();
      // The vApp's status follows its VMs.
      aggregateVApp(vapp);
    },
  });
  return taskReply(state, ctx, task, s.user, 202, { Location: taskHref(ctx, task) });
}

function getTask(state: SimState, ctx: Ctx, s: Session, id: string): Reply {
  const task = state.tasks.get(id);
  if (!task || !canSeeTask(s.user, task)) return forbidden(ctx, 'task', id);
  state.tasks.polled(task);
  return taskReply(state, ctx, task, s.user, 200);
}

function cancelTask(state: SimState, ctx: Ctx, s: Session, id: string): Reply {
  const task = state.tasks.get(id);
  if (!task || !canSeeTask(s.user, task) || !canCancel(s.user, task)) return forbidden(ctx, 'task', id);
  if (!state.tasks.cancel(task)) return legacyError(ctx, 400, 'BAD_REQUEST', `The task ${task.id} has already completed (${task.status}): it cannot be canceled.`);
  return empty(204);
}

const target = `/api/vApp/(vapp|vm)-${UUID}`;

export const powerRoutes: Route[] = [
  {
    method: 'POST', pattern: new RegExp(`^${target}/power/action/(powerOn|powerOff|reset|reboot|suspend|shutdown)$`), area: 'api',
    handle: (st, c, m, s) => action(st, c, s!, m[1] as 'vapp' | 'vm', m[2], m[3] as Verb),
  },
  {
    method: 'POST', pattern: new RegExp(`^${target}/action/(undeploy|deploy|discardSuspendedState)$`), area: 'api',
    handle: (st, c, m, s) => action(st, c, s!, m[1] as 'vapp' | 'vm', m[2], m[3] as Verb),
  },
  { method: 'GET', pattern: new RegExp(`^/api/task/${UUID}$`), area: 'api', handle: (st, c, m, s) => getTask(st, c, s!, m[1]) },
  { method: 'POST', pattern: new RegExp(`^/api/task/${UUID}/action/cancel$`), area: 'api', handle: (st, c, m, s) => cancelTask(st, c, s!, m[1]) },
];
