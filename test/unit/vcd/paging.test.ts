// The listing engine with a scripted server: order by page index, bounded concurrency, limits, changing totals,
// first failure stops the rest, cancellation.
import * as assert from 'node:assert/strict';
import { listAll } from '../../../src/vcd/query';
import { QueryPage } from '../../../src/vcd';
import { VcdError } from '../../../src/vcd';

function server(total: number, opts: { maxPageSize?: number; totalAfterFirst?: number; failPage?: number } = {}) {
  let inFlight = 0;
  const stats = { maxInFlight: 0, calls: [] as number[] };
  const fetchPage = async (page: number, pageSize: number, signal: AbortSignal): Promise<QueryPage<number>> => {
    stats.calls.push(page);
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
      const size = Math.min(pageSize, opts.maxPageSize ?? 128);
      const t = page === 1 || opts.totalAfterFirst === undefined ? total : opts.totalAfterFirst;
      const start = (page - 1) * size;
      const records = Array.from({ length: Math.max(0, Math.min(size, t - start)) }, (_, i) => start + i);
      return { records, total: t, page, pageSize: size };
    } finally {
      inFlight--;
    }
  };
  return { fetchPage, stats };
}

describe('listing engine', () => {
  for (const total of [0, 1, 25, 128, 129, 1000]) {
    it(`returns all ${total} records in order`, async () => {
      const s = server(total);
      const result = await listAll(s.fetchPage, { pageSize: 25, concurrency: 4 });
      assert.deepEqual(result.records, Array.from({ length: total }, (_, i) => i));
      assert.equal(result.total, total);
      assert.equal(result.complete, true);
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

  it('counts pages with the page size the server used when it clamps', async () => {
    const s = server(250, { maxPageSize: 100 });
    const result = await listAll(s.fetchPage, { pageSize: 128 });
    assert.deepEqual(result.records, Array.from({ length: 250 }, (_, i) => i));
  });

  it('honours offset and limit', async () => {
    const s = server(300);
    const result = await listAll(s.fetchPage, { pageSize: 50, offset: 100, limit: 120 });
    assert.deepEqual(result.records, Array.from({ length: 120 }, (_, i) => 100 + i));
    assert.equal(result.complete, false);
    assert.equal(result.total, 300);
    await assert.rejects(listAll(s.fetchPage, { pageSize: 50, offset: 10 }), (e: unknown) => e instanceof VcdError && e.kind === 'invalidInput');
  });

  it('returns every record of the pages read when the total shrinks mid-listing, with the first total', async () => {
    const s = server(500, { totalAfterFirst: 300 });
    const result = await listAll(s.fetchPage, { pageSize: 100 });
    assert.equal(result.total, 500);
    assert.deepEqual(result.records, Array.from({ length: 300 }, (_, i) => i));
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
});
