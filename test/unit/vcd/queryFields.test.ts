// Leaner query pages (issue 9 §5): a query asks only for the attributes the views read (`fields=`), and what the views
// show is the same as from a page with every attribute. A VCD that refuses the fields asked for is asked for every
// attribute instead, once per query type.
import * as assert from 'node:assert/strict';
import type { Simulator } from '../../simulator';
import { QUERY_FIELDS, SEARCH_FIELDS, queryPath } from '../../../src/vcd/query';
import { findVms, type LogEntry, type QueryType } from '../../../src/vcd';
import { vappTooltip, vdcTooltip, vmTooltip } from '../../../src/tree/present';
import { kind, siteClient, useSimulator } from '../../support/simHelpers';

/** What the views read of each kind of record (the tree, its tooltips and menus, power actions, the Tasks view). */
const READ = {
  org: ['name', 'displayName', 'isEnabled', 'numberOfVdcs', 'numberOfVApps'],
  vdc: ['name', 'status', 'isEnabled', 'orgName', 'allocationModel', 'numberOfVApps', 'numberOfVMs', 'numberOfRunningVMs'],
  vapp: ['name', 'status', 'isBusy', 'task', 'taskStatus', 'taskStatusName', 'ownerName', 'numberOfVMs', 'numberOfCpus', 'memoryAllocationMB'],
  vm: ['name', 'status', 'isBusy', 'task', 'taskStatus', 'taskStatusName', 'guestOs', 'numberOfCpus', 'memoryMB', 'networkName', 'ipAddress', 'vmToolsStatus'],
  task: ['name', 'status', 'operationFull', 'progress', 'startDate', 'endDate', 'ownerName', 'orgName', 'objectName', 'objectType', 'message'],
} as const;

const KIND_OF: Record<QueryType, keyof typeof READ> = {
  organization: 'org', orgVdc: 'vdc', adminOrgVdc: 'vdc', vApp: 'vapp', adminVApp: 'vapp', vm: 'vm', adminVM: 'vm', task: 'task', adminTask: 'task',
};

/** The query strings of the GET /api/query requests logged (info lines: `GET /api/query?... -> 200 (n ms)`). */
function queries(logs: LogEntry[]): string[] {
  return logs.filter((l) => l.level === 'info' && l.message.startsWith('GET /api/query?')).map((l) => l.message.split(' ')[1]);
}

function fieldsOf(query: string): string[] | undefined {
  const value = new URLSearchParams(query.slice(query.indexOf('?') + 1)).get('fields');
  return value === null ? undefined : value.split(',');
}

describe('query pages ask only for the attributes the views read (fields=)', () => {
  let sim: Simulator;
  useSimulator((s) => (sim = s), { tasks: { advance: 'polls', runningPolls: 1 } });

  it('builds the URL with the listing\'s attributes, a search\'s (with where the record is), or every attribute', () => {
    const listing = fieldsOf(queryPath('vm', { page: 2, pageSize: 128, sortAsc: 'name' }));
    assert.deepEqual(listing, QUERY_FIELDS.vm.split(','));
    for (const attribute of READ.vm) assert.ok(listing?.includes(attribute), attribute);
    const search = fieldsOf(queryPath('adminVM', { page: 1, pageSize: 25, fields: 'search' }));
    for (const attribute of ['container', 'containerName', 'vdc', 'vdcName', 'org', 'isVAppTemplate', 'ipAddress']) assert.ok(search?.includes(attribute), attribute);
    assert.equal(fieldsOf(queryPath('vm', { page: 1, pageSize: 128, fields: 'all' })), undefined);
    for (const type of Object.keys(QUERY_FIELDS) as QueryType[]) {
      for (const attribute of QUERY_FIELDS[type].split(',')) assert.ok(SEARCH_FIELDS[type].split(',').includes(attribute), `${type}: a search asks for ${attribute} too`);
    }
  });

  for (const [who, types] of [['tenant', ['organization', 'orgVdc', 'vApp', 'vm', 'task']], ['provider', ['organization', 'adminOrgVdc', 'adminVApp', 'adminVM', 'adminTask']]] as const) {
    it(`${who}: every page of a listing carries fields=, and the records give the views what a full page gives`, async () => {
      // Something to show in the Tasks view: a task of the listing's user.
      // (Another VM for each test: each test stands alone.)
      const order = who === 'tenant' ? { sortAsc: 'name' } : { sortDesc: 'name' };
      const vms = await (await siteClient(sim, who)).client.query(who === 'tenant' ? 'vm' : 'adminVM', { filter: 'isVAppTemplate==false', limit: 1, ...order });
      const { client: starter } = await siteClient(sim, who);
      await starter.startPowerAction(await starter.entity(vms.records[0].href), vms.records[0].status === 'POWERED_ON' ? 'suspend' : 'powerOn');

      const logs: LogEntry[] = [];
      const lean = await siteClient(sim, who, {}, logs);
      // The same listings with every attribute: a VCD that refuses fields= (the client then asks without).
      const fullLogs: LogEntry[] = [];
      const full = await siteClient(sim, who, {}, fullLogs);
      sim.inject({ kind: 'status', status: 400, path: /[?&]fields=/, times: types.length });
      for (const type of types) await full.client.query(type, { pageSize: 128, limit: 1 });
      sim.clearFaults();

      for (const type of types) {
        const a = await lean.client.query(type, { sortAsc: type.endsWith('ask') ? undefined : 'name', sortDesc: type.endsWith('ask') ? 'startDate' : undefined, pageSize: 7 });
        const b = await full.client.query(type, { sortAsc: type.endsWith('ask') ? undefined : 'name', sortDesc: type.endsWith('ask') ? 'startDate' : undefined, pageSize: 7 });
        assert.ok(a.records.length > 0, `${who} lists some ${type}`);
        assert.deepEqual(a.records.map((r) => r.href), b.records.map((r) => r.href), type);
        a.records.forEach((record, i) => {
          const whole = b.records[i] as unknown as Record<string, unknown>;
          const part = record as unknown as Record<string, unknown>;
          for (const key of READ[KIND_OF[type]]) assert.deepEqual(part[key], whole[key], `${type} ${String(whole.name)}: ${key}`);
          for (const key of Object.keys(part)) assert.deepEqual(part[key], whole[key], `${type}: ${key} as on the full page`);
        });
        const leanRecords = a.records as unknown as Record<string, unknown>[];
        const fullRecords = b.records as unknown as Record<string, unknown>[];
        if (type === 'vm' || type === 'adminVM') {
          // Fewer attributes than a full page: where a listed VM is, its vApp's and VDC's nodes say.
          assert.ok(fullRecords.some((r) => r.hardwareVersion !== undefined && r.container !== undefined));
          assert.ok(leanRecords.every((r) => r.hardwareVersion === undefined && r.container === undefined));
        }
      }
      const asked = queries(logs);
      assert.ok(asked.length >= types.length);
      for (const query of asked) {
        const type = new URLSearchParams(query.slice(query.indexOf('?') + 1)).get('type') as QueryType;
        assert.deepEqual(fieldsOf(query), QUERY_FIELDS[type].split(','), query);
      }
      assert.ok(queries(fullLogs).some((q) => fieldsOf(q) === undefined));
    });
  }

  it('shows the same tooltips from a lean page as from a full one, with what the parent nodes give', async () => {
    const lean = await siteClient(sim, 'provider');
    const full = await siteClient(sim, 'provider');
    sim.inject({ kind: 'status', status: 400, path: /[?&]fields=/, times: 3 });
    const [vdcs, vapps, vms] = [await full.client.query('adminOrgVdc', { sortAsc: 'name' }), await full.client.query('adminVApp', { sortAsc: 'name', limit: 50 }), await full.client.query('adminVM', { sortAsc: 'name', limit: 50 })];
    sim.clearFaults();
    const leanVdcs = await lean.client.query('adminOrgVdc', { sortAsc: 'name' });
    const leanVapps = await lean.client.query('adminVApp', { sortAsc: 'name', limit: 50 });
    const leanVms = await lean.client.query('adminVM', { sortAsc: 'name', limit: 50 });
    vdcs.records.forEach((vdc, i) => assert.equal(vdcTooltip(leanVdcs.records[i]), vdcTooltip(vdc)));
    vapps.records.forEach((vapp, i) => {
      // VdcNode gives its vApps its name (VAppNode: `vdcName ?? names.vdcName`); the org's name comes from the OrgNode.
      const parent = vapp.vdcName;
      const leanVapp = leanVapps.records[i];
      assert.equal(vappTooltip({ ...leanVapp, vdcName: leanVapp.vdcName ?? parent }, { orgName: 'acme' }), vappTooltip(vapp, { orgName: 'acme' }));
    });
    vms.records.forEach((vm, i) => {
      const names = { orgName: 'acme', vdcName: vm.vdcName, vappName: vm.containerName };
      assert.equal(vmTooltip(leanVms.records[i], names), vmTooltip(vm, names));
    });
  });

  it('Find VM asks for where each VM is: organization, VDC and vApp, to show and reveal it', async () => {
    const logs: LogEntry[] = [];
    for (const who of ['provider', 'tenant'] as const) {
      const { client } = await siteClient(sim, who, {}, logs);
      const found = await findVms(client, 'web', { system: who === 'provider' });
      assert.ok(found.records.length > 0);
      for (const vm of found.records) {
        assert.ok(vm.vdc && vm.vdcName && vm.container && vm.containerName, `${vm.name}: where it is`);
        if (who === 'provider') assert.ok(vm.org, `${vm.name}: its organization`);
        assert.ok(vm.status && vm.guestOs !== undefined);
      }
    }
    for (const query of queries(logs)) {
      const type = new URLSearchParams(query.slice(query.indexOf('?') + 1)).get('type') as QueryType;
      assert.deepEqual(fieldsOf(query), SEARCH_FIELDS[type].split(','), query);
    }
  });

  it('asks a VCD that refuses the fields for every attribute, from then on for that type only', async () => {
    const logs: LogEntry[] = [];
    const { client } = await siteClient(sim, 'provider', {}, logs);
    sim.inject({ kind: 'status', status: 400, path: /type=adminVM&.*[?&]fields=/, times: 1000 });
    const first = await client.query('adminVM', { pageSize: 20, concurrency: 4 });
    assert.equal(first.records.length, first.total);
    assert.ok(first.complete);
    const again = await client.query('adminVM', { pageSize: 20, limit: 40 });
    assert.equal(again.records.length, 40);
    const vmQueries = queries(logs).filter((q) => q.includes('type=adminVM'));
    // One refused page, then every page (this listing's and the next one's) without fields.
    assert.equal(vmQueries.filter((q) => fieldsOf(q) !== undefined).length, 1);
    assert.equal(vmQueries.length, 1 + Math.ceil(first.total / 20) + 2);
    // Other query types still ask for their fields.
    await client.query('adminVApp', { limit: 5 });
    assert.ok(queries(logs).filter((q) => q.includes('type=adminVApp')).every((q) => fieldsOf(q) !== undefined));
  });

  it('still asks for fields after a 400 that asking for every attribute does not cure (a bad filter)', async () => {
    const logs: LogEntry[] = [];
    const { client } = await siteClient(sim, 'tenant', {}, logs);
    await assert.rejects(client.query('vm', { filter: 'noSuchAttribute==1' }), kind('badRequest'));
    const page = await client.query('vm', { limit: 3 });
    assert.equal(page.records.length, 3);
    const last = queries(logs).pop() ?? '';
    assert.deepEqual(fieldsOf(last), QUERY_FIELDS.vm.split(','));
  });
});
