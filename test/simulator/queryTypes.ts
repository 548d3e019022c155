// Record schemas of the query types: which attributes each record carries, in which order, which are in the XSD
// (the others go to `otherAttributes` in JSON), their kinds for filters, and where they come from.
import type { AttrKind, AttrValue } from './filter';
import { Inventory, Org, RESOURCE_STATUS, User, VApp, Vdc, Vm, VDC_STATUS } from './inventory';
import { canSeeTask, type SimTask, type TaskEngine } from './tasks';

export type QueryTypeName = 'organization' | 'orgVdc' | 'adminOrgVdc' | 'vApp' | 'adminVApp' | 'vm' | 'adminVM' | 'task' | 'adminTask';
export const QUERY_TYPES: QueryTypeName[] = ['organization', 'orgVdc', 'adminOrgVdc', 'vApp', 'adminVApp', 'vm', 'adminVM', 'task', 'adminTask'];

export type RefKind = 'org' | 'vdc' | 'vapp' | 'vm' | 'user' | 'container' | 'taskObject';

export interface AttrDef<R> {
  name: string;
  kind: AttrKind;
  xsd: boolean;
  get(r: R): AttrValue;
  /** For reference attributes: the id of the referenced entity (idrecords URNs, filter by id). */
  ref?: { kind: RefKind; id(r: R): string | undefined };
}

export interface QueryTypeDef<R> {
  name: QueryTypeName;
  element: string;
  jsonType: string;
  refElement: string;
  entityMediaType: string;
  /** Only the System org may run it. */
  adminOnly: boolean;
  rows: R[];
  orgOf(r: R): Org;
  /** The vApp (or vApp template) a row belongs to, for types whose rows are visible per vApp (vApp, vm and admin twins). */
  vappOf?: (r: R) => VApp;
  /** For a user without the org-wide view: may it see this row? (Types without it: per vApp, see vappOf.) */
  visibleTo?: (r: R, user: User) => boolean;
  href(r: R): string;
  urn(r: R): string;
  attrs: AttrDef<R>[];
  /** Links of a record when links=true. */
  links(r: R): { rel: string; href: string; type?: string }[];
}

interface Stats {
  vdcVApps: Map<Vdc, number>;
  vdcVms: Map<Vdc, number>;
  vdcRunning: Map<Vdc, number>;
  vdcCpuUsed: Map<Vdc, number>;
  vdcMemUsed: Map<Vdc, number>;
  orgVApps: Map<Org, number>;
}

function stats(inv: Inventory): Stats {
  const s: Stats = { vdcVApps: new Map(), vdcVms: new Map(), vdcRunning: new Map(), vdcCpuUsed: new Map(), vdcMemUsed: new Map(), orgVApps: new Map() };
  for (const vdc of inv.vdcs) {
    let vms = 0, running = 0, cpu = 0, mem = 0;
    for (const a of vdc.vapps) {
      for (const vm of a.vms) {
        vms++;
        if (vm.status === 4) {
          running++;
          cpu += vm.numberOfCpus * 1000;
          mem += vm.memoryMB;
        }
      }
    }
    s.vdcVApps.set(vdc, vdc.vapps.length);
    s.vdcVms.set(vdc, vms);
    s.vdcRunning.set(vdc, running);
    s.vdcCpuUsed.set(vdc, cpu);
    s.vdcMemUsed.set(vdc, mem);
    s.orgVApps.set(vdc.org, (s.orgVApps.get(vdc.org) ?? 0) + vdc.vapps.length);
  }
  return s;
}

type A<R> = AttrDef<R>;
const str = <R>(name: string, get: (r: R) => string | undefined, xsd = true): A<R> => ({ name, kind: 'string', xsd, get });
const int = <R>(name: string, get: (r: R) => number | undefined, xsd = true): A<R> => ({ name, kind: 'int', xsd, get });
const bool = <R>(name: string, get: (r: R) => boolean | undefined, xsd = true): A<R> => ({ name, kind: 'bool', xsd, get });
const date = <R>(name: string, get: (r: R) => string | undefined, xsd = true): A<R> => ({ name, kind: 'date', xsd, get });
const href = <R>(name: string, kind: RefKind, get: (r: R) => string | undefined, id: (r: R) => string | undefined, xsd = true): A<R> =>
  ({ name, kind: 'href', xsd, get, ref: { kind, id } });

export interface Hrefs {
  org(o: Org): string;
  vdc(v: Vdc): string;
  vapp(a: VApp): string;
  vm(v: Vm): string;
  user(id: string): string;
  task(id: string): string;
}

export function makeHrefs(base: string): Hrefs {
  return {
    org: (o) => `${base}/api/org/${o.id}`,
    vdc: (v) => `${base}/api/vdc/${v.id}`,
    vapp: (a) => (a.isTemplate ? `${base}/api/vAppTemplate/vappTemplate-${a.id}` : `${base}/api/vApp/vapp-${a.id}`),
    vm: (v) => `${base}/api/vApp/vm-${v.id}`,
    user: (id) => `${base}/api/admin/user/${id}`,
    task: (id) => `${base}/api/task/${id}`,
  };
}

/**
 * The action links of a vApp or VM in its state (vcd-api.md §5: "available actions appear only when allowed"):
 * `power:*`, `undeploy`, `deploy`, `discardState`. A VM offers `power:shutdown` and `power:reboot` only while VMware
 * Tools run in its guest (the simulator's choice, UNVERIFIED; the actions need them).
 */
export function powerLinks(href: string, status: number, isVm: boolean, state: { deployed: boolean; toolsRunning?: boolean }): { rel: string; href: string; type?: string }[] {
  const links: { rel: string; href: string; type?: string }[] = [];
  const add = (rel: string, path: string, type?: string): void => {
    links.push(type ? { rel, href: `${href}${path}`, type } : { rel, href: `${href}${path}` });
  };
  const on = status === 4, off = status === 8 || status === 1, suspended = status === 3;
  const partial = status === 20 || status === 10 || status === 21;
  const guest = !isVm || state.toolsRunning === true;
  if (off || suspended || partial) add('power:powerOn', '/power/action/powerOn');
  if (on || partial) {
    add('power:powerOff', '/power/action/powerOff');
    if (guest) add('power:reboot', '/power/action/reboot');
    add('power:reset', '/power/action/reset');
    if (guest) add('power:shutdown', '/power/action/shutdown');
    add('power:suspend', '/power/action/suspend');
  }
  if (suspended || status === 21 || status === 10) add('discardState', '/action/discardSuspendedState');
  if (on || suspended || partial || state.deployed) add('undeploy', '/action/undeploy', 'application/vnd.vmware.vcloud.undeployVAppParams+xml');
  if (!state.deployed && !on) add('deploy', '/action/deploy', 'application/vnd.vmware.vcloud.deployVAppParams+xml');
  if (!isVm && off && !state.deployed) add('remove', '');
  return links;
}

/** Tasks are ISO times with an offset, as VCD writes them. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export type AnyTypeDef = QueryTypeDef<Org> | QueryTypeDef<Vdc> | QueryTypeDef<VApp> | QueryTypeDef<Vm> | QueryTypeDef<SimTask>;

export function makeQueryTypes(inv: Inventory, base: string, tasks: TaskEngine): Record<QueryTypeName, AnyTypeDef> {
  const h = makeHrefs(base);
  const s = stats(inv);
  const status = (n: number): string => RESOURCE_STATUS[n] ?? 'UNKNOWN';
  /** The `task*` attributes of a record: its entity's latest task (non-XSD, so in `otherAttributes` in JSON). */
  const taskAttrs = <R>(entity: (r: R) => VApp | Vm | undefined, fallback?: (r: R) => { name: string; status: string } | undefined): A<R>[] => {
    const latest = (r: R): SimTask | undefined => {
      const e = entity(r);
      return e === undefined ? undefined : tasks.latestFor(e.id);
    };
    return [
      str('task', (r) => {
        const t = latest(r);
        return t ? h.task(t.id) : undefined;
      }, false),
      str('taskStatusName', (r) => latest(r)?.operationName ?? fallback?.(r)?.name, false),
      str('taskStatus', (r) => latest(r)?.status ?? fallback?.(r)?.status, false),
      str('taskDetails', (r) => latest(r)?.error?.message.slice(0, 80), false),
    ];
  };
  const vmBusy = (v: Vm): boolean => tasks.busyWith(v.vapp, v).length > 0;
  const vappBusy = (a: VApp): boolean => tasks.busyWith(a).length > 0;

  const orgAttrs: A<Org>[] = [
    str('name', (o) => o.name), str('displayName', (o) => o.displayName), bool('isEnabled', (o) => o.isEnabled),
    bool('isReadOnly', () => false), bool('canPublishCatalogs', (o) => !o.isSystem), int('deployedVMQuota', () => 0), int('storedVMQuota', () => 0),
    int('numberOfCatalogs', (o) => (o.isSystem ? 0 : 1)), int('numberOfVdcs', (o) => o.vdcs.length), int('numberOfVApps', (o) => s.orgVApps.get(o) ?? 0),
    int('numberOfGroups', () => 0), int('numberOfDisks', () => 0), bool('canPublishExternally', () => false), bool('publishToManagedOrgsAllowed', () => false, false),
  ];
  const vdcCommon = (admin: boolean): A<Vdc>[] => {
    const list: A<Vdc>[] = [
      str('name', (v) => v.name), str('description', (v) => v.description || undefined), str('orgName', (v) => v.org.name),
      bool('isEnabled', (v) => v.isEnabled), str('status', (v) => VDC_STATUS[v.status]), str('allocationModel', (v) => v.allocationModel),
      str('computeProviderScope', () => 'vc1'), str('networkProviderScope', () => 'nsxt-tz'),
      int('cpuAllocationMhz', (v) => v.cpuAllocationMhz), int('cpuLimitMhz', (v) => v.cpuLimitMhz), int('cpuUsedMhz', (v) => s.vdcCpuUsed.get(v)),
      int('memoryAllocationMB', (v) => v.memoryAllocationMB), int('memoryLimitMB', (v) => v.memoryLimitMB), int('memoryUsedMB', (v) => s.vdcMemUsed.get(v)),
      int('storageLimitMB', (v) => v.storageLimitMB), int('storageUsedMB', (v) => Math.round((s.vdcVms.get(v) ?? 0) * 40960)),
      int('numberOfVApps', (v) => s.vdcVApps.get(v)), int('numberOfVMs', (v) => s.vdcVms.get(v)), int('numberOfRunningVMs', (v) => s.vdcRunning.get(v)),
      int('numberOfMedia', () => 0), int('numberOfDisks', () => 0), int('numberOfVAppTemplates', (v) => v.templates.length), int('numberOfStorageProfiles', () => 1),
      str('vcName', () => 'vc1'), bool('isBusy', () => false),
      str('taskStatusName', () => undefined, false),
    ];
    if (admin) {
      list.splice(3, 0, href('org', 'org', (v) => h.org(v.org), (v) => v.org.id));
      list.push(
        href('providerVdc', 'org', (v) => `${base}/api/admin/extension/providervdc/${v.providerVdcId}`, (v) => v.providerVdcId),
        str('providerVdcName', (v) => v.providerVdcName),
        href('networkPool', 'org', (v) => `${base}/api/admin/extension/networkPool/${v.networkPoolId}`, (v) => v.networkPoolId),
        href('vc', 'org', (v) => `${base}/api/admin/extension/vimServer/${v.vcId}`, (v) => v.vcId),
        bool('isThinProvisioned', () => true), bool('isFastProvisioned', () => false), str('networkProviderType', () => 'NSXT_MANAGER'),
        bool('isVCEnabled', () => true), int('cpuReservedMhz', (v) => (v.allocationModel === 'ReservationPool' ? v.cpuAllocationMhz : 0)),
        int('memoryReservedMB', (v) => (v.allocationModel === 'ReservationPool' ? v.memoryAllocationMB : 0)), int('numberOfResourcePools', () => 1, false),
      );
    }
    return list;
  };
  const vappCpus = (a: VApp): number => a.vms.reduce((n, v) => n + v.numberOfCpus, 0);
  const vappMem = (a: VApp): number => a.vms.reduce((n, v) => n + v.memoryMB, 0);
  const vappAttrs = (admin: boolean): A<VApp>[] => {
    const list: A<VApp>[] = [str('name', (a) => a.name)];
    if (admin) list.push(href('org', 'org', (a) => h.org(a.vdc.org), (a) => a.vdc.org.id));
    list.push(
      href('vdc', 'vdc', (a) => h.vdc(a.vdc), (a) => a.vdc.id), str('vdcName', (a) => a.vdc.name),
      bool('isVdcEnabled', (a) => a.vdc.isEnabled, admin), str('description', (a) => a.description || undefined, admin),
      bool('isPublic', () => false, !admin), bool('isEnabled', () => true), bool('isBusy', (a) => vappBusy(a)), date('creationDate', (a) => a.creationDate),
      str('status', (a) => status(a.status)), str('ownerName', (a) => a.owner.name),
      int('storageKB', (a) => a.vms.length * 41943040, admin), int('numberOfVMs', (a) => a.vms.length, admin),
      int('memoryAllocationMB', (a) => vappMem(a), admin), bool('isDeployed', (a) => a.deployed), bool('isInMaintenanceMode', () => false),
      bool('isAutoNature', () => false, admin), bool('isExpired', () => false), int('numberOfCpus', (a) => vappCpus(a), admin),
      int('totalStorageAllocatedMb', (a) => a.vms.length * 40960, admin),
      ...taskAttrs<VApp>((a) => (a.isTemplate ? undefined : a)),
    );
    if (!admin) {
      list.push(
        int('cpuAllocationMhz', (a) => vappCpus(a), false), int('cpuAllocationInMhz', (a) => vappCpus(a) * 1000, false),
        bool('honorBootOrder', () => false, false), int('pvdcHighestSupportedHardwareVersion', () => 21, false),
        int('lowestHardwareVersionInVApp', (a) => (a.vms.length ? Math.min(...a.vms.map((v) => v.hardwareVersion)) : undefined), false),
        bool('isAutoDeleteNotified', () => false, false), bool('isAutoUndeployNotified', () => false, false),
      );
    }
    return list;
  };
  const vmAttrs = (admin: boolean): A<Vm>[] => {
    const list: A<Vm>[] = [
      str('name', (v) => v.name), str('containerName', (v) => v.vapp.name),
      href('container', 'container', (v) => h.vapp(v.vapp), (v) => v.vapp.id),
    ];
    if (!admin) list.push(str('ownerName', (v) => v.vapp.owner.name), href('owner', 'user', (v) => h.user(v.vapp.owner.id), (v) => v.vapp.owner.id));
    list.push(
      str('vdcName', (v) => v.vapp.vdc.name), href('vdc', 'vdc', (v) => h.vdc(v.vapp.vdc), (v) => v.vapp.vdc.id),
      bool('isVAppTemplate', (v) => v.vapp.isTemplate), bool('isDeleted', () => false), str('guestOs', (v) => v.guestOs),
      int('numberOfCpus', (v) => v.numberOfCpus), int('memoryMB', (v) => v.memoryMB), str('status', (v) => status(v.status)),
      str('networkName', (v) => v.networkName), str('ipAddress', (v) => v.ipAddress), bool('isBusy', (v) => vmBusy(v), !admin),
      bool('isDeployed', (v) => v.deployed), bool('isPublished', (v) => v.vapp.isTemplate), str('catalogName', (v) => v.vapp.catalogName),
      int('hardwareVersion', (v) => v.hardwareVersion),
    );
    if (admin) {
      list.push(
        bool('isVdcEnabled', (v) => v.vapp.vdc.isEnabled), int('vmToolsVersion', (v) => v.vmToolsVersion), str('moref', (v) => v.moref),
        href('org', 'org', (v) => h.org(v.vapp.vdc.org), (v) => v.vapp.vdc.org.id),
      );
    } else {
      list.push(str('vmToolsStatus', (v) => (v.vapp.isTemplate ? undefined : v.vmToolsStatus)));
    }
    list.push(
      bool('isInMaintenanceMode', () => false), bool('isAutoNature', () => false), str('storageProfileName', (v) => v.storageProfileName),
      str('gcStatus', () => 'NONE'), bool('isComputePolicyCompliant', () => true), bool('encrypted', () => false),
      date('dateCreated', (v) => v.dateCreated), int('totalStorageAllocatedMb', () => 40960), bool('isExpired', () => false),
    );
    if (!admin) {
      list.push(
        int('vmToolsVersion', (v) => v.vmToolsVersion, false), bool('isVdcEnabled', (v) => v.vapp.vdc.isEnabled, false),
        int('pvdcHighestSupportedHardwareVersion', () => 21, false),
      );
    }
    // A VM that runs was deployed at some point: without a task of its own since, it shows that one (as the capture in
    // vcd-api.md §4.4 does), without its href.
    list.push(...taskAttrs<Vm>((v) => (v.vapp.isTemplate ? undefined : v), (v) => (v.status === 4 && !admin ? { name: 'vappDeploy', status: 'success' } : undefined)));
    return list;
  };
  const taskRecordAttrs = (admin: boolean): A<SimTask>[] => {
    const object = (t: SimTask): string => (t.vm ? h.vm(t.vm) : h.vapp(t.vapp));
    const list: A<SimTask>[] = [
      href('org', 'org', (t) => h.org(t.org), (t) => t.org.id), str('orgName', (t) => t.org.name), str('name', (t) => t.operationName),
      str('operationFull', (t) => t.operation),
    ];
    if (!admin) list.push(str('message', (t) => t.error?.message));
    list.push(
      date('startDate', (t) => iso(t.startMs)), date('endDate', (t) => (t.endMs === undefined ? undefined : iso(t.endMs))),
      str('status', (t) => t.status), int('progress', (t) => t.progress),
    );
    if (admin) list.push(href('owner', 'user', (t) => h.user(t.user.id), (t) => t.user.id));
    list.push(
      str('ownerName', (t) => t.user.name), href('object', 'taskObject', object, (t) => (t.vm ?? t.vapp).id),
      str('objectType', (t) => (t.vm ? 'vm' : 'vapp')), str('objectName', (t) => (t.vm ?? t.vapp).name),
    );
    if (admin) list.push(str('cellName', () => 'vcd-sim-cell-1'));
    list.push(str('serviceNamespace', () => 'com.vmware.vcloud'));
    if (admin) list.push(bool('hasOwner', () => true));
    return list;
  };

  const tenantVApps = inv.vapps;
  const organization: QueryTypeDef<Org> = {
    name: 'organization', element: 'OrgRecord', jsonType: 'QueryResultOrgRecordType', refElement: 'OrganizationReference',
    entityMediaType: 'application/vnd.vmware.vcloud.org+xml', adminOnly: false, rows: inv.orgs, orgOf: (o) => o, href: (o) => h.org(o),
    urn: (o) => `urn:vcloud:org:${o.id}`, attrs: orgAttrs, links: () => [],
  };
  const vdcDef = (admin: boolean): QueryTypeDef<Vdc> => ({
    name: admin ? 'adminOrgVdc' : 'orgVdc', element: admin ? 'AdminVdcRecord' : 'OrgVdcRecord',
    jsonType: admin ? 'QueryResultAdminVdcRecordType' : 'QueryResultOrgVdcRecordType', refElement: admin ? 'AdminVdcReference' : 'OrgVdcReference',
    entityMediaType: admin ? 'application/vnd.vmware.admin.vdc+xml' : 'application/vnd.vmware.vcloud.vdc+xml', adminOnly: admin,
    rows: inv.vdcs, orgOf: (v) => v.org, href: (v) => h.vdc(v), urn: (v) => `urn:vcloud:vdc:${v.id}`, attrs: vdcCommon(admin), links: () => [],
  });
  const vappDef = (admin: boolean): QueryTypeDef<VApp> => ({
    name: admin ? 'adminVApp' : 'vApp', element: admin ? 'AdminVAppRecord' : 'VAppRecord',
    jsonType: admin ? 'QueryResultAdminVAppRecordType' : 'QueryResultVAppRecordType', refElement: 'VAppReference',
    entityMediaType: 'application/vnd.vmware.vcloud.vApp+xml', adminOnly: admin, rows: tenantVApps, orgOf: (a) => a.vdc.org, vappOf: (a) => a,
    href: (a) => h.vapp(a), urn: (a) => `urn:vcloud:vapp:${a.id}`, attrs: vappAttrs(admin), links: (a) => powerLinks(h.vapp(a), a.status, false, { deployed: a.deployed }),
  });
  const vmDef = (admin: boolean): QueryTypeDef<Vm> => ({
    name: admin ? 'adminVM' : 'vm', element: admin ? 'AdminVMRecord' : 'VMRecord',
    jsonType: admin ? 'QueryResultAdminVMRecordType' : 'QueryResultVMRecordType', refElement: 'VMReference',
    entityMediaType: 'application/vnd.vmware.vcloud.vm+xml', adminOnly: admin, rows: inv.vms, orgOf: (v) => v.vapp.vdc.org, vappOf: (v) => v.vapp,
    href: (v) => h.vm(v), urn: (v) => `urn:vcloud:vm:${v.id}`, attrs: vmAttrs(admin),
    links: (v) => (v.vapp.isTemplate ? [] : powerLinks(h.vm(v), v.status, true, { deployed: v.deployed, toolsRunning: v.status === 4 && v.vmToolsStatus !== 'toolsNotRunning' })),
  });
  const taskDef = (admin: boolean): QueryTypeDef<SimTask> => ({
    name: admin ? 'adminTask' : 'task', element: admin ? 'AdminTaskRecord' : 'TaskRecord',
    jsonType: admin ? 'QueryResultAdminTaskRecordType' : 'QueryResultTaskRecordType', refElement: 'TaskReference',
    entityMediaType: 'application/vnd.vmware.vcloud.task+xml', adminOnly: admin, rows: tasks.tasks, orgOf: (t) => t.org,
    visibleTo: (t, user) => canSeeTask(user, t),
    href: (t) => h.task(t.id), urn: (t) => `urn:vcloud:task:${t.id}`, attrs: taskRecordAttrs(admin), links: () => [],
  });
  return {
    organization, orgVdc: vdcDef(false), adminOrgVdc: vdcDef(true), vApp: vappDef(false), adminVApp: vappDef(true), vm: vmDef(false), adminVM: vmDef(true),
    task: taskDef(false), adminTask: taskDef(true),
  };
}

export function refUrn(kind: RefKind, id: string, r: unknown): string {
  if (kind === 'container') {
    const vm = r as Vm;
    return vm.vapp.isTemplate ? `urn:vcloud:vapptemplate:${id}` : `urn:vcloud:vapp:${id}`;
  }
  if (kind === 'taskObject') return (r as SimTask).vm ? `urn:vcloud:vm:${id}` : `urn:vcloud:vapp:${id}`;
  return `urn:vcloud:${kind}:${id}`;
}
