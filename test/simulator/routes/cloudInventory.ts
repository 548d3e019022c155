// GET /cloudapi/1.0.0/orgs[/{id}] and /vdcs[/{id}].
import type { Session } from '../auth';
import type { AttrAccessor } from '../filter';
import type { Org, Vdc } from '../inventory';
import { cloudError, cloudJson, Ctx, Reply } from '../http';
import { ref, SimState } from '../state';
import { listPage } from './cloudPage';

const ALLOCATION: Record<Vdc['allocationModel'], string> = {
  AllocationVApp: 'ALLOCATION_VAPP', AllocationPool: 'ALLOCATION_POOL', ReservationPool: 'RESERVATION_POOL', Flex: 'FLEX',
};

function orgJson(o: Org): Record<string, unknown> {
  let vapps = 0, running = 0;
  for (const v of o.vdcs) {
    vapps += v.vapps.length;
    for (const a of v.vapps) for (const vm of a.vms) if (vm.status === 4) running++;
  }
  return {
    id: `urn:vcloud:org:${o.id}`, name: o.name, displayName: o.displayName, description: '', isEnabled: o.isEnabled,
    orgVdcCount: o.vdcs.length, catalogCount: o.isSystem ? 0 : 1, vappCount: vapps, runningVMCount: running, userCount: o.users.length,
    diskCount: 0, managedBy: null, canManageOrgs: o.isSystem, canPublish: !o.isSystem, maskedEventTaskUsername: null, directlyManagedOrgCount: null,
  };
}

function vdcJson(v: Vdc): Record<string, unknown> {
  return { id: `urn:vcloud:vdc:${v.id}`, name: v.name, description: v.description, allocationType: ALLOCATION[v.allocationModel], org: ref.org(v.org) };
}

const ORG_FIELDS: Record<string, AttrAccessor<Org>> = {
  id: { kind: 'href', get: (o) => `urn:vcloud:org:${o.id}`, id: (o) => o.id },
  name: { kind: 'string', get: (o) => o.name },
  displayName: { kind: 'string', get: (o) => o.displayName },
  isEnabled: { kind: 'bool', get: (o) => o.isEnabled },
};
const VDC_FIELDS: Record<string, AttrAccessor<Vdc>> = {
  id: { kind: 'href', get: (v) => `urn:vcloud:vdc:${v.id}`, id: (v) => v.id },
  name: { kind: 'string', get: (v) => v.name },
  allocationType: { kind: 'string', get: (v) => ALLOCATION[v.allocationModel] },
  'org.id': { kind: 'href', get: (v) => `urn:vcloud:org:${v.org.id}`, id: (v) => v.org.id },
  'org.name': { kind: 'string', get: (v) => v.org.name },
};

function visibleOrgs(state: SimState, s: Session): Org[] {
  return s.user.org.isSystem ? state.inv.orgs : [s.user.org];
}

function idOf(segment: string, prefix: string): string {
  return decodeURIComponent(segment).replace(prefix, '');
}

export function listOrgs(state: SimState, ctx: Ctx, s: Session): Reply {
  return listPage(ctx, visibleOrgs(state, s), ORG_FIELDS, orgJson, 'Orgs', state.config.maxPageSize);
}

export function getOrg(state: SimState, ctx: Ctx, s: Session, segment: string): Reply {
  const id = idOf(segment, 'urn:vcloud:org:');
  const o = visibleOrgs(state, s).find((x) => x.id === id);
  if (!o) return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "urn:vcloud:org:${id}".`);
  return cloudJson(ctx, 200, orgJson(o));
}

export function listVdcs(state: SimState, ctx: Ctx, s: Session): Reply {
  const rows = s.user.org.isSystem ? state.inv.vdcs : s.user.org.vdcs;
  return listPage(ctx, rows, VDC_FIELDS, vdcJson, 'OrgVdcs', state.config.maxPageSize);
}

export function getVdc(state: SimState, ctx: Ctx, s: Session, segment: string): Reply {
  const id = idOf(segment, 'urn:vcloud:vdc:');
  const v = state.inv.vdcById.get(id);
  if (!v || (!s.user.org.isSystem && v.org !== s.user.org)) return cloudError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `No access to entity "urn:vcloud:vdc:${id}".`);
  return cloudJson(ctx, 200, vdcJson(v));
}
