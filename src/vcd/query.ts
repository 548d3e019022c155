// The query service: URL building and the listing engine. The first page gives `total` and the page size; the
// remaining pages are fetched concurrently by a bounded pool and placed by page index, so the order is exactly the
// server's order. Every number in a page is untrusted: the pages requested are bounded by what was asked for.
import { VcdError } from './errors';
import { encodeQueryValue } from './filter';
import { QueryPage } from './records';
import { QueryOptions, QueryResult, QueryType } from './types';

export const MAX_PAGE_SIZE = 128;
export const DEFAULT_CONCURRENCY = 8;

const BUSY = 'isBusy,task,taskStatus,taskStatusName';
// isVAppTemplate: a VM record says whether it belongs to a vApp template (listings of vApps ask for the others only).
const VM_FIELDS = `name,status,${BUSY},isVAppTemplate,guestOs,numberOfCpus,memoryMB,networkName,ipAddress`;
const VAPP_FIELDS = `name,status,${BUSY},ownerName,numberOfVMs,numberOfCpus,memoryAllocationMB`;
const VAPP_SEARCH = `${VAPP_FIELDS},vdc,vdcName`;
const VDC_FIELDS = 'name,status,isEnabled,orgName,allocationModel,numberOfVApps,numberOfVMs,numberOfRunningVMs';
const TASK_FIELDS = 'name,status,operationFull,progress,startDate,endDate,ownerName,orgName,object,objectName,objectType';

/**
 * The attributes a listing asks for (`fields=`, comma-separated): what the Sites view's labels, icons, menus and
 * tooltips, the power actions, the Tasks view and Find VM's organization names read of a record, and nothing else
 * (vcd-api.md §4.1: without `fields`, VCD sends every static attribute). VCD sends `href` whatever is asked
 * (go-vcloud-director reads it from its queries with fields without asking for it). A listed vApp or VM sits under the
 * nodes of its VDC and vApp, which give their names and hrefs: where it is, is asked for by searches only
 * (SEARCH_FIELDS). Each list names only attributes the query type's records have (an admin VM record has no
 * `vmToolsStatus`, an admin task no `message`): VCD refuses a field it does not know. The raw document of a resource
 * is a GET of its own, always complete.
 */
export const QUERY_FIELDS: { readonly [K in QueryType]: string } = {
  organization: 'name,displayName,isEnabled,numberOfVdcs,numberOfVApps',
  orgVdc: VDC_FIELDS,
  adminOrgVdc: VDC_FIELDS,
  vApp: VAPP_FIELDS,
  adminVApp: VAPP_FIELDS,
  // vmToolsStatus: whether Shut Down and Reboot can work (the guest's tools run); an admin VM record has none.
  vm: `${VM_FIELDS},vmToolsStatus`,
  adminVM: VM_FIELDS,
  task: `${TASK_FIELDS},message`,
  adminTask: TASK_FIELDS,
};

/**
 * What a search result (queryFirstPage: Find VM) asks for besides: where the record is, which Find VM shows and
 * follows to reveal it in the Sites view (`org`: a System site's VM names its organization by href).
 */
export const SEARCH_FIELDS: { readonly [K in QueryType]: string } = {
  ...QUERY_FIELDS,
  vApp: VAPP_SEARCH,
  adminVApp: VAPP_SEARCH,
  vm: `${QUERY_FIELDS.vm},container,containerName,vdc,vdcName`,
  adminVM: `${VM_FIELDS},container,containerName,vdc,vdcName,org`,
};

export interface QueryUrlOptions {
  filter?: string;
  sortAsc?: string;
  sortDesc?: string;
  page: number;
  pageSize: number;
  /**
   * The attributes asked for: those of a listing (QUERY_FIELDS, the default), of a search (SEARCH_FIELDS), or every
   * one (no `fields`: for a server that refuses the fields asked for).
   */
  fields?: 'listing' | 'search' | 'all';
}

/** `/api/query?type=vm&format=records&page=2&pageSize=128&fields=name,status,...&filter=...&sortAsc=name` */
export function queryPath(type: QueryType, options: QueryUrlOptions): string {
  const params = [`type=${encodeQueryValue(type)}`, 'format=records', `page=${options.page}`, `pageSize=${options.pageSize}`];
  if (options.fields !== 'all') {
    params.push(`fields=${(options.fields === 'search' ? SEARCH_FIELDS : QUERY_FIELDS)[type]}`);
  }
  if (options.filter !== undefined && options.filter !== '') {
    params.push(`filter=${encodeQueryValue(options.filter)}`);
  }
  if (options.sortAsc !== undefined && options.sortAsc !== '') {
    params.push(`sortAsc=${encodeQueryValue(options.sortAsc)}`);
  }
  if (options.sortDesc !== undefined && options.sortDesc !== '') {
    params.push(`sortDesc=${encodeQueryValue(options.sortDesc)}`);
  }
  return `/api/query?${params.join('&')}`;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new VcdError('invalidInput', `${name} must be a whole number, not ${value}.`);
  }
  return value;
}

/**
 * Most pages one listing requests (one attempt): 1,280,000 records at 128 per page. A server that reports more
 * (a huge `total`, a tiny page size) gets a 'tooLarge' error instead of an endless listing.
 */
export const MAX_PAGES = 10_000;

/** What listAll needs besides the options: names for messages, and the identity of a record. */
export interface ListingContext<R> {
  /** `host[:port]`, for messages. */
  host?: string;
  /** What is listed, for messages (default "records"). */
  noun?: string;
  /** The identity of a record (its href): a record seen twice is dropped, and means the list changed. */
  keyOf?: (record: R) => string;
}

/** A page envelope value the server sent, checked: a whole number (pageSize at least 1, total at least 0). */
function checkEnvelope(value: number, name: 'pageSize' | 'total', context: { host?: string }): number {
  const least = name === 'pageSize' ? 1 : 0;
  if (!Number.isSafeInteger(value) || value < least) {
    const who = context.host ?? 'The server';
    const what = name === 'pageSize' ? 'a page size' : 'a total';
    throw new VcdError(
      'malformedResponse',
      `${who} sent a list page with ${what} of ${String(value)}; it must be a whole number of at least ${least}. The answer cannot be trusted, so the list was not read.`,
    );
  }
  return value;
}

interface AttemptResult<R> {
  records: R[];
  total: number;
  /** The page size this attempt ended up asking for (the server's, when it clamps). */
  pageSize: number;
  /** The server's list changed while it was read (total, page size or records did not add up). */
  changed: boolean;
  requests: number;
}

interface AttemptOptions<R> {
  size: number;
  start: number;
  limit: number | undefined;
  concurrency: number;
  /** The last attempt reads every page it planned even when the list changed; an earlier one stops at once. */
  last: boolean;
  onProgress?: (loaded: number, total: number) => void;
  context: ListingContext<R>;
}

/**
 * One pass over the list: the page holding record `start` first (asking `size`), then the rest of
 * [start, min(total, start + limit)) with at most `concurrency` requests in flight, every request asking for the page
 * size the server said it uses (never more than `size`). Page p holds records [(p-1)·s, p·s) for that size s.
 */
async function readAttempt<R>(
  fetchPage: (page: number, pageSize: number, signal: AbortSignal) => Promise<QueryPage<R>>,
  options: AttemptOptions<R>,
  parent: AbortSignal,
): Promise<AttemptResult<R>> {
  const { start, limit, context } = options;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) {
    onAbort();
  } else {
    parent.addEventListener('abort', onAbort, { once: true });
  }
  try {
    const firstPageNumber = Math.floor(start / options.size) + 1;
    const first = await fetchPage(firstPageNumber, options.size, controller.signal);
    let requests = 1;
    const reported = checkEnvelope(first.pageSize, 'pageSize', context);
    const total = checkEnvelope(first.total, 'total', context);
    // The server may use smaller pages than asked (VCD: at most 128; some installations less): ask for exactly its
    // size from now on, so that page numbers mean the same records to both sides. Never more than was asked.
    const size = Math.min(options.size, reported);
    const end = limit === undefined ? total : Math.min(total, start + limit);
    const target = Math.max(0, end - start);
    const firstNeeded = Math.floor(start / size) + 1;
    const lastNeeded = Math.max(firstNeeded, Math.ceil(end / size));
    const planned = end > start ? lastNeeded - firstNeeded + 1 : 1;
    if (planned > MAX_PAGES) {
      throw new VcdError(
        'tooLarge',
        `${context.host ?? 'The server'} reports ${total.toLocaleString('en')} ${context.noun ?? 'records'} in pages of ${size}: reading them would take ${planned.toLocaleString('en')} requests, more than the ${MAX_PAGES.toLocaleString('en')} this extension makes for one list.`,
      );
    }

    const pages = new Map<number, R[]>();
    let changed = false;
    /** A record came twice (then the records are deduplicated at the end; not otherwise, it costs a look-up each). */
    let repeated = false;
    /**
     * Pages after this one are not requested: the data ended there (a short or empty page), or the server repeats
     * itself (a page of records already seen).
     */
    let stopAfter = Number.POSITIVE_INFINITY;
    const seen = context.keyOf === undefined ? undefined : new Set<string>();
    let loaded = 0;
    const accept = (pageNumber: number, page: QueryPage<R>, askedSize: number): void => {
      const pageStart = (pageNumber - 1) * size;
      const expected = Math.max(0, Math.min(size, total - pageStart));
      // Never more records than the page size asked for.
      const records = page.records.length > askedSize ? page.records.slice(0, askedSize) : page.records;
      if (records.length !== expected) {
        changed = true;
      }
      if (records.length < expected) {
        stopAfter = Math.min(stopAfter, pageNumber);
      }
      if (seen !== undefined && context.keyOf !== undefined) {
        // One look-up per record (a 50,000-record listing makes this set large): it grew if the record is new.
        const before = seen.size;
        for (const record of records) seen.add(context.keyOf(record));
        const fresh = seen.size - before;
        if (fresh < records.length) {
          changed = true; // a record moved to another page while the list was read
          repeated = true;
        }
        if (fresh === 0 && records.length > 0) {
          stopAfter = Math.min(stopAfter, pageNumber);
        }
      }
      const from = Math.max(0, start - pageStart);
      const to = Math.max(from, Math.min(records.length, end - pageStart));
      const kept = from === 0 && to === records.length ? records : records.slice(from, to);
      pages.set(pageNumber, kept);
      loaded += kept.length;
      options.onProgress?.(Math.min(loaded, target), target);
    };
    if (firstPageNumber >= firstNeeded && firstPageNumber <= lastNeeded) {
      accept(firstPageNumber, first, size);
    }
    const remaining: number[] = [];
    if (end > start && !(changed && !options.last)) {
      for (let p = firstNeeded; p <= lastNeeded; p++) {
        if (!pages.has(p)) {
          remaining.push(p);
        }
      }
    }

    let next = 0;
    let failure: Error | undefined;
    const stopEarly = (): boolean => changed && !options.last;
    const worker = async (): Promise<void> => {
      while (failure === undefined && !controller.signal.aborted && next < remaining.length) {
        const pageNumber = remaining[next++];
        if (pageNumber > stopAfter) {
          continue;
        }
        requests++;
        try {
          const page = await fetchPage(pageNumber, size, controller.signal);
          const pageSize = checkEnvelope(page.pageSize, 'pageSize', context);
          if (checkEnvelope(page.total, 'total', context) !== total || pageSize !== size) {
            changed = true;
          }
          accept(pageNumber, page, size);
          if (stopEarly()) {
            controller.abort(new VcdError('cancelled', 'The list changed while it was read: reading it again.'));
          }
        } catch (err) {
          if (stopEarly() && !parent.aborted) {
            continue; // the pages still in flight when the change was seen: not needed any more
          }
          if (failure === undefined) {
            failure = err instanceof Error ? err : new Error(String(err));
            controller.abort(err);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, remaining.length) }, () => worker()));
    if (parent.aborted) {
      throw new VcdError('cancelled', 'The listing was cancelled.', { cause: parent.reason });
    }
    if (failure !== undefined) {
      throw failure;
    }
    // In page order, each record once (a record that moved to a later page while the list was read shows once).
    const records: R[] = [];
    const taken = context.keyOf === undefined || !repeated ? undefined : new Set<string>();
    for (const pageNumber of [...pages.keys()].sort((a, b) => a - b)) {
      for (const record of pages.get(pageNumber) ?? []) {
        if (taken !== undefined && context.keyOf !== undefined) {
          const key = context.keyOf(record);
          if (taken.has(key)) {
            continue;
          }
          taken.add(key);
        }
        records.push(record);
      }
    }
    return { records, total, pageSize: size, changed, requests };
  } finally {
    parent.removeEventListener('abort', onAbort);
  }
}

/**
 * Lists every record of [offset, offset + limit): the page holding `offset` first, then the rest with at most
 * `concurrency` requests in flight, placed by page index, so the order is exactly the server's.
 *
 * Every answer is untrusted. A page size below 1 or not whole, or a total below 0 or not whole, is an error
 * (malformedResponse). The pages planned are never more than ceil(total / page size) for the page size asked for,
 * and never more than MAX_PAGES (tooLarge). If the server uses smaller pages than asked, the following requests ask
 * for its size. A page never gives more records than were asked for.
 *
 * If the list changes while it is read (another client creates or deletes VMs: the total, the page size or the
 * records on a page do not add up, or a record shows up twice), it is read once more from the start; if it changes
 * again, the records read are returned (each once) with `partial: true` and `complete: false`.
 */
export async function listAll<R>(
  fetchPage: (page: number, pageSize: number, signal: AbortSignal) => Promise<QueryPage<R>>,
  options: QueryOptions,
  signal?: AbortSignal,
  context: ListingContext<R> = {},
): Promise<QueryResult<R>> {
  const requestedSize = Math.min(MAX_PAGE_SIZE, Math.max(1, positiveInt(options.pageSize, MAX_PAGE_SIZE, 'pageSize') || 1));
  const concurrency = Math.max(1, positiveInt(options.concurrency, DEFAULT_CONCURRENCY, 'concurrency'));
  const offset = positiveInt(options.offset, 0, 'offset');
  const limit = options.limit === undefined ? undefined : positiveInt(options.limit, 0, 'limit');
  if (offset % requestedSize !== 0) {
    throw new VcdError('invalidInput', `offset (${offset}) must be a multiple of pageSize (${requestedSize}).`);
  }
  const parent = signal ?? new AbortController().signal;
  let size = requestedSize;
  let requests = 0;
  for (let attempt = 0; ; attempt++) {
    const last = attempt === 1;
    const result = await readAttempt(fetchPage, { size, start: offset, limit, concurrency, last, onProgress: options.onProgress, context }, parent);
    requests += result.requests;
    if (!result.changed || last) {
      const end = limit === undefined ? result.total : Math.min(result.total, offset + limit);
      const partial = result.changed;
      return { records: result.records, total: result.total, complete: !partial && end >= result.total, partial, requests };
    }
    size = result.pageSize;
  }
}
