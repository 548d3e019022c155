// The simulator's paging knobs: a smaller largest page size, page envelopes that say what a fault says, and VMs that
// another client creates or deletes while a listing pages.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { accessToken, call, JSON_38, login, xmlAttrs, XML_38, CLOUD_38 } from '../../simulator/testClient';
import { useSimulator } from '../../support/simHelpers';

describe('simulator: paging knobs', () => {
  let sim: Simulator;
  let provider: Record<string, string>;
  useSimulator(
    async (started) => {
      sim = started;
      provider = { Authorization: `Bearer ${await accessToken(sim, 'provider')}`, Accept: JSON_38 };
    },
    { maxPageSize: 7 },
    { fresh: 'each test' },
  );

  it('clamps query and CloudAPI pages to maxPageSize and says so', async () => {
    const page = (await call(sim, 'GET', '/api/query?type=adminVM&page=2&pageSize=128', provider)).json<{ pageSize: number; record: unknown[] }>();
    assert.equal(page.pageSize, 7);
    assert.equal(page.record.length, 7);
    const session = await login(sim, 'provider');
    const tokens = (await call(sim, 'GET', '/cloudapi/1.0.0/tokens?pageSize=128', { Authorization: `Bearer ${session}`, Accept: CLOUD_38 })).json<{ pageSize: number }>();
    assert.equal(tokens.pageSize, 7);
  });

  it('pageEnvelope rewrites pageSize/total (JSON and XML) or pageCount/resultTotal, and can ignore the page asked for', async () => {
    sim.inject({ kind: 'pageEnvelope', pageSize: 0.001, total: 1e12, times: 2 });
    const json = (await call(sim, 'GET', '/api/query?type=adminVM&pageSize=5', provider)).json<{ pageSize: number; total: number }>();
    assert.deepEqual([json.pageSize, json.total], [0.001, 1e12]);
    const xml = await call(sim, 'GET', '/api/query?type=adminVM&pageSize=5', { ...provider, Accept: XML_38 });
    const root = xmlAttrs(xml.body, 'QueryResultRecords')[0];
    assert.deepEqual([root.pageSize, root.total], ['0.001', '1000000000000']);
    const session = await login(sim, 'provider');
    const auth = { Authorization: `Bearer ${session}`, Accept: CLOUD_38 };
    const firstPage = (await call(sim, 'GET', '/cloudapi/1.0.0/tokens?page=1&pageSize=1', auth)).json<{ values: { id: string }[] }>();
    sim.inject({ kind: 'pageEnvelope', pageCount: 1e9, resultTotal: 5, ignorePage: true, times: 1 });
    const page3 = (await call(sim, 'GET', '/cloudapi/1.0.0/tokens?page=3&pageSize=1', auth)).json<{ pageCount: number; resultTotal: number; page: number; values: { id: string }[] }>();
    assert.deepEqual([page3.pageCount, page3.resultTotal, page3.page], [1e9, 5, 1]);
    assert.deepEqual(page3.values, firstPage.values);
  });

  it('removeVms and addVms change totals, pages and entities at once', async () => {
    const count = (): Promise<number> =>
      call(sim, 'GET', '/api/query?type=adminVM&filter=isVAppTemplate==false&pageSize=1', provider).then((r) => r.json<{ total: number }>().total);
    const before = await count();
    const firstNames = sim.inventory.vmNames().slice(0, 3);
    assert.deepEqual(sim.inventory.removeVms(3), firstNames);
    assert.equal(await count(), before - 3);
    assert.equal(sim.inventory.vmNames().length, before - 3);
    const added = sim.inventory.addVms(2);
    assert.deepEqual(added, ['000-new-0001', '000-new-0002']);
    assert.equal(await count(), before - 1);
    assert.deepEqual(sim.inventory.vmNames().slice(0, 2), added);
    const sorted = (await call(sim, 'GET', '/api/query?type=adminVM&filter=isVAppTemplate==false&sortAsc=name&pageSize=2', provider)).json<{
      record: { name: string; href: string }[];
    }>();
    assert.deepEqual(sorted.record.map((r) => r.name), added);
    const entity = await call(sim, 'GET', new URL(sorted.record[0].href).pathname, { ...provider, Accept: XML_38 });
    assert.equal(entity.status, 200);
  });
});
