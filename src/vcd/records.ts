// Typed query records from the attributes of QueryResultRecords children (status names, numbers, booleans).
// Absent attributes stay undefined, unknown ones are ignored, unknown status names become 'UNRECOGNIZED'.
import {
  OrgRecord, QueryRecordMap, QueryType, ResourceStatus, TaskRecord, VAppRecord, VdcRecord, VdcStatus, VmRecord,
} from './types';
import { RESOURCE_STATUSES } from './status';
import { MAX_TASK_TEXT, taskStatus } from './tasks';
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
  task: 'TaskRecord',
  adminTask: 'AdminTaskRecord',
};

const RESOURCE_STATUS_NAMES: ReadonlySet<string> = new Set(RESOURCE_STATUSES);
const VDC_STATUS_BY_NUMBER: readonly VdcStatus[] = ['FAILED_CREATION', 'NOT_READY', 'READY', 'UNKNOWN', 'UNRECOGNIZED'];
const VDC_STATUSES: ReadonlySet<string> = new Set(VDC_STATUS_BY_NUMBER);

/** A status name or number (as text) -> ResourceStatus; anything unknown is 'UNRECOGNIZED'. */
export function resourceStatus(value: string | undefined): ResourceStatus {
  if (value === undefined) {
    return 'UNKNOWN';
  }
  const upper = value.trim().toUpperCase();
  if (RESOURCE_STATUS_NAMES.has(upper)) {
    return upper as ResourceStatus;
  }
  if (/^-?\d+$/.test(upper)) {
    return RESOURCE_STATUSES[Number(upper) + 1] ?? 'UNRECOGNIZED';
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
class XmlRecordAttributes implements RecordAttributes {
  constructor(private readonly element: XmlElement) {}
  text(name: string): string | undefined {
    return attr(this.element, name);
  }
  num(name: string): number | undefined {
    return parseNumber(attr(this.element, name));
  }
  bool(name: string): boolean | undefined {
    return parseBoolean(attr(this.element, name));
  }
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * Attributes of a JSON record: XSD attributes are own top-level keys, the others sit in `otherAttributes` (how VCD's
 * JSON maps non-schema attributes); `null` means absent; numbers and booleans may come typed or as text.
 * One instance reads every record of a page (`at`), so a 50,000-VM listing does not allocate per record.
 */
class JsonRecordAttributes implements RecordAttributes {
  private record: JsonObject = {};
  private other: JsonObject | undefined;

  at(record: JsonObject): this {
    this.record = record;
    const other = record.otherAttributes;
    this.other = other !== null && typeof other === 'object' && !Array.isArray(other) ? (other as JsonObject) : undefined;
    return this;
  }
  private raw(name: string): unknown {
    const v = hasOwn(this.record, name) ? this.record[name] : undefined;
    if (v !== undefined && v !== null) {
      return v;
    }
    return this.other !== undefined && hasOwn(this.other, name) ? this.other[name] : undefined;
  }
  text(name: string): string | undefined {
    const v = this.raw(name);
    return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  }
  num(name: string): number | undefined {
    const v = this.raw(name);
    return typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : typeof v === 'string' ? parseNumber(v) : undefined;
  }
  bool(name: string): boolean | undefined {
    const v = this.raw(name);
    return typeof v === 'boolean' ? v : typeof v === 'string' ? parseBoolean(v) : undefined;
  }
}

function num(e: XmlElement, name: string): number | undefined {
  return parseNumber(attr(e, name));
}

/** Sets optional keys only when the value is present, so absent attributes leave no key. */
function withOptional<T extends object>(record: T, optional: { [K in keyof T]?: T[K] | undefined }): T {
  const target = record as Record<string, unknown>;
  for (const key in optional) {
    const value = optional[key];
    if (value !== undefined) {
      target[key] = value;
    }
  }
  return record;
}

function orgRecord(a: RecordAttributes): OrgRecord {
  return withOptional<OrgRecord>({ kind: 'org', href: a.text('href') ?? '', name: a.text('name') ?? '' }, {
    id: a.text('id'),
    displayName: a.text('displayName'),
    isEnabled: a.bool('isEnabled'),
    numberOfVdcs: a.num('numberOfVdcs'),
    numberOfVApps: a.num('numberOfVApps'),
  });
}

function vdcRecord(a: RecordAttributes): VdcRecord {
  return withOptional<VdcRecord>({ kind: 'vdc', href: a.text('href') ?? '', name: a.text('name') ?? '' }, {
    id: a.text('id'),
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
  return withOptional<VAppRecord>({ kind: 'vapp', href: a.text('href') ?? '', name: a.text('name') ?? '', status: resourceStatus(a.text('status')) }, {
    id: a.text('id'),
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
    task: a.text('task'),
    taskStatus: a.text('taskStatus'),
    taskStatusName: a.text('taskStatusName'),
  });
}

function vmRecord(a: RecordAttributes): VmRecord {
  return withOptional<VmRecord>(
    {
      kind: 'vm',
      href: a.text('href') ?? '',
      name: a.text('name') ?? '',
      status: resourceStatus(a.text('status')),
      isVAppTemplate: a.bool('isVAppTemplate') ?? false,
    },
    {
      id: a.text('id'),
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
      task: a.text('task'),
      taskStatus: a.text('taskStatus'),
      taskStatusName: a.text('taskStatusName'),
    },
  );
}

/** A text the server sent, cut to what a task view shows. */
function capped(value: string | undefined): string | undefined {
  return value === undefined || value.length <= MAX_TASK_TEXT ? value : `${value.slice(0, MAX_TASK_TEXT - 1)}…`;
}

function taskRecord(a: RecordAttributes): TaskRecord {
  const progress = a.num('progress');
  return withOptional<TaskRecord>({ kind: 'task', href: a.text('href') ?? '', name: capped(a.text('name')) ?? '', status: taskStatus(a.text('status')) }, {
    operationFull: capped(a.text('operationFull')),
    progress: progress === undefined ? undefined : Math.min(100, Math.max(0, Math.round(progress))),
    startDate: capped(a.text('startDate')),
    endDate: capped(a.text('endDate')),
    ownerName: capped(a.text('ownerName')),
    object: a.text('object'),
    objectType: capped(a.text('objectType')),
    objectName: capped(a.text('objectName')),
    orgName: capped(a.text('orgName')),
    message: capped(a.text('message')),
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
  task: taskRecord,
  adminTask: taskRecord,
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
    records: childElements(root, element).map((e) => build(new XmlRecordAttributes(e))),
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
  const attributes = new JsonRecordAttributes();
  for (const item of arr(root, 'record')) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      records.push(build(attributes.at(item as JsonObject)));
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
