// The query service: URL building and the listing engine. The first page gives `total`; the remaining pages are
// fetched concurrently by a bounded pool and placed by page index, so the order is exactly the server's order.
import { VcdError } from './errors';
import { encodeQueryValue } from './filter';
import { QueryPage } from './records';
import { QueryOptions, QueryResult, QueryType } from './types';

export const MAX_PAGE_SIZE = 128;
export const DEFAULT_CONCURRENCY = 8;

export interface QueryUrlOptions {
  filter?: string;
  sortAsc?: string;
  sortDesc?: string;
  page: number;
  pageSize: number;
}

/** `/api/query?type=vm&format=records&page=2&pageSize=128&filter=...&sortAsc=name` */
export function queryPath(type: QueryType, options: QueryUrlOptions): string {
  const params = [`type=${encodeQueryValue(type)}`, 'format=records', `page=${options.page}`, `pageSize=${options.pageSize}`];
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
 * Lists every record: page `first` first, then the rest with at most `concurrency` requests in flight.
 * `fetchPage(page, signal)` does one request (with its own 401 handling). Never truncates: the number of pages comes
 * from the server's `total` and its effective `pageSize`. If `total` changes while listing, the records of every page
 * read are returned and `total` is the first page's.
 */
export async function listAll<R>(
  fetchPage: (page: number, pageSize: number, signal: AbortSignal) => Promise<QueryPage<R>>,
  options: QueryOptions,
  signal?: AbortSignal,
): Promise<QueryResult<R>> {
  const requestedSize = Math.min(MAX_PAGE_SIZE, Math.max(1, positiveInt(options.pageSize, MAX_PAGE_SIZE, 'pageSize') || 1));
  const concurrency = Math.max(1, positiveInt(options.concurrency, DEFAULT_CONCURRENCY, 'concurrency'));
  const offset = positiveInt(options.offset, 0, 'offset');
  const limit = options.limit === undefined ? undefined : positiveInt(options.limit, 0, 'limit');
  if (offset % requestedSize !== 0) {
    throw new VcdError('invalidInput', `offset (${offset}) must be a multiple of pageSize (${requestedSize}).`);
  }
  // One controller for the whole listing: the caller's abort or the first failure stops every page.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) {
    onAbort();
  } else {
    signal?.addEventListener('abort', onAbort, { once: true });
  }
  try {
    let requests = 1;
    const firstPageNumber = offset / requestedSize + 1;
    const first = await fetchPage(firstPageNumber, requestedSize, controller.signal);
    const total = first.total;
    // The server may clamp pageSize (VCD: 128; some installations less): count pages with what it used.
    const pageSize = first.pageSize > 0 && first.pageSize < requestedSize ? first.pageSize : requestedSize;
    const skipped = (firstPageNumber - 1) * requestedSize;
    const wanted = Math.max(0, total - skipped);
    const target = limit === undefined ? wanted : Math.min(wanted, limit);
    const pages: R[][] = [first.records];
    let loaded = first.records.length;
    options.onProgress?.(Math.min(loaded, target), target);

    // Pages after the first, as page numbers of size `pageSize` (which may differ from requestedSize).
    const firstCovered = skipped + first.records.length;
    const startPage = Math.floor(firstCovered / pageSize) + 1;
    const lastPage = Math.ceil((skipped + target) / pageSize);
    const remaining: number[] = [];
    if (first.records.length > 0 && loaded < target) {
      for (let p = startPage; p <= lastPage; p++) {
        remaining.push(p);
      }
    }
    const results: R[][] = new Array<R[]>(remaining.length);
    let next = 0;
    let failure: Error | undefined;
    const worker = async (): Promise<void> => {
      while (failure === undefined && !controller.signal.aborted && next < remaining.length) {
        const index = next++;
        requests++;
        try {
          const page = await fetchPage(remaining[index], pageSize, controller.signal);
          results[index] = page.records;
          loaded += page.records.length;
          options.onProgress?.(Math.min(loaded, target), target);
        } catch (err) {
          if (failure === undefined) {
            failure = err instanceof Error ? err : new Error(String(err));
            controller.abort(err);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, remaining.length) }, () => worker()));
    if (signal?.aborted) {
      throw new VcdError('cancelled', 'The listing was cancelled.', { cause: signal.reason });
    }
    if (failure !== undefined) {
      throw failure;
    }
    for (const records of results) {
      pages.push(records ?? []);
    }
    // Records before `skipped + 0` belong to the first page; when pageSize was clamped the first page covered
    // [skipped, skipped+first.length) and the later pages start at startPage, which may overlap it: drop duplicates.
    let all = pages.flat();
    const overlap = firstCovered - (startPage - 1) * pageSize;
    if (overlap > 0 && remaining.length > 0) {
      all = [...first.records, ...results.flat().slice(overlap)];
    }
    const complete = limit === undefined || all.length <= limit;
    const records = limit === undefined ? all : all.slice(0, limit);
    return { records, total, complete: complete && (limit === undefined || limit >= wanted), requests };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
