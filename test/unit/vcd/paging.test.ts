// The listing engine with a scripted server: order by page index, bounded concurrency, limits, first failure stops
// the rest, cancellation; and every number the server sends is untrusted: page sizes, totals, records per page,
// and lists that change while they are read.
import * as assert from 'node:assert/strict';
import { MAX_PAGES, listAll } from '../../../src/vcd/query';
import { QueryPage } from '../../../src/vcd';
import { VcdError } from '../../../src/vcd';

interface ServerOptions {
  maxPageSize?: number;
  totalAfterFirst?: number;
  failPage?: number;
  /** What the envelope says, whatever the records are. */
  reportedPageSize?: (asked: number) => number;
  reportedTotal?: (actual: number) => number;
  /** Records added to every page beyond the page size asked for. */
  overfill?: number;
  /** Called before a page is answered (e.g. to change the list). */
  beforeAnswer?: (page: number, call: number) => void;
}

function server(total: number, opts: ServerOptions = {}) {
  let inFlight = 0;
  const items = Array.from({ length: total }, (_, i) => i);
  const stats = { maxInFlight: 0, calls: [] as number[], sizes: [] as number[] };
  const fetchPage = async (page: number, pageSize: number, signal: AbortSignal): Promise<QueryPage<number>> => {
    stats.calls.push(page);
    stats.sizes.push(pageSize);
    const call = stats.calls.length;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      // Later pages answer sooner than earlier ones, so completion order differs from page order.
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(new VcdError('cancelled', 'cancelled'));
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, Math.max(0, 12 - page));
        signal.addEventListener('abort', onAbort, { once: true });
      });
      if (page === opts.failPage) {
        throw new VcdError('serverError', 'boom');
      }
      opts.beforeAnswer?.(page, call);
      const size = Math.min(pageSize, opts.maxPageSize ?? 128);
      const t = page === 1 || opts.totalAfterFirst === undefined ? items.length : opts.totalAfterFirst;
      const start = (page - 1) * size;
      const records = items.slice(start, Math.min(start + size + (opts.overfill ?? 0), t));
      return { records, total: opts.reportedTotal?.(t) ?? t, page, pageSize: opts.reportedPageSize?.(pageSize) ?? size };
    } finally {
      inFlight--;
    }
  };
  return { fetchPage, stats, items };
}

const key = (n: number): string => String(n);
const malformed = (pattern: RegExp) => (e: unknown) => e instanceof VcdError && e.kind === 'malformedResponse' && pattern.test(e.message);

describe('listing engine', () => {
  for (const total of [0, 1, 25, 128, 129, 1000]) {
    it(`returns all ${total} records in order`, async () => {
      const s = server(total);
      const result = await listAll(s.fetchPage, { pageSize: 25, concurrency: 4 });
      assert.deepEqual(result.records, Array.from({ length: total }, (_, i) => i));
      assert.equal(result.total, total);
      assert.equal(result.complete, true);
      assert.equal(result.partial, false);
      assert.equal(result.requests, Math.max(1, Math.ceil(total / 25)));
      assert.ok(s.stats.maxInFlight <= 4);
    });
  }

  it('keeps at most `concurrency` pages in flight and reports progress', async () => {
    const s = server(128 * 20);
    const progress: number[] = [];
    const result = await listAll(s.fetchPage, { concurrency: 3, onProgress: (loaded) => progress.push(loaded) });
    assert.equal(result.records.length, 2560);
    assert.equal(s.stats.maxInFlight, 3);
    assert.equal(progress[progress.length - 1], 2560);
    assert.deepEqual([...progress].sort((a, b) => a - b), progress);
  });

  it('counts pages with the page size the server used when it clamps, and asks for that size from then on', async () => {
    const s = server(250, { maxPageSize: 100 });
    const result = await listAll(s.fetchPage, { pageSize: 128 });
    assert.deepEqual(result.records, Array.from({ length: 250 }, (_, i) => i));
    assert.deepEqual(s.stats.sizes, [128, 100, 100]);
    assert.equal(result.requests, 3);
  });

  it('honours offset and limit', async () => {
    const s = server(300);
    const result = await listAll(s.fetchPage, { pageSize: 50, offset: 100, limit: 120 });
    assert.deepEqual(result.records, Array.from({ length: 120 }, (_, i) => 100 + i));
    assert.equal(result.complete, false);
    assert.equal(result.partial, false);
    assert.equal(result.total, 300);
    await assert.rejects(listAll(s.fetchPage, { pageSize: 50, offset: 10 }), (e: unknown) => e instanceof VcdError && e.kind === 'invalidInput');
  });

  it('an offset with a server that clamps: records before the offset are not returned, none after it is skipped', async () => {
    const s = server(300, { maxPageSize: 30 });
    const result = await listAll(s.fetchPage, { pageSize: 50, offset: 100, limit: 120 });
    assert.deepEqual(result.records, Array.from({ length: 120 }, (_, i) => 100 + i));
    assert.ok(s.stats.sizes.slice(1).every((size) => size === 30), `sizes asked: ${s.stats.sizes.join(',')}`);
  });

  it('stops on the first failure and surfaces it', async () => {
    const s = server(128 * 30, { failPage: 3 });
    await assert.rejects(listAll(s.fetchPage, { concurrency: 2 }), (e: unknown) => e instanceof VcdError && e.kind === 'serverError');
    assert.ok(s.stats.calls.length < 30);
  });

  it('cancels: no new page is requested after the abort', async () => {
    const s = server(128 * 50);
    const controller = new AbortController();
    const listing = listAll(s.fetchPage, { concurrency: 2, onProgress: (loaded) => loaded >= 128 * 4 && controller.abort() }, controller.signal);
    await assert.rejects(listing, (e: unknown) => e instanceof VcdError && e.kind === 'cancelled');
    const calls = s.stats.calls.length;
    assert.ok(calls < 50);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(s.stats.calls.length, calls);
  });

  describe('untrusted page sizes and totals', () => {
    for (const reported of [0, 0.001, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`a reported page size of ${reported} is an error after one request`, async () => {
        const s = server(1000, { reportedPageSize: () => reported });
        await assert.rejects(listAll(s.fetchPage, {}, undefined, { host: 'vcd.example.com' }), malformed(/^vcd\.example\.com sent a list page with a page size of .*; it must be a whole number of at least 1\./));
        assert.equal(s.stats.calls.length, 1);
      });
    }

    for (const reported of [-1, 2.5, Number.NaN, 2 ** 60]) {
      it(`a reported total of ${reported} is an error after one request`, async () => {
        const s = server(1000, { reportedTotal: () => reported });
        await assert.rejects(listAll(s.fetchPage, {}), malformed(/a total of .*; it must be a whole number of at least 0\./));
        assert.equal(s.stats.calls.length, 1);
      });
    }

    it('a tiny page size is asked for explicitly: no record is skipped, and no more pages than ceil(total / size)', async () => {
      // The server says it uses pages of 3 (and sends 128 records on the first one anyway).
      const s = server(100, { maxPageSize: 3, reportedPageSize: () => 3 });
      const first = s.fetchPage;
      const result = await listAll(async (page, size, signal) => (page === 1 && size === 128 ? { ...(await first(page, size, signal)), records: s.items.slice(0, 128) } : first(page, size, signal)), {}, undefined, { keyOf: key });
      assert.deepEqual(result.records, s.items);
      assert.equal(result.requests, Math.ceil(100 / 3));
      assert.ok(s.stats.sizes.slice(1).every((size) => size === 3));
      assert.equal(result.partial, false);
    });

    it('a total that needs more than MAX_PAGES pages -> tooLarge after one request', async () => {
      const s = server(1000, { reportedTotal: () => 128 * MAX_PAGES + 1 });
      await assert.rejects(
        listAll(s.fetchPage, {}, undefined, { host: 'vcd.example.com', noun: 'VMs' }),
        (e: unknown) =>
          e instanceof VcdError &&
          e.kind === 'tooLarge' &&
          e.message === 'vcd.example.com reports 1,280,001 VMs in pages of 128: reading them would take 10,001 requests, more than the 10,000 this extension makes for one list.',
      );
      assert.equal(s.stats.calls.length, 1);
    });

    it('never keeps more records from a page than the page size asked for', async () => {
      const s = server(300, { overfill: 40 });
      const result = await listAll(s.fetchPage, { pageSize: 50 }, undefined, { keyOf: key });
      assert.deepEqual(result.records, s.items);
      assert.equal(result.partial, false);
    });

    it('a total larger than the records stops at the end of the data, and reports the list as partial', async () => {
      const s = server(300, { reportedTotal: () => 128 * 5000 });
      const result = await listAll(s.fetchPage, { concurrency: 4 }, undefined, { keyOf: key });
      assert.deepEqual(result.records, s.items);
      assert.equal(result.partial, true);
      assert.equal(result.complete, false);
      assert.ok(result.requests <= 2 * (3 + 4), `${result.requests} requests for 3 pages of data`);
    });
  });

  describe('a list that changes while it is read', () => {
    it('the total changes once: the list is read again, and the second reading is complete', async () => {
      let changed = false;
      const s = server(500, {
        beforeAnswer: (page, call) => {
          if (page === 2 && !changed && call > 1) {
            changed = true;
            s.items.splice(0, 30); // another client deletes 30 records that sort first
          }
        },
      });
      const result = await listAll(s.fetchPage, { pageSize: 100, concurrency: 2 }, undefined, { keyOf: key });
      assert.deepEqual(result.records, s.items);
      assert.equal(result.total, 470);
      assert.equal(result.partial, false);
      assert.equal(result.complete, true);
      assert.ok(s.stats.calls.filter((p) => p === 1).length === 2, 'read from the start once more');
    });

    it('changes on every reading: the records read are returned once each, marked partial; two readings only', async () => {
      let next = 10_000;
      const s = server(500, {
        beforeAnswer: (page) => {
          if (page === 2) s.items.unshift(next++, next++); // records created in front: later pages repeat some
        },
      });
      const result = await listAll(s.fetchPage, { pageSize: 100, concurrency: 1 }, undefined, { keyOf: key });
      assert.equal(result.partial, true);
      assert.equal(result.complete, false);
      assert.equal(new Set(result.records).size, result.records.length, 'no record twice');
      assert.equal(s.stats.calls.filter((p) => p === 1).length, 2, 'read twice, not more');
    });

    it('the total shrinks mid-listing on every reading: what was read, marked partial, with the first total', async () => {
      const s = server(500, { totalAfterFirst: 300 });
      const result = await listAll(s.fetchPage, { pageSize: 100 });
      assert.equal(result.total, 500);
      assert.equal(result.partial, true);
      assert.equal(result.complete, false);
      assert.deepEqual(result.records, Array.from({ length: 300 }, (_, i) => i));
    });
  });
});
