// Typed query records from the attributes of QueryResultRecords children (status names, numbers, booleans).
// Absent attributes stay undefined, unknown ones are ignored, unknown status names become 'UNRECOGNIZED'.
import {
  OrgRecord, QueryRecordMap, QueryType, ResourceStatus, VAppRecord, VdcRecord, VdcStatus, VmRecord,
} from './types';
import { XmlElement, XmlSyntaxError, attr, childElements, parseXml, rootElement } from './xml';

/** The record element each query type returns. */
export const RECORD_ELEMENT: Record<QueryType, string> = {
  organization: 'OrgRecord',
  orgVdc: 'OrgVdcRecord',
  adminOrgVdc: 'AdminVdcRecord',
  vApp: 'VAppRecord',
  adminVApp: 'AdminVAppRecord',
  vm: 'VMRecord',
  adminVM: 'AdminVMRecord',
};

const RESOURCE_STATUSES: ReadonlySet<string> = new Set<ResourceStatus>([
  'FAILED_CREATION', 'UNRESOLVED', 'RESOLVED', 'DEPLOYED', 'SUSPENDED', 'POWERED_ON', 'WAITING_FOR_INPUT', 'UNKNOWN',
  'UNRECOGNIZED', 'POWERED_OFF', 'INCONSISTENT_STATE', 'MIXED', 'DESCRIPTOR_PENDING', 'COPYING_CONTENTS',
  'DISK_CONTENTS_PENDING', 'QUARANTINED', 'QUARANTINE_EXPIRED', 'REJECTED', 'TRANSFER_TIMEOUT', 'VAPP_UNDEPLOYED',
  'VAPP_PARTIALLY_DEPLOYED', 'PARTIALLY_POWERED_OFF', 'PARTIALLY_SUSPENDED',
]);

/** Numeric vApp/VM status (entity GETs) in the order of GOVCD VAppStatuses, starting at -1. */
const RESOURCE_STATUS_BY_NUMBER: readonly ResourceStatus[] = [
  'FAILED_CREATION', 'UNRESOLVED', 'RESOLVED', 'DEPLOYED', 'SUSPENDED', 'POWERED_ON', 'WAITING_FOR_INPUT', 'UNKNOWN',
  'UNRECOGNIZED', 'POWERED_OFF', 'INCONSISTENT_STATE', 'MIXED', 'DESCRIPTOR_PENDING', 'COPYING_CONTENTS',
  'DISK_CONTENTS_PENDING', 'QUARANTINED', 'QUARANTINE_EXPIRED', 'REJECTED', 'TRANSFER_TIMEOUT', 'VAPP_UNDEPLOYED',
  'VAPP_PARTIALLY_DEPLOYED', 'PARTIALLY_POWERED_OFF', 'PARTIALLY_SUSPENDED',
];
const VDC_STATUS_BY_NUMBER: readonly VdcStatus[] = ['FAILED_CREATION', 'NOT_READY', 'READY', 'UNKNOWN', 'UNRECOGNIZED'];
const VDC_STATUSES: ReadonlySet<string> = new Set(VDC_STATUS_BY_NUMBER);

/** A status name or number (as text) -> ResourceStatus; anything unknown is 'UNRECOGNIZED'. */
export function resourceStatus(value: string | undefined): ResourceStatus {
  if (value === undefined) {
    return 'UNKNOWN';
  }
  const upper = value.trim().toUpperCase();
  if (RESOURCE_STATUSES.has(upper)) {
    return upper as ResourceStatus;
  }
  if (/^-?\d+$/.test(upper)) {
    return RESOURCE_STATUS_BY_NUMBER[Number(upper) + 1] ?? 'UNRECOGNIZED';
  }
  return 'UNRECOGNIZED';
}

/** VDC status name or number -> VdcStatus. */
export function vdcStatus(value: string | undefined): VdcStatus | undefined {
  if (value === undefined) {
    return undefined;
  }
  const upper = value.trim().toUpperCase();
  if (VDC_STATUSES.has(upper)) {
    return upper as VdcStatus;
  }
  if (/^-?\d+$/.test(upper)) {
    return VDC_STATUS_BY_NUMBER[Number(upper) + 1] ?? 'UNRECOGNIZED';
  }
  return 'UNRECOGNIZED';
}

function num(e: XmlElement, name: string): number | undefined {
  const v = attr(e, name);
  if (v === undefined || v.trim() === '') {
    return undefined;
  }
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function bool(e: XmlElement, name: string): boolean | undefined {
  const v = attr(e, name)?.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/** Copies only defined values (so absent attributes do not appear as keys). */
function defined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) {
      delete record[key];
    }
  }
  return record;
}

function orgRecord(e: XmlElement): OrgRecord {
  return defined<OrgRecord>({
    kind: 'org',
    href: attr(e, 'href') ?? '',
    name: attr(e, 'name') ?? '',
    displayName: attr(e, 'displayName'),
    isEnabled: bool(e, 'isEnabled'),
    numberOfVdcs: num(e, 'numberOfVdcs'),
    numberOfVApps: num(e, 'numberOfVApps'),
  });
}

function vdcRecord(e: XmlElement): VdcRecord {
  return defined<VdcRecord>({
    kind: 'vdc',
    href: attr(e, 'href') ?? '',
    name: attr(e, 'name') ?? '',
    orgName: attr(e, 'orgName'),
    org: attr(e, 'org'),
    status: vdcStatus(attr(e, 'status')),
    isEnabled: bool(e, 'isEnabled'),
    allocationModel: attr(e, 'allocationModel'),
    numberOfVApps: num(e, 'numberOfVApps'),
    numberOfVMs: num(e, 'numberOfVMs'),
    numberOfRunningVMs: num(e, 'numberOfRunningVMs'),
    cpuUsedMhz: num(e, 'cpuUsedMhz'),
    memoryUsedMB: num(e, 'memoryUsedMB'),
    storageUsedMB: num(e, 'storageUsedMB'),
  });
}

function vappRecord(e: XmlElement): VAppRecord {
  return defined<VAppRecord>({
    kind: 'vapp',
    href: attr(e, 'href') ?? '',
    name: attr(e, 'name') ?? '',
    status: resourceStatus(attr(e, 'status')),
    vdc: attr(e, 'vdc'),
    vdcName: attr(e, 'vdcName'),
    org: attr(e, 'org'),
    ownerName: attr(e, 'ownerName'),
    numberOfVMs: num(e, 'numberOfVMs'),
    numberOfCpus: num(e, 'numberOfCpus'),
    memoryAllocationMB: num(e, 'memoryAllocationMB'),
    isBusy: bool(e, 'isBusy'),
    isDeployed: bool(e, 'isDeployed'),
    creationDate: attr(e, 'creationDate'),
  });
}

function vmRecord(e: XmlElement): VmRecord {
  return defined<VmRecord>({
    kind: 'vm',
    href: attr(e, 'href') ?? '',
    name: attr(e, 'name') ?? '',
    status: resourceStatus(attr(e, 'status')),
    container: attr(e, 'container'),
    containerName: attr(e, 'containerName'),
    vdc: attr(e, 'vdc'),
    vdcName: attr(e, 'vdcName'),
    org: attr(e, 'org'),
    orgName: attr(e, 'orgName'),
    ownerName: attr(e, 'ownerName'),
    guestOs: attr(e, 'guestOs'),
    numberOfCpus: num(e, 'numberOfCpus'),
    memoryMB: num(e, 'memoryMB'),
    ipAddress: attr(e, 'ipAddress'),
    networkName: attr(e, 'networkName'),
    hardwareVersion: num(e, 'hardwareVersion'),
    vmToolsStatus: attr(e, 'vmToolsStatus'),
    isBusy: bool(e, 'isBusy'),
    isDeployed: bool(e, 'isDeployed'),
    isVAppTemplate: bool(e, 'isVAppTemplate') ?? false,
  });
}

const BUILDERS: { [K in QueryType]: (e: XmlElement) => QueryRecordMap[K] } = {
  organization: orgRecord,
  orgVdc: vdcRecord,
  adminOrgVdc: vdcRecord,
  vApp: vappRecord,
  adminVApp: vappRecord,
  vm: vmRecord,
  adminVM: vmRecord,
};

/** One page of a query answer. */
export interface QueryPage<R> {
  records: R[];
  total: number;
  page: number;
  pageSize: number;
  /** href of Link rel="nextPage", if the server sent one. */
  nextPage?: string;
}

/** Parses a QueryResultRecords document of the given type. Throws XmlSyntaxError when it is not one. */
export function parseQueryPage<K extends QueryType>(type: K, xml: string): QueryPage<QueryRecordMap[K]> {
  const element = RECORD_ELEMENT[type];
  const { name, element: root } = rootElement(parseXml(xml, [element, 'Link'], { fullValidation: false }));
  if (name !== 'QueryResultRecords') {
    throw new XmlSyntaxError(`Expected QueryResultRecords, got ${name}.`);
  }
  const total = num(root, 'total');
  if (total === undefined) {
    throw new XmlSyntaxError('QueryResultRecords has no total.');
  }
  const build = BUILDERS[type];
  const next = childElements(root, 'Link').find((l) => attr(l, 'rel') === 'nextPage');
  const page: QueryPage<QueryRecordMap[K]> = {
    records: childElements(root, element).map((e) => build(e)),
    total,
    page: num(root, 'page') ?? 1,
    pageSize: num(root, 'pageSize') ?? 25,
  };
  const nextHref = next === undefined ? undefined : attr(next, 'href');
  if (nextHref !== undefined) {
    page.nextPage = nextHref;
  }
  return page;
}
