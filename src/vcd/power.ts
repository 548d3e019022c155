// Power actions with VCD's semantics (vcd-api.md §5–6): which request each action is, which actions a state allows
// (from a query record's status, and from the `power:*` / `undeploy` links an entity offers now), and the entity
// document read for that (state, links, running tasks). Pure: no I/O here.
import { statusAfterItIs } from './status';
import { JsonObject, arr, obj, parseJsonObject, str } from './json';
import { resourceStatus } from './records';
import { MAX_TASK_TEXT, isTaskFinished, taskFromJson, taskFromXml } from './tasks';
import type { EntityState, PowerAction, ResourceStatus, TaskInfo } from './types';
import { XmlSyntaxError, attr, childElements, parseXml, rootElement } from './xml';

export const POWER_ACTIONS: readonly PowerAction[] = ['powerOn', 'powerOff', 'shutdown', 'reset', 'reboot', 'suspend', 'discardSuspendedState'];

export type PowerTargetKind = 'vm' | 'vapp';

export const UNDEPLOY_PARAMS_TYPE = 'application/vnd.vmware.vcloud.undeployVAppParams+xml';

/** Running in some way: its guest OS can be asked, it can be reset, suspended or powered off. */
const RUNNING: readonly ResourceStatus[] = ['POWERED_ON', 'PARTIALLY_POWERED_OFF', 'PARTIALLY_SUSPENDED', 'MIXED'];
/** Off in some way: it can be powered on. */
const STOPPED: readonly ResourceStatus[] = ['POWERED_OFF', 'RESOLVED', 'VAPP_UNDEPLOYED', 'SUSPENDED', 'PARTIALLY_POWERED_OFF', 'PARTIALLY_SUSPENDED', 'MIXED'];

interface ActionSpec {
  /** The name in VCD's portal. */
  label: string;
  kinds: readonly PowerTargetKind[];
  /** The record statuses the action is offered for. */
  statuses: readonly ResourceStatus[];
  /** Works through VMware Tools in the guest (a VM without them running cannot do it). */
  needsTools: boolean;
  /** The links an entity must offer now, per kind; the first is the one POSTed to. */
  links: Record<PowerTargetKind, readonly string[]>;
  /** The body of the POST, if any. */
  body?: { contentType: string; text: string };
}

function undeploy(action: 'powerOff' | 'shutdown'): { contentType: string; text: string } {
  return {
    contentType: UNDEPLOY_PARAMS_TYPE,
    text: `<UndeployVAppParams xmlns="http://www.vmware.com/vcloud/v1.5"><UndeployPowerAction>${action}</UndeployPowerAction></UndeployVAppParams>`,
  };
}

const SPECS: Record<PowerAction, ActionSpec> = {
  powerOn: { label: 'Power On', kinds: ['vm', 'vapp'], statuses: STOPPED, needsTools: false, links: { vm: ['power:powerOn'], vapp: ['power:powerOn'] } },
  // VCD's "Power Off" (GOVCD VM.Undeploy): undeploy with powerOff, which also releases the resources.
  powerOff: { label: 'Power Off', kinds: ['vm', 'vapp'], statuses: [...RUNNING, 'SUSPENDED'], needsTools: false, links: { vm: ['undeploy'], vapp: ['undeploy'] }, body: undeploy('powerOff') },
  // "Shut Down" (GOVCD VM.Shutdown): undeploy with shutdown, through VMware Tools.
  shutdown: { label: 'Shut Down Guest OS', kinds: ['vm', 'vapp'], statuses: RUNNING, needsTools: true, links: { vm: ['undeploy', 'power:shutdown'], vapp: ['undeploy'] }, body: undeploy('shutdown') },
  reset: { label: 'Reset', kinds: ['vm', 'vapp'], statuses: RUNNING, needsTools: false, links: { vm: ['power:reset'], vapp: ['power:reset'] } },
  reboot: { label: 'Reboot Guest OS', kinds: ['vm', 'vapp'], statuses: RUNNING, needsTools: true, links: { vm: ['power:reboot'], vapp: ['power:reboot'] } },
  suspend: { label: 'Suspend', kinds: ['vm', 'vapp'], statuses: RUNNING, needsTools: false, links: { vm: ['power:suspend'], vapp: ['power:suspend'] } },
  discardSuspendedState: {
    label: 'Discard Suspended State', kinds: ['vapp'], statuses: ['SUSPENDED', 'PARTIALLY_SUSPENDED', 'MIXED'], needsTools: false,
    links: { vm: ['discardState'], vapp: ['discardState'] },
  },
};

export function isPowerAction(value: unknown): value is PowerAction {
  return typeof value === 'string' && (POWER_ACTIONS as readonly string[]).includes(value);
}

/** "Power Off", "Shut Down Guest OS", … */
export function powerActionLabel(action: PowerAction): string {
  return SPECS[action].label;
}

/** The record statuses for which an action is offered on a kind of node (the menus use the same table). */
export function statusesFor(action: PowerAction, kind: PowerTargetKind): readonly ResourceStatus[] {
  return SPECS[action].kinds.includes(kind) ? SPECS[action].statuses : [];
}

/** VMware Tools do not run in the guest (a record's `vmToolsStatus`); unknown says nothing. */
export function toolsNotRunning(vmToolsStatus: string | undefined): boolean {
  return vmToolsStatus === 'toolsNotRunning' || vmToolsStatus === 'toolsNotInstalled';
}

/**
 * Why a record in this state cannot take the action, in words, or undefined when it may. `vmToolsStatus` (VM records
 * of the `vm` query carry it) rules out Shut Down and Reboot Guest OS when the tools do not run.
 */
export function refusalByRecord(action: PowerAction, kind: PowerTargetKind, status: ResourceStatus, vmToolsStatus?: string): string | undefined {
  const spec = SPECS[action];
  if (!spec.kinds.includes(kind)) return `${spec.label} is for vApps only.`;
  if (!spec.statuses.includes(status)) return `${spec.label} is not possible while it is ${statusAfterItIs(status)}.`;
  if (kind === 'vm' && spec.needsTools && toolsNotRunning(vmToolsStatus)) return `${spec.label} needs VMware Tools running in the guest OS, and they are not.`;
  return undefined;
}

/** The actions a record's state allows. */
export function actionsForRecord(kind: PowerTargetKind, status: ResourceStatus, vmToolsStatus?: string): PowerAction[] {
  return POWER_ACTIONS.filter((a) => refusalByRecord(a, kind, status, vmToolsStatus) === undefined);
}

/**
 * Why the entity, as it is now, cannot take the action (it does not offer the links for it), or undefined. Its own
 * running tasks are reported apart (see busyTasks).
 */
export function refusalByEntity(action: PowerAction, entity: EntityState): string | undefined {
  const spec = SPECS[action];
  if (!spec.kinds.includes(entity.kind)) return `${spec.label} is for vApps only.`;
  const missing = spec.links[entity.kind].filter((rel) => !entity.links.has(rel));
  if (missing.length === 0) return undefined;
  if (spec.needsTools && entity.kind === 'vm' && entity.status === 'POWERED_ON') {
    return `${spec.label} needs VMware Tools running in the guest OS, and VCD does not offer it now.`;
  }
  return `${spec.label} is not possible now: it is ${statusAfterItIs(entity.status)}.`;
}

/** The queued or running tasks that keep the entity busy. */
export function busyTasks(entity: EntityState): TaskInfo[] {
  return entity.tasks.filter((t) => !isTaskFinished(t.status));
}

/** The POST that performs the action on this entity: the href of the link it offers, and the body. */
export function powerRequest(action: PowerAction, entity: EntityState): { href: string; body?: { contentType: string; text: string } } {
  const spec = SPECS[action];
  const rel = spec.links[entity.kind][0];
  const href = entity.links.get(rel);
  if (href === undefined) throw new Error(`The entity offers no ${rel} link.`);
  return spec.body === undefined ? { href } : { href, body: spec.body };
}

/** "powered on", "partially powered off", … */

const MAX_ENTITY_LINKS = 500;
const MAX_ENTITY_TASKS = 20;

function kindOf(root: string | undefined, href: string, type: string | undefined): EntityState['kind'] {
  if (root === 'Vm' || /\.vm\+/.test(type ?? '') || /\/vApp\/vm-/.test(href)) return 'vm';
  if (root === 'VApp' || /\.vApp\+/i.test(type ?? '') || /\/vApp\/vapp-/.test(href)) return 'vapp';
  throw new XmlSyntaxError(`Expected a VM or vApp, got ${root ?? type ?? 'something else'}.`);
}

function capName(name: string | undefined): string {
  const text = name ?? '';
  return text.length <= MAX_TASK_TEXT ? text : `${text.slice(0, MAX_TASK_TEXT - 1)}…`;
}

/**
 * Parses a VM or vApp document (`application/vnd.vmware.vcloud.vm|vApp+xml|json`): status (a number in entities),
 * deployment, its links (the first href of each rel, at most 500 links looked at) and the tasks in its `<Tasks>`
 * (at most 20). Throws XmlSyntaxError when it is not one.
 */
export function parseEntity(body: string, contentType: string | undefined): EntityState {
  const json = contentType !== undefined && /[/+]json\b/i.test(contentType) ? true : contentType !== undefined && /[/+]xml\b/i.test(contentType) ? false : body.trimStart().startsWith('{');
  const links = new Map<string, string>();
  const tasks: TaskInfo[] = [];
  if (json) {
    const root = parseJsonObject(body);
    const href = str(root, 'href');
    if (href === undefined) throw new XmlSyntaxError('The entity has no href.');
    const kind = kindOf(undefined, href, str(root, 'type'));
    for (const l of arr(root, 'link').slice(0, MAX_ENTITY_LINKS)) {
      if (l === null || typeof l !== 'object' || Array.isArray(l)) continue;
      const rel = str(l as JsonObject, 'rel'), target = str(l as JsonObject, 'href');
      if (rel !== undefined && target !== undefined && !links.has(rel)) links.set(rel, target);
    }
    for (const t of arr(obj(root, 'tasks'), 'task').slice(0, MAX_ENTITY_TASKS)) {
      if (t !== null && typeof t === 'object' && !Array.isArray(t)) tasks.push(taskFromJson(t as JsonObject));
    }
    const status = root.status;
    const deployed = root.deployed;
    const entity: EntityState = { kind, href, name: capName(str(root, 'name')), status: resourceStatus(typeof status === 'number' || typeof status === 'string' ? String(status) : undefined), links, tasks };
    if (typeof deployed === 'boolean') entity.deployed = deployed;
    return entity;
  }
  const { name, element } = rootElement(parseXml(body, ['Link', 'Task', 'Vm']));
  const href = attr(element, 'href');
  if (href === undefined) throw new XmlSyntaxError('The entity has no href.');
  const kind = kindOf(name, href, attr(element, 'type'));
  for (const l of childElements(element, 'Link').slice(0, MAX_ENTITY_LINKS)) {
    const rel = attr(l, 'rel'), target = attr(l, 'href');
    if (rel !== undefined && target !== undefined && !links.has(rel)) links.set(rel, target);
  }
  for (const group of childElements(element, 'Tasks').slice(0, 1)) {
    for (const t of childElements(group, 'Task').slice(0, MAX_ENTITY_TASKS)) tasks.push(taskFromXml(t));
  }
  const entity: EntityState = { kind, href, name: capName(attr(element, 'name')), status: resourceStatus(attr(element, 'status')), links, tasks };
  const deployed = attr(element, 'deployed');
  if (deployed !== undefined) entity.deployed = deployed === 'true';
  return entity;
}
