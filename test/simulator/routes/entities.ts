// Legacy entity GETs: /api/org, /api/org/{id}, /api/vdc/{id}, /api/admin/vdc/{id}, /api/vApp/vapp-{id}, /api/vApp/vm-{id},
// /api/vAppTemplate/vappTemplate-{id}. Numeric status, URN ids, state-dependent links; XML or JSON by Accept.
import type { Session } from '../auth';
import { El, el, link, toJsonValue, toXml } from '../element';
import { Ctx, legacyError, Reply, wantsJson } from '../http';
import { canViewVApp, type Org, type VApp, type Vdc, type Vm } from '../inventory';
import { powerLinks } from '../queryTypes';
import { tasksElement, toolsRunning } from './power';
import type { User } from '../inventory';
import type { Route } from '../router';
import type { SimState } from '../state';

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

function reply(ctx: Ctx, mediaBase: string, root: El): Reply {
  if (wantsJson(ctx.accept)) {
    const value = toJsonValue(root) as Record<string, unknown>;
    return { status: 200, headers: { 'Content-Type': `${mediaBase}+json;version=${ctx.version}` }, body: JSON.stringify(value) };
  }
  return { status: 200, headers: { 'Content-Type': `${mediaBase}+xml;version=${ctx.version}` }, body: toXml(root) };
}

function forbidden(ctx: Ctx, kind: string, id: string): Reply {
  return legacyError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "(com.vmware.vcloud.entity.${kind}:${id})".`);
}

function sees(s: Session, org: Org): boolean {
  return s.user.org.isSystem || s.user.org === org;
}

function orgList(state: SimState, ctx: Ctx, s: Session): Reply {
  const orgs = s.user.org.isSystem ? state.inv.orgs : [s.user.org];
  const root = el('OrgList', { href: `${ctx.base}/api/org/`, type: 'application/vnd.vmware.vcloud.orgList+xml' },
    orgs.map((o) => el('Org', { href: state.hrefs.org(o), name: o.name, type: 'application/vnd.vmware.vcloud.org+xml' })));
  return reply(ctx, 'application/vnd.vmware.vcloud.orgList', root);
}

function org(state: SimState, ctx: Ctx, s: Session, id: string): Reply {
  const o = state.inv.orgById.get(id.toLowerCase());
  if (!o || !sees(s, o)) return forbidden(ctx, 'org', id);
  const b = ctx.base;
  const links: El[] = [
    ...o.vdcs.map((v) => link('down', state.hrefs.vdc(v), 'application/vnd.vmware.vcloud.vdc+xml', v.name)),
    link('down', `${b}/api/tasksList/${o.id}`, 'application/vnd.vmware.vcloud.tasksList+xml'),
    link('down', `${b}/api/org/${o.id}/metadata`, 'application/vnd.vmware.vcloud.metadata+xml'),
  ];
  const root = el('Org', { name: o.name, id: `urn:vcloud:org:${o.id}`, href: state.hrefs.org(o), type: 'application/vnd.vmware.vcloud.org+xml' },
    [...links, el('Description', undefined, undefined, ''), el('FullName', undefined, undefined, o.displayName)]);
  return reply(ctx, 'application/vnd.vmware.vcloud.org', root);
}

function vdcBody(state: SimState, ctx: Ctx, s: Session, v: Vdc, admin: boolean): El {
  const b = ctx.base;
  const cpuUsed = v.vapps.reduce((n, a) => n + a.vms.filter((m) => m.status === 4).reduce((x, m) => x + m.numberOfCpus * 1000, 0), 0);
  const memUsed = v.vapps.reduce((n, a) => n + a.vms.filter((m) => m.status === 4).reduce((x, m) => x + m.memoryMB, 0), 0);
  const cap = (units: string, alloc: number, limit: number, used: number): El[] => [
    el('Units', undefined, undefined, units), el('Allocated', undefined, undefined, alloc), el('Limit', undefined, undefined, limit),
    el('Reserved', undefined, undefined, 0), el('Used', undefined, undefined, used), el('Overhead', undefined, undefined, 0),
  ];
  // Only what the user may view: a vApp User does not learn the names of the other vApps from the VDC.
  const entities = [...v.vapps, ...v.templates].filter((a) => canViewVApp(s.user, a)).map((a) => el('ResourceEntity', {
    href: state.hrefs.vapp(a), name: a.name,
    type: a.isTemplate ? 'application/vnd.vmware.vcloud.vAppTemplate+xml' : 'application/vnd.vmware.vcloud.vApp+xml',
  }));
  const links = [
    link('up', state.hrefs.org(v.org), 'application/vnd.vmware.vcloud.org+xml'),
    link('orgVdcNetworks', `${b}/api/admin/vdc/${v.id}/networks`, 'application/vnd.vmware.vcloud.query.records+xml'),
    link('edgeGateways', `${b}/api/admin/vdc/${v.id}/edgeGateways`, 'application/vnd.vmware.vcloud.query.records+xml'),
    admin ? link('alternate', `${b}/api/vdc/${v.id}`, 'application/vnd.vmware.vcloud.vdc+xml') : link('alternate', `${b}/api/admin/vdc/${v.id}`, 'application/vnd.vmware.admin.vdc+xml'),
    link('down', `${b}/api/vdc/${v.id}/metadata`, 'application/vnd.vmware.vcloud.metadata+xml'),
  ];
  return el(admin ? 'AdminVdc' : 'Vdc', {
    status: v.status, name: v.name, id: `urn:vcloud:vdc:${v.id}`,
    href: admin ? `${b}/api/admin/vdc/${v.id}` : state.hrefs.vdc(v),
    type: admin ? 'application/vnd.vmware.admin.vdc+xml' : 'application/vnd.vmware.vcloud.vdc+xml',
  }, [
    ...links,
    el('Description', undefined, undefined, v.description),
    el('AllocationModel', undefined, undefined, v.allocationModel),
    el('ComputeCapacity', undefined, [
      el('Cpu', undefined, cap('MHz', v.cpuAllocationMhz, v.cpuLimitMhz, cpuUsed)),
      el('Memory', undefined, cap('MB', v.memoryAllocationMB, v.memoryLimitMB, memUsed)),
    ]),
    el('ResourceEntities', undefined, entities),
    el('AvailableNetworks', undefined, [el('Network', { href: `${b}/api/admin/network/${v.networkPoolId}`, name: v.networkName, type: 'application/vnd.vmware.admin.network+xml' })]),
    el('Capabilities', undefined, [el('SupportedHardwareVersions', undefined, ['vmx-14', 'vmx-17', 'vmx-19', 'vmx-20', 'vmx-21'].map((h) => el('SupportedHardwareVersion', undefined, undefined, h)))]),
    el('NicQuota', undefined, undefined, 0), el('NetworkQuota', undefined, undefined, 1000), el('UsedNetworkCount', undefined, undefined, 1),
    el('VmQuota', undefined, undefined, 0), el('IsEnabled', undefined, undefined, v.isEnabled),
    el('VdcStorageProfiles', undefined, [el('VdcStorageProfile', { href: `${b}/api/vdcStorageProfile/${v.providerVdcId}`, name: v.storageProfileName, type: 'application/vnd.vmware.vcloud.vdcStorageProfile+xml' })]),
    el('VCpuInMhz2', undefined, undefined, 1000),
    ...(admin ? [el('ProviderVdcReference', { href: `${b}/api/admin/extension/providervdc/${v.providerVdcId}`, name: v.providerVdcName, type: 'application/vnd.vmware.admin.providervdc+xml' })] : []),
  ]);
}

function vdc(state: SimState, ctx: Ctx, s: Session, id: string, admin: boolean): Reply {
  if (admin && !s.user.org.isSystem) return forbidden(ctx, 'vdc', id);
  const v = state.inv.vdcById.get(id.toLowerCase());
  if (!v || !sees(s, v.org)) return forbidden(ctx, 'vdc', id);
  return reply(ctx, admin ? 'application/vnd.vmware.admin.vdc' : 'application/vnd.vmware.vcloud.vdc', vdcBody(state, ctx, s, v, admin));
}

function vmBody(state: SimState, ctx: Ctx, m: Vm, nested: boolean, viewer: User): El {
  const href = state.hrefs.vm(m);
  const b = ctx.base;
  const links = m.vapp.isTemplate ? [] : powerLinks(href, m.status, true, { deployed: m.deployed, toolsRunning: toolsRunning(m) }).map((l) => link(l.rel, l.href, l.type));
  links.push(
    link('up', state.hrefs.vapp(m.vapp), m.vapp.isTemplate ? 'application/vnd.vmware.vcloud.vAppTemplate+xml' : 'application/vnd.vmware.vcloud.vApp+xml'),
    link('down', `${href}/metadata`, 'application/vnd.vmware.vcloud.metadata+xml'),
  );
  if (!m.vapp.isTemplate) {
    links.push(link('edit', href, 'application/vnd.vmware.vcloud.vm+xml'), link('screen:thumbnail', `${href}/screen`));
    if (m.status === 4) links.push(link('screen:acquireTicket', `${href}/screen/action/acquireTicket`));
  }
  const connections = [el('NetworkConnection', { needsCustomization: false, network: m.networkName }, [
    el('NetworkConnectionIndex', undefined, undefined, 0),
    ...(m.ipAddress ? [el('IpAddress', undefined, undefined, m.ipAddress)] : []),
    el('IsConnected', undefined, undefined, true),
    el('MACAddress', undefined, undefined, `00:50:56:${((m.index >> 16) & 255).toString(16).padStart(2, '0')}:${((m.index >> 8) & 255).toString(16).padStart(2, '0')}:${(m.index & 255).toString(16).padStart(2, '0')}`),
    el('IpAddressAllocationMode', undefined, undefined, 'POOL'),
  ])];
  return el('Vm', {
    needsCustomization: false, nestedHypervisorEnabled: false, deployed: m.deployed, status: m.status, name: m.name,
    id: `urn:vcloud:vm:${m.id}`, href, type: 'application/vnd.vmware.vcloud.vm+xml',
  }, [
    ...(nested ? links.filter((l) => l.attrs?.rel === 'up' || l.attrs?.rel === 'edit') : links),
    el('Description', undefined, undefined, ''),
    ...(nested || m.vapp.isTemplate ? [] : tasksElement(state, ctx, m.vapp, m, viewer)),
    el('NetworkConnectionSection', { href: `${href}/networkConnectionSection/`, type: 'application/vnd.vmware.vcloud.networkConnectionSection+xml' }, [
      el('PrimaryNetworkConnectionIndex', undefined, undefined, 0), ...connections,
    ]),
    el('DateCreated', undefined, undefined, m.dateCreated),
    el('VAppScopedLocalId', undefined, undefined, m.id.slice(0, 8)),
    el('VmSpecSection', { Modified: false }, [
      el('OsType', undefined, undefined, m.guestOs.toLowerCase().replace(/[^a-z0-9]+/g, '') + 'Guest'),
      el('NumCpus', undefined, undefined, m.numberOfCpus),
      el('NumCoresPerSocket', undefined, undefined, 1),
      el('MemoryResourceMb', undefined, [el('Configured', undefined, undefined, m.memoryMB)]),
      el('HardwareVersion', { href: `${b}/api/vdc/${m.vapp.vdc.id}/hwv/vmx-${m.hardwareVersion}`, type: 'application/vnd.vmware.vcloud.virtualHardwareVersion+xml' }, undefined, `vmx-${m.hardwareVersion}`),
      el('VmToolsVersion', undefined, undefined, m.vmToolsVersion),
    ]),
    el('GuestOsDescription', undefined, undefined, m.guestOs),
    el('StorageProfile', { href: `${b}/api/vdcStorageProfile/${m.vapp.vdc.providerVdcId}`, name: m.storageProfileName, type: 'application/vnd.vmware.vcloud.vdcStorageProfile+xml' }),
  ]);
}

function vappBody(state: SimState, ctx: Ctx, a: VApp, viewer: User): El {
  const href = state.hrefs.vapp(a);
  const links = a.isTemplate ? [] : powerLinks(href, a.status, false, { deployed: a.deployed }).map((l) => link(l.rel, l.href, l.type));
  links.push(
    link('up', state.hrefs.vdc(a.vdc), 'application/vnd.vmware.vcloud.vdc+xml'),
    link('down', `${href}/metadata`, 'application/vnd.vmware.vcloud.metadata+xml'),
    link('down', `${href}/owner`, 'application/vnd.vmware.vcloud.owner+xml'),
  );
  return el(a.isTemplate ? 'VAppTemplate' : 'VApp', {
    ...(a.isTemplate ? { goldMaster: false } : { deployed: a.deployed }), ovfDescriptorUploaded: true, status: a.status, name: a.name,
    id: a.isTemplate ? `urn:vcloud:vapptemplate:${a.id}` : `urn:vcloud:vapp:${a.id}`, href,
    type: a.isTemplate ? 'application/vnd.vmware.vcloud.vAppTemplate+xml' : 'application/vnd.vmware.vcloud.vApp+xml',
  }, [
    ...links,
    el('Description', undefined, undefined, a.description),
    ...(a.isTemplate ? [] : tasksElement(state, ctx, a, undefined, viewer)),
    el('Owner', { type: 'application/vnd.vmware.vcloud.owner+xml' }, [el('User', { href: state.hrefs.user(a.owner.id), name: a.owner.name, type: 'application/vnd.vmware.admin.user+xml' })]),
    el('DateCreated', undefined, undefined, a.creationDate),
    el('InMaintenanceMode', undefined, undefined, false),
    el('Children', undefined, a.vms.map((m) => vmBody(state, ctx, m, true, viewer))),
  ]);
}

function vapp(state: SimState, ctx: Ctx, s: Session, id: string, template: boolean): Reply {
  const a = state.inv.vappById.get(id.toLowerCase());
  if (!a || a.isTemplate !== template || !canViewVApp(s.user, a)) return forbidden(ctx, template ? 'vapptemplate' : 'vapp', id);
  return reply(ctx, template ? 'application/vnd.vmware.vcloud.vAppTemplate' : 'application/vnd.vmware.vcloud.vApp', vappBody(state, ctx, a, s.user));
}

function vm(state: SimState, ctx: Ctx, s: Session, id: string): Reply {
  const m = state.inv.vmById.get(id.toLowerCase());
  if (!m || !canViewVApp(s.user, m.vapp)) return forbidden(ctx, 'vm', id);
  return reply(ctx, 'application/vnd.vmware.vcloud.vm', vmBody(state, ctx, m, false, s.user));
}

export const entityRoutes: Route[] = [
  { method: 'GET', pattern: /^\/api\/org\/?$/, area: 'api', handle: (st, c, _m, s) => orgList(st, c, s!) },
  { method: 'GET', pattern: new RegExp(`^/api/org/${UUID}$`), area: 'api', handle: (st, c, m, s) => org(st, c, s!, m[1]) },
  { method: 'GET', pattern: new RegExp(`^/api/vdc/${UUID}$`), area: 'api', handle: (st, c, m, s) => vdc(st, c, s!, m[1], false) },
  { method: 'GET', pattern: new RegExp(`^/api/admin/vdc/${UUID}$`), area: 'api', handle: (st, c, m, s) => vdc(st, c, s!, m[1], true) },
  { method: 'GET', pattern: new RegExp(`^/api/vApp/vapp-${UUID}$`), area: 'api', handle: (st, c, m, s) => vapp(st, c, s!, m[1], false) },
  { method: 'GET', pattern: new RegExp(`^/api/vAppTemplate/vappTemplate-${UUID}$`), area: 'api', handle: (st, c, m, s) => vapp(st, c, s!, m[1], true) },
  { method: 'GET', pattern: new RegExp(`^/api/vApp/vm-${UUID}$`), area: 'api', handle: (st, c, m, s) => vm(st, c, s!, m[1]) },
];
