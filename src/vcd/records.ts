// Typed query records from the attributes of QueryResultRecords children (status names, numbers, booleans).
// Absent attributes stay undefined, unknown ones are ignored, unknown status names become 'UNRECOGNIZED'.
import {
  OrgRecord, QueryRecordMap, QueryType, ResourceStatus, VAppRecord, VdcRecord, VdcStatus, VmRecord,
} from './types';
import { JsonObject, arr, numberField, parseJsonObject, str } from './json';
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

/** Reads the attributes of one record, whichever format it came in. */
interface RecordAttributes {
  text(name: string): string | undefined;
  num(name: string): number | undefined;
  bool(name: string): boolean | undefined;
}

function parseNumber(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') {
    return undefined;
  }
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function parseBoolean(v: string | undefined): boolean | undefined {
  const t = v?.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}

/** Attributes of an XML record element (all text). */
function xmlAttributes(e: XmlElement): RecordAttributes {
  return {
    text: (name) => attr(e, name),
    num: (name) => parseNumber(attr(e, name)),
    bool: (name) => parseBoolean(attr(e, name)),
  };
}

/**
 * Attributes of a JSON record: XSD attributes are own top-level keys, the others sit in `otherAttributes` (how VCD's
 * JSON maps non-schema attributes); `null` means absent; numbers and booleans may come typed or as text.
 */
function jsonAttributes(record: JsonObject): RecordAttributes {
  const otherValue = record.otherAttributes;
  const other = otherValue !== null && typeof otherValue === 'object' && !Array.isArray(otherValue) ? (otherValue as JsonObject) : undefined;
  const own = (o: JsonObject | undefined, name: string): unknown => (o !== undefined && Object.prototype.hasOwnProperty.call(o, name) ? o[name] : undefined);
  const raw = (name: string): unknown => {
    const v = own(record, name);
    return v === undefined || v === null ? own(other, name) : v;
  };
  return {
    text: (name) => {
      const v = raw(name);
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    },
    num: (name) => {
      const v = raw(name);
      return typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : typeof v === 'string' ? parseNumber(v) : undefined;
    },
    bool: (name) => {
      const v = raw(name);
      return typeof v === 'boolean' ? v : typeof v === 'string' ? parseBoolean(v) : undefined;
    },
  };
}

function num(e: XmlElement, name: string): number | undefined {
  return parseNumber(attr(e, name));
}

/** The record without keys for absent values (built anew: deleting keys would slow every later access). */
function defined<T extends object>(record: T): T {
  const out: Partial<T> = {};
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] !== undefined) {
      out[key] = record[key];
    }
  }
  return out as T;
}

function orgRecord(a: RecordAttributes): OrgRecord {
  return defined<OrgRecord>({
    kind: 'org',
    href: a.text('href') ?? '',
    name: a.text('name') ?? '',
    displayName: a.text('displayName'),
    isEnabled: a.bool('isEnabled'),
    numberOfVdcs: a.num('numberOfVdcs'),
    numberOfVApps: a.num('numberOfVApps'),
  });
}

function vdcRecord(a: RecordAttributes): VdcRecord {
  return defined<VdcRecord>({
    kind: 'vdc',
    href: a.text('href') ?? '',
    name: a.text('name') ?? '',
    orgName: a.text('orgName'),
    org: a.text('org'),
    status: vdcStatus(a.text('status')),
    isEnabled: a.bool('isEnabled'),
    allocationModel: a.text('allocationModel'),
    numberOfVApps: a.num('numberOfVApps'),
    numberOfVMs: a.num('numberOfVMs'),
    numberOfRunningVMs: a.num('numberOfRunningVMs'),
    cpuUsedMhz: a.num('cpuUsedMhz'),
    memoryUsedMB: a.num('memoryUsedMB'),
    storageUsedMB: a.num('storageUsedMB'),
  });
}

function vappRecord(a: RecordAttributes): VAppRecord {
  return defined<VAppRecord>({
    kind: 'vapp',
    href: a.text('href') ?? '',
    name: a.text('name') ?? '',
    status: resourceStatus(a.text('status')),
    vdc: a.text('vdc'),
    vdcName: a.text('vdcName'),
    org: a.text('org'),
    ownerName: a.text('ownerName'),
    numberOfVMs: a.num('numberOfVMs'),
    numberOfCpus: a.num('numberOfCpus'),
    memoryAllocationMB: a.num('memoryAllocationMB'),
    isBusy: a.bool('isBusy'),
    isDeployed: a.bool('isDeployed'),
    creationDate: a.text('creationDate'),
  });
}

function vmRecord(a: RecordAttributes): VmRecord {
  return defined<VmRecord>({
    kind: 'vm',
    href: a.text('href') ?? '',
    name: a.text('name') ?? '',
    status: resourceStatus(a.text('status')),
    container: a.text('container'),
    containerName: a.text('containerName'),
    vdc: a.text('vdc'),
    vdcName: a.text('vdcName'),
    org: a.text('org'),
    orgName: a.text('orgName'),
    ownerName: a.text('ownerName'),
    guestOs: a.text('guestOs'),
    numberOfCpus: a.num('numberOfCpus'),
    memoryMB: a.num('memoryMB'),
    ipAddress: a.text('ipAddress'),
    networkName: a.text('networkName'),
    hardwareVersion: a.num('hardwareVersion'),
    vmToolsStatus: a.text('vmToolsStatus'),
    isBusy: a.bool('isBusy'),
    isDeployed: a.bool('isDeployed'),
    isVAppTemplate: a.bool('isVAppTemplate') ?? false,
  });
}

const BUILDERS: { [K in QueryType]: (a: RecordAttributes) => QueryRecordMap[K] } = {
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
    records: childElements(root, element).map((e) => build(xmlAttributes(e))),
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

/** Parses the JSON form of a query answer (`application/vnd.vmware.vcloud.query.records+json`). */
export function parseQueryPageJson<K extends QueryType>(type: K, text: string): QueryPage<QueryRecordMap[K]> {
  const root = parseJsonObject(text);
  const total = numberField(root, 'total');
  if (total === undefined) {
    throw new XmlSyntaxError('The query answer has no total.');
  }
  const build = BUILDERS[type];
  const records: QueryRecordMap[K][] = [];
  for (const item of arr(root, 'record')) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      records.push(build(jsonAttributes(item as JsonObject)));
    }
  }
  const page: QueryPage<QueryRecordMap[K]> = {
    records,
    total,
    page: numberField(root, 'page') ?? 1,
    pageSize: numberField(root, 'pageSize') ?? 25,
  };
  const next = arr(root, 'link').find(
    (l): l is JsonObject => l !== null && typeof l === 'object' && !Array.isArray(l) && str(l as JsonObject, 'rel') === 'nextPage',
  );
  const nextHref = str(next, 'href');
  if (nextHref !== undefined) {
    page.nextPage = nextHref;
  }
  return page;
}

/** Parses a query answer in whichever format the server chose (by Content-Type, else by the first character). */
export function parseQueryAnswer<K extends QueryType>(type: K, body: string, contentType: string | undefined): QueryPage<QueryRecordMap[K]> {
  const json = contentType !== undefined && /[/+]json\b/i.test(contentType) ? true : contentType !== undefined && /[/+]xml\b/i.test(contentType) ? false : body.trimStart().startsWith('{');
  return json ? parseQueryPageJson(type, body) : parseQueryPage(type, body);
}
