// startSimulator: a local VMware Cloud Director for tests, the bench and `npm start`.
import { createServer as createHttpServer, Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { AuthStore } from './auth';
import { makeServerCertificate } from './certificates';
import { FaultSet } from './faults';
import { aggregateVApp, canViewVApp, DEMO_PASSWORDS, generateInventory, Inventory, RESOURCE_STATUS, User, VApp, Vm } from './inventory';
import { compareValues, QueryService } from './query';
import { makeHrefs, makeQueryTypes, QueryTypeDef } from './queryTypes';
import type { SimState } from './state';
import { setVmState, toolsRunning } from './routes/power';
import { TaskEngine } from './tasks';
import { Transport } from './transport';
import type { CertificateMaterial, DemoCredentials, DemoUser, Fault, InventoryFilter, SimTaskInfo, SimVmInfo, Simulator, SimulatorOptions } from './types';
import { DEFAULT_DEPRECATED, DEFAULT_SUPPORTED } from './versions';

export * from './types';

/** Where the simulator listens unless told otherwise. */
export const DEFAULT_HOST = '127.0.0.2';
export { makeCertificate, makeCaAndLeaf } from './certificates';
export type { CertificateSpec, MadeCertificate, CaAndLeaf } from './certificates';
export { generateInventory } from './inventory';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  // Not 127.0.0.1: VS Code's network layer treats 127.0.0.1 and localhost specially (it keeps the extension's own
  // agent there), so tests against them would prove nothing about a real VCD host. All of 127/8 is loopback on Linux.
  const host = options.host ?? DEFAULT_HOST;
  const useHttps = options.https ?? true;
  const seed = options.seed ?? 1;
  const inv: Inventory = generateInventory({ seed, size: options.size, totalVms: options.totalVms });
  const auth = new AuthStore(inv, {
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 1800,
    idleTimeoutSeconds: options.idleTimeoutSeconds ?? 1800,
    revokeKillsSessions: options.revokeKillsSessions ?? false,
  });
  const faults = new FaultSet(seed);
  const holder: { state?: SimState } = {};
  const transport = new Transport(() => holder.state!, faults);
  transport.latencyMs = options.latencyMs ?? 0;

  let certificate: CertificateMaterial | undefined;
  let server: Server;
  if (useHttps) {
    const material = options.certificate ?? (await makeServerCertificate(host));
    certificate = {
      certPem: material.certPem,
      caPem: ('caPem' in material && material.caPem) || material.certPem,
      fingerprint256: new X509Certificate(material.certPem).fingerprint256,
    };
    server = createHttpsServer({ cert: material.certPem, key: material.keyPem });
  } else {
    server = createHttpServer();
  }
  server.keepAliveTimeout = 5000;
  transport.attach(server, options.acceptFrom);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const url = `${useHttps ? 'https' : 'http'}://${hostPart}:${port}`;
  transport.base = url;

  const maxPageSize = Math.max(1, Math.floor(options.maxPageSize ?? 128));
  // Every change a task makes (its status, an entity's state) is seen by the next query: the query service is rebuilt.
  const tasks = new TaskEngine(() => auth.now(), options.tasks, () => inventoryChanged(), seed);
  const types = makeQueryTypes(inv, url, tasks);
  const state: SimState = {
    inv, auth, types, hrefs: makeHrefs(url), query: new QueryService(types, maxPageSize),
    versions: { supported: options.supportedVersions ?? DEFAULT_SUPPORTED, deprecated: options.deprecatedVersions ?? DEFAULT_DEPRECATED },
    config: { invalidGrantStatus: options.invalidGrantStatus ?? 400, allowSelfRevoke: options.allowSelfRevoke ?? false, maxPageSize },
    tasks,
  };
  holder.state = state;
  // A history for the demo and explicit sizes; the large generated inventories (bench) start without one.
  if (options.totalVms === undefined) seedTaskHistory(inv, tasks, auth.now());

  const tenantOrg = inv.orgs[1];
  const tenantUser = tenantOrg.users[0];
  const providerUser = inv.system.users[0];
  const tenant: DemoCredentials = { org: tenantOrg.name, user: tenantUser.name, password: DEMO_PASSWORDS.tenant, apiToken: auth.createToken(tenantUser, 'demo-token').secret! };
  const provider: DemoCredentials = { org: inv.system.name, user: providerUser.name, password: DEMO_PASSWORDS.provider, apiToken: auth.createToken(providerUser, 'demo-token').secret! };
  // Some more tokens, as a real site has: another user's token and a PROXY token (filtered out by type==REFRESH).
  if (tenantOrg.users[1]) auth.createToken(tenantOrg.users[1], 'ci-pipeline');
  auth.createToken(tenantUser, 'proxy-console', 'PROXY');
  const vappUserOf = inv.vappUser!;
  const vappUser: DemoCredentials = { org: tenantOrg.name, user: vappUserOf.name, password: DEMO_PASSWORDS.tenant, apiToken: auth.createToken(vappUserOf, 'demo-token').secret! };
  const demoUsers: Record<DemoUser, User> = { tenant: tenantUser, provider: providerUser, vappUser: vappUserOf };
  /** vApps (no templates) of the filter's org, as its `visibleTo` user may view them; undefined org = no such org. */
  const vappsFor = (filter: InventoryFilter | undefined): ((a: VApp) => boolean) | undefined => {
    const org = filter?.orgName !== undefined ? auth.findOrg(filter.orgName) : undefined;
    if (filter?.orgName !== undefined && !org) return undefined;
    const viewer = filter?.visibleTo === undefined ? undefined : demoUsers[filter.visibleTo];
    return (a) => !a.isTemplate && (!org || a.vdc.org === org) && (!viewer || canViewVApp(viewer, a));
  };

  const systemViewer = { org: inv.system };
  let created = 0;
  /** The inventory changed behind the query service: rebuild what it derived (counts, cached selections and pages). */
  function inventoryChanged(): void {
    if (!holder.state) return;
    holder.state.types = makeQueryTypes(inv, url, tasks);
    holder.state.query = new QueryService(holder.state.types, maxPageSize);
  }
  const vmInfo = (v: Vm): SimVmInfo => ({
    name: v.name, href: state.hrefs.vm(v), status: RESOURCE_STATUS[v.status] ?? 'UNKNOWN', deployed: v.deployed, toolsRunning: toolsRunning(v),
    busy: tasks.busyWith(v.vapp, v).length > 0, vappName: v.vapp.name, vappHref: state.hrefs.vapp(v.vapp), vdcName: v.vapp.vdc.name,
    orgName: v.vapp.vdc.org.name,
  });
  const sortedVms = (filter: InventoryFilter | undefined): Vm[] => {
    const keep = vappsFor(filter);
    if (!keep) return [];
    return inv.vms.filter((v) => keep(v.vapp)).sort((a, b) => compareValues(a.name, b.name) || a.index - b.index);
  };
  const sim: Simulator = {
    url, port, certificate, tenant, provider, vappUser,
    get counters() {
      return transport.counters;
    },
    resetCounters: () => transport.resetCounters(),
    inject: (fault: Fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    setLatency: (ms: number) => {
      transport.latencyMs = ms;
    },
    createApiToken(orgName: string, userName: string, name: string): string {
      const user = auth.findUser(orgName, userName);
      if (!user) throw new Error(`No user ${userName} in org ${orgName}`);
      return auth.createToken(user, name).secret!;
    },
    revokeApiToken(token: string): void {
      const t = auth.tokenBySecret(token);
      if (t) auth.revoke(t);
    },
    expireAllSessions: () => auth.expireAll(),
    advanceClock: (seconds: number) => auth.advanceClock(seconds * 1000),
    inventory: {
      orgNames: () => inv.orgs.map((o) => o.name),
      count(type, filter) {
        const org = filter?.orgName !== undefined ? auth.findOrg(filter.orgName) : undefined;
        if (filter?.orgName !== undefined && !org) return 0;
        const indexes = state.query.select(type, systemViewer, undefined, undefined, undefined);
        if (!org) return indexes.length;
        const def = state.types[type] as QueryTypeDef<unknown>;
        return indexes.filter((i) => def.orgOf(def.rows[i]) === org).length;
      },
      vmNames(filter) {
        return sortedVms(filter).map((v) => v.name);
      },
      vms(filter) {
        return sortedVms(filter).map(vmInfo);
      },
      setPowerState(which, status, opts) {
        const vm = inv.vms.find((v) => !v.vapp.isTemplate && (state.hrefs.vm(v) === which || v.name === which));
        if (!vm) throw new Error(`No vApp VM ${which}`);
        if (opts?.tools !== undefined) vm.toolsInstalled = opts.tools;
        const code = status === 'POWERED_ON' ? 4 : status === 'SUSPENDED' ? 3 : 8;
        setVmState(vm, code, code !== 8);
        aggregateVApp(vm.vapp);
        inventoryChanged();
        return vmInfo(vm);
      },
      vappNames(filter) {
        const keep = vappsFor(filter);
        if (!keep) return [];
        return inv.vapps
          .filter((a) => keep(a) && (filter?.vdcName === undefined || a.vdc.name === filter.vdcName))
          .sort((a, b) => compareValues(a.name, b.name) || a.index - b.index)
          .map((a) => a.name);
      },
      removeVms(count) {
        const victims = inv.vms
          .filter((v) => !v.vapp.isTemplate)
          .sort((a, b) => compareValues(a.name, b.name) || a.index - b.index)
          .slice(0, Math.max(0, count));
        const gone = new Set(victims);
        for (const vm of victims) {
          vm.vapp.vms.splice(vm.vapp.vms.indexOf(vm), 1);
          inv.vmById.delete(vm.id);
        }
        // In place: the query types hold this very array.
        const kept = inv.vms.filter((v) => !gone.has(v));
        inv.vms.splice(0, inv.vms.length, ...kept);
        inventoryChanged();
        return victims.map((v) => v.name);
      },
      addVms(count) {
        const vapp = inv.vapps.find((a) => !a.vdc.org.isSystem && a.vms.length > 0);
        if (!vapp) throw new Error('No vApp with a VM to copy');
        const names: string[] = [];
        for (let i = 0; i < count; i++) {
          const n = ++created;
          const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
          const vm = { ...vapp.vms[0], index: inv.vms.length, id, name: `000-new-${String(n).padStart(4, '0')}`, moref: `vm-new-${n}`, vapp };
          vapp.vms.push(vm);
          inv.vms.push(vm);
          inv.vmById.set(id, vm);
          names.push(vm.name);
        }
        inventoryChanged();
        return names;
      },
    },
    tasks: {
      setTiming: (timing) => tasks.setTiming(timing),
      hold: () => tasks.hold(),
      release: () => tasks.release(),
      list: (): SimTaskInfo[] => tasks.tasks.map((t) => ({
        id: t.id, href: state.hrefs.task(t.id), status: t.status, operationName: t.operationName, progress: t.progress,
        targetName: (t.vm ?? t.vapp).name, targetHref: t.vm ? state.hrefs.vm(t.vm) : state.hrefs.vapp(t.vapp), userName: t.user.name, orgName: t.org.name,
      })),
    },
    close: () => transport.close(server),
  };
  return sim;
}

/**
 * A few tasks that ended before the simulator started, so the demo's Tasks view has a history: in the first tenant org
 * a vApp started and a VM reset (succeeded) and a reboot that failed (no VMware Tools), in the second a vApp stopped.
 * Made without the inventory's random stream (every name and id stays as the seed made it).
 */
function seedTaskHistory(inv: Inventory, tasks: TaskEngine, now: number): void {
  const minute = 60_000;
  const add = (vapp: VApp | undefined, vm: Vm | undefined, user: User | undefined, name: string, doing: string, ago: number, failed?: string): void => {
    if (!vapp || !user) return;
    const target = vm ?? vapp;
    const start = now - ago * minute;
    tasks.record({
      operationName: name, operation: `${doing} Virtual ${vm ? 'Machine' : 'Application'} ${target.name}(${target.id})`, vapp, vm,
      org: vapp.vdc.org, user, status: failed ? 'error' : 'success', progress: failed ? 0 : 100, startMs: start, endMs: start + 20_000,
      error: failed ? { message: failed, minorErrorCode: 'BAD_REQUEST', majorErrorCode: 400 } : undefined,
    });
  };
  const [first, second] = inv.orgs.filter((o) => !o.isSystem);
  const vapps = first?.vdcs[0]?.vapps ?? [];
  add(vapps[0], undefined, first?.users[0], 'vappDeploy', 'Starting', 180);
  const vm = vapps[2]?.vms[0];
  add(vapps[2], vm, first?.users[1], 'vappReset', 'Resetting', 95);
  add(vapps[2], vm, first?.users[1], 'vappRebootGuest', 'Rebooting', 50,
    `The guest OS of VM "${vm?.name ?? ''}" cannot be shut down or rebooted: VMware Tools is not running in it.`);
  const other = second?.vdcs[0]?.vapps[0];
  add(other, undefined, second?.users[0], 'vappUndeployPowerOff', 'Stopping', 30);
}
