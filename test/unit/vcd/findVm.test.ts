// Find VM's search against the simulator: by name anywhere in it, in any case, odd names included (`*` `,` `;`
// `(` quotes), by IP address when the text looks like one, exactly one request per site, the first page and the
// total, and every number of the answer bounded by what was asked.
import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator';
import { findVms, filterEq, looksLikeIpAddress, MAX_VM_SEARCH_LENGTH, vmSearchFilter, VM_SEARCH_PAGE_SIZE, VcdClient, type VmRecord } from '../../../src/vcd';
import { kind, routeCount, siteClient, useSimulator } from '../../support/simHelpers';

/** Every vApp VM a client sees (the whole list, for what a search should find). */
async function allVms(client: VcdClient, system: boolean): Promise<VmRecord[]> {
  return (await client.query(system ? 'adminVM' : 'vm', { filter: filterEq('isVAppTemplate', 'false'), sortAsc: 'name' })).records;
}

const holds = (text: string) => (name: string): boolean => name.toLowerCase().includes(text.toLowerCase());

describe('Find VM: the search of one site', function () {
  this.timeout(30_000);
  let sim: Simulator;
  // Enough VMs that every odd name of the simulator's inventory appears (`star*vm`, `a&b` come after the 100th).
  useSimulator((started) => (sim = started), { totalVms: 400 });

  describe('the filter', () => {
    it('matches the name anywhere and in any case (wildcards), escaping ( ) ; , \\ and keeping the typed * a wildcard', () => {
      assert.deepEqual(vmSearchFilter('  Web  '), { filter: 'isVAppTemplate==false;name==*Web*', byIpAddress: false });
      assert.equal(vmSearchFilter('db (primary)').filter, 'isVAppTemplate==false;name==*db \\(primary\\)*');
      assert.equal(vmSearchFilter('web,01;a').filter, 'isVAppTemplate==false;name==*web\\,01\\;a*');
      assert.equal(vmSearchFilter('star*vm').filter, 'isVAppTemplate==false;name==*star*vm*');
      assert.equal(vmSearchFilter('C:\\temp').filter, 'isVAppTemplate==false;name==*C:\\\\temp*');
    });

    it('adds the IP address (its start) for text that looks like an address, and only then', () => {
      assert.deepEqual(vmSearchFilter('10.0.3'), { filter: 'isVAppTemplate==false;(name==*10.0.3*,ipAddress==10.0.3*)', byIpAddress: true });
      for (const ip of ['10.', '10.0', '192.168.1.', '192.168.1.254', 'fe80::', 'fe80::1', '2001:db8:0:1']) assert.ok(looksLikeIpAddress(ip), ip);
      for (const text of ['10', 'web-10', '10.0.0.256', '10..1', '1.2.3.4.5', 'db:primary', ':::1', 'a::b::c', '', '.']) assert.ok(!looksLikeIpAddress(text), text);
    });

    it('refuses a text longer than a VM name can be, before any request', async () => {
      const { client } = await siteClient(sim, 'provider');
      await assert.rejects(findVms(client, 'x'.repeat(MAX_VM_SEARCH_LENGTH + 1), { system: true }), kind('invalidInput', (e) => /at most 128 characters/.test(e.message)));
      assert.equal(sim.counters.requests, 0);
    });
  });

  describe('on a System site (adminVM, every organization)', () => {
    it('finds VMs by part of the name in any case: the first page sorted by name, and the total', async () => {
      const { client } = await siteClient(sim, 'provider');
      const every = await allVms(client, true);
      const expected = every.map((vm) => vm.name).filter(holds('EB-0'));
      assert.ok(expected.length > 5, `enough VMs named like web-0…: ${expected.length}`);
      const result = await findVms(client, 'EB-0', { system: true, pageSize: 5 });
      assert.deepEqual(result.records.map((vm) => vm.name), expected.slice(0, 5), 'the first five, in name order');
      assert.equal(result.total, expected.length, 'the total says how many more match');
      assert.ok(result.total > result.records.length);
      assert.equal(result.byIpAddress, false);
      for (const vm of result.records) {
        assert.equal(vm.isVAppTemplate, false);
        assert.ok(vm.org && vm.vdc && vm.container, `${vm.name}: org, VDC and vApp to reveal it`);
        assert.ok(vm.containerName && vm.vdcName, `${vm.name}: vApp and VDC names to show`);
      }
    });

    it('asks exactly one request per search (the first page only), with the default page of 25', async () => {
      const { client } = await siteClient(sim, 'provider');
      await client.apiVersion();
      await findVms(client, 'warm-up', { system: true });
      sim.resetCounters();
      const result = await findVms(client, 'o', { system: true });
      assert.equal(sim.counters.requests, 1, 'one request');
      assert.equal(routeCount(sim, 'GET /api/query'), 1);
      assert.equal(result.requests, 1);
      assert.equal(result.records.length, VM_SEARCH_PAGE_SIZE, 'the first page');
      assert.ok(result.total > VM_SEARCH_PAGE_SIZE, `more match than shown: ${result.total}`);
    });

    for (const [typed, name] of [
      ['(PRIMARY)', 'db (primary)'],
      ['web,01;', 'web,01;a'],
      ['r*v', 'star*vm'],
      ['"quoted" <', 'vm "quoted" <x>'],
      ['a&b', 'a&b'],
      ['ærø', 'Ærø-vm'],
      ['名前', '名前-vm'],
    ]) {
      it(`finds “${name}” by typing ${typed}`, async () => {
        const { client } = await siteClient(sim, 'provider');
        const every = await allVms(client, true);
        assert.ok(every.some((vm) => vm.name === name), `the simulator has a VM named ${name}`);
        const result = await findVms(client, typed, { system: true, pageSize: 128 });
        const names = result.records.map((vm) => vm.name);
        assert.ok(names.includes(name), `${name} found: ${names.join(', ')}`);
        // `*` typed is a wildcard (VCD has no documented literal star): "r*v" also finds names with r…v in them.
        const literal = !typed.includes('*');
        const expected = every.map((vm) => vm.name).filter(literal ? holds(typed) : (n) => /r.*v/i.test(n));
        assert.deepEqual(names, expected, 'exactly the VMs whose names hold it, any case');
        assert.equal(result.total, expected.length);
      });
    }

    it('finds VMs by the start of their IP address as well as by name', async () => {
      const { client } = await siteClient(sim, 'provider');
      const every = await allVms(client, true);
      const withIp = every.find((vm) => vm.ipAddress !== undefined);
      assert.ok(withIp?.ipAddress, 'a VM with an IP address');
      const prefix = withIp.ipAddress.split('.').slice(0, 3).join('.') + '.';
      const expected = every.filter((vm) => vm.ipAddress?.startsWith(prefix) || holds(prefix)(vm.name));
      const result = await findVms(client, prefix, { system: true, pageSize: 128 });
      assert.equal(result.byIpAddress, true);
      assert.ok(expected.length > 1);
      assert.deepEqual(result.records.map((vm) => vm.href), expected.map((vm) => vm.href));
      assert.ok(result.records.every((vm) => vm.ipAddress?.startsWith(prefix)), 'each found by its address');
      const exact = await findVms(client, withIp.ipAddress, { system: true });
      assert.ok(exact.records.some((vm) => vm.href === withIp.href), `${withIp.ipAddress} finds ${withIp.name}`);
    });

    it('finds nothing, with a total of 0, when no VM matches', async () => {
      const { client } = await siteClient(sim, 'provider');
      const result = await findVms(client, 'no-such-vm-anywhere', { system: true });
      assert.deepEqual([result.records, result.total], [[], 0]);
    });

    it('sends no request for an empty text', async () => {
      const { client } = await siteClient(sim, 'provider');
      const result = await findVms(client, '   ', { system: true });
      assert.deepEqual([result.records, result.total, result.requests, sim.counters.requests], [[], 0, 0, 0]);
    });
  });

  describe('on a tenant site (vm, which every role may run)', () => {
    it('finds the VMs of its organization only', async () => {
      const { client } = await siteClient(sim, 'tenant');
      const result = await findVms(client, 'B-0', { system: false, pageSize: 128 });
      const expected = sim.inventory.vmNames({ orgName: sim.tenant.org }).filter(holds('B-0'));
      assert.ok(expected.length > 0 && expected.length <= 128, `${expected.length} VMs like db-0…`);
      assert.deepEqual(result.records.map((vm) => vm.name), expected);
      assert.equal(result.total, expected.length);
      assert.ok(sim.inventory.vmNames().filter(holds('B-0')).length > expected.length, 'other orgs have such VMs too');
    });

    it('finds what a vApp User may view, and nothing else', async () => {
      const { client } = await siteClient(sim, 'vappUser');
      const result = await findVms(client, '-', { system: false, pageSize: 128 });
      const expected = sim.inventory.vmNames({ orgName: sim.tenant.org, visibleTo: 'vappUser' }).filter(holds('-'));
      assert.ok(expected.length > 0);
      assert.deepEqual(result.records.map((vm) => vm.name), expected);
      assert.equal(result.total, expected.length);
    });
  });

  describe('an answer that does not add up', () => {
    const page = (records: object[], total: unknown): string =>
      JSON.stringify({ total, page: 1, pageSize: 128, name: 'adminVM', record: records.map((r) => ({ _type: 'QueryResultAdminVMRecordType', isVAppTemplate: false, status: 'POWERED_ON', ...r })) });
    const json = 'application/vnd.vmware.vcloud.query.records+json;version=38.0';

    it('never shows more VMs than were asked for, and never a total below what it shows', async () => {
      const { client } = await siteClient(sim, 'provider');
      await client.apiVersion();
      const records = Array.from({ length: 40 }, (_, i) => ({ name: `vm-${i}`, href: `${sim.url}/api/vApp/vm-${i}` }));
      sim.inject({ kind: 'status', status: 200, path: /^\/api\/query/, body: page(records, 3), contentType: json });
      const result = await findVms(client, 'vm', { system: true, pageSize: 10 });
      assert.equal(result.records.length, 10, 'the page size asked for');
      assert.equal(result.total, 10, 'the total is at least what is shown');
    });

    it('drops VMs of vApp templates and records without an href', async () => {
      const { client } = await siteClient(sim, 'provider');
      await client.apiVersion();
      const records = [
        { name: 'kept', href: `${sim.url}/api/vApp/vm-1` },
        { name: 'template', href: `${sim.url}/api/vApp/vm-2`, isVAppTemplate: true },
        { name: 'nowhere' },
      ];
      sim.inject({ kind: 'status', status: 200, path: /^\/api\/query/, body: page(records, 3), contentType: json });
      const result = await findVms(client, 'e', { system: true });
      assert.deepEqual(result.records.map((vm) => vm.name), ['kept']);
    });

    for (const total of [-1, 0.5, 'many']) {
      it(`refuses a total of ${String(total)} as a malformed answer`, async () => {
        const { client } = await siteClient(sim, 'provider');
        await client.apiVersion();
        sim.inject({ kind: 'status', status: 200, path: /^\/api\/query/, body: page([], total), contentType: json });
        await assert.rejects(findVms(client, 'vm', { system: true }), kind('malformedResponse'));
      });
    }
  });

  it('is cancelled by its signal while the server has not answered', async () => {
    const { client } = await siteClient(sim, 'provider');
    await client.apiVersion();
    await findVms(client, 'warm-up', { system: true });
    sim.setLatency(5_000);
    const controller = new AbortController();
    const search = findVms(client, 'web', { system: true }, controller.signal);
    const deadline = Date.now() + 5_000;
    while (routeCount(sim, 'GET /api/query') < 2 && Date.now() < deadline) await new Promise<void>((resolve) => setImmediate(resolve));
    const started = Date.now();
    controller.abort();
    await assert.rejects(search, kind('cancelled'));
    assert.ok(Date.now() - started < 4_000, 'at once, not when the server answers');
    while (sim.counters.abandonedByClient < 1 && Date.now() < deadline + 5_000) await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(sim.counters.abandonedByClient, 1, 'the request is given up, not left to run');
  });
});
