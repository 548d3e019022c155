// Deterministic inventory: orgs, VDCs, vApps, vApp templates and VMs, made from a seed and a size.
import { createPrng, Prng } from './prng';
import type { InventorySize } from './types';

/** vApp/VM status codes (GOVCD VAppStatuses). */
export const RESOURCE_STATUS: Record<number, string> = {
  [-1]: 'FAILED_CREATION', 0: 'UNRESOLVED', 1: 'RESOLVED', 2: 'DEPLOYED', 3: 'SUSPENDED', 4: 'POWERED_ON',
  5: 'WAITING_FOR_INPUT', 6: 'UNKNOWN', 7: 'UNRECOGNIZED', 8: 'POWERED_OFF', 9: 'INCONSISTENT_STATE', 10: 'MIXED',
  11: 'DESCRIPTOR_PENDING', 12: 'COPYING_CONTENTS', 13: 'DISK_CONTENTS_PENDING', 14: 'QUARANTINED',
  15: 'QUARANTINE_EXPIRED', 16: 'REJECTED', 17: 'TRANSFER_TIMEOUT', 18: 'VAPP_UNDEPLOYED', 19: 'VAPP_PARTIALLY_DEPLOYED',
  20: 'PARTIALLY_POWERED_OFF', 21: 'PARTIALLY_SUSPENDED',
};
export const VDC_STATUS: Record<number, string> = { [-1]: 'FAILED_CREATION', 0: 'NOT_READY', 1: 'READY', 2: 'UNKNOWN', 3: 'UNRECOGNIZED' };

export interface User {
  id: string;
  name: string;
  password: string;
  fullName: string;
  role: string;
  roleId: string;
  org: Org;
}

export interface Org {
  index: number;
  id: string;
  name: string;
  displayName: string;
  isSystem: boolean;
  isEnabled: boolean;
  vdcs: Vdc[];
  users: User[];
}

export interface Vdc {
  index: number;
  id: string;
  name: string;
  description: string;
  org: Org;
  status: number;
  isEnabled: boolean;
  allocationModel: 'AllocationVApp' | 'AllocationPool' | 'ReservationPool' | 'Flex';
  cpuAllocationMhz: number;
  cpuLimitMhz: number;
  memoryAllocationMB: number;
  memoryLimitMB: number;
  storageLimitMB: number;
  providerVdcId: string;
  providerVdcName: string;
  networkPoolId: string;
  vcId: string;
  networkName: string;
  storageProfileName: string;
  vapps: VApp[];
  templates: VApp[];
}

/**
 * What a role may see and run, as far as the simulator models it (VCD: rights bundled into roles).
 * `viewAllVApps`: every vApp of the org (and its VMs), else only the vApps the user owns or that are shared with the
 * org. `organizationQuery`: may run the `organization` query type (DOCS-API: [OrgAdmin, SysAdmin]).
 */
export interface RoleRights {
  viewAllVApps: boolean;
  organizationQuery: boolean;
}

const ROLE_RIGHTS: Record<string, RoleRights> = {
  'System Administrator': { viewAllVApps: true, organizationQuery: true },
  'Organization Administrator': { viewAllVApps: true, organizationQuery: true },
  // The demo's vApp Author keeps the org-wide view it has always had here (tests rely on it); see README.
  'vApp Author': { viewAllVApps: true, organizationQuery: false },
  'vApp User': { viewAllVApps: false, organizationQuery: false },
};
/** Any other (custom) role: the least, like a vApp User. */
const DEFAULT_RIGHTS: RoleRights = { viewAllVApps: false, organizationQuery: false };

export function rightsOf(user: User): RoleRights {
  return ROLE_RIGHTS[user.role] ?? DEFAULT_RIGHTS;
}

/**
 * May this user see this vApp (or vApp template) and its VMs? The System org sees everything; a tenant user only its
 * own org, and there, without the org-wide view, the vApps it owns or that are shared with the org. vApp templates are
 * catalog items every user of the org sees.
 */
export function canViewVApp(user: User, vapp: VApp): boolean {
  if (user.org.isSystem) return true;
  if (vapp.vdc.org !== user.org) return false;
  if (vapp.isTemplate || rightsOf(user).viewAllVApps) return true;
  return vapp.owner === user || vapp.sharedWithOrg;
}

export interface VApp {
  index: number;
  id: string;
  name: string;
  description: string;
  vdc: Vdc;
  isTemplate: boolean;
  status: number;
  deployed: boolean;
  owner: User;
  /** Shared with everyone in the org (the vApp's access control), so users without the org-wide view see it too. */
  sharedWithOrg: boolean;
  creationDate: string;
  catalogName?: string;
  vms: Vm[];
}

export interface Vm {
  index: number;
  id: string;
  name: string;
  vapp: VApp;
  status: number;
  deployed: boolean;
  guestOs: string;
  numberOfCpus: number;
  memoryMB: number;
  ipAddress?: string;
  networkName: string;
  hardwareVersion: number;
  vmToolsStatus: string;
  /**
   * VMware Tools installed in the guest: while the VM runs, its tools run (`vmToolsStatus` toolsOk/toolsOld), so it can
   * be shut down and rebooted through them. Made from the VM's number, not from the random stream (names stay stable).
   */
  toolsInstalled: boolean;
  vmToolsVersion: number;
  storageProfileName: string;
  dateCreated: string;
  moref: string;
}

export interface Inventory {
  seed: number;
  siteId: string;
  siteName: string;
  system: Org;
  /** System first, then tenants, in creation order. */
  orgs: Org[];
  vdcs: Vdc[];
  vapps: VApp[];
  templates: VApp[];
  /** Every VM, vApp VMs and template VMs, in creation order. */
  vms: Vm[];
  /** The non-admin user of the first tenant org (role vApp User): owns and is shared some vApps of its first VDC. */
  vappUser?: User;
  orgById: Map<string, Org>;
  vdcById: Map<string, Vdc>;
  vappById: Map<string, VApp>;
  vmById: Map<string, Vm>;
}

export interface InventoryOptions {
  seed?: number;
  size?: 'demo' | InventorySize;
  totalVms?: number;
}

export const DEMO_PASSWORDS = { tenant: 'Tenant-Passw0rd!', provider: 'Provider-Passw0rd!' };
export const VAPP_USER_NAME = 'dave';

const TENANT_ORG_NAMES = ['acme', "Globex(EU),Ltd.", 'initech', 'umbrella', 'hooli', 'stark-industries', 'wayne_ent', 'cyberdyne'];
const TENANT_ORG_DISPLAY = ['ACME Corporation', 'Ærø & Søn (R&D); Ltd, "Globex" <EU>', 'Initech 名前', 'Umbrella Corp.', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Cyberdyne Systems'];
const VDC_NAMES = ['Production', 'Dev & Test (EU); zone, *', 'Staging', 'DR Site', 'Analytics', 'Lab "blue"'];
const VAPP_WORDS = ['web', 'db', 'api', 'cache', 'queue', 'auth', 'billing', 'search', 'mail', 'ci', 'monitoring', 'backup'];
const ODD_VAPP_NAMES = ['Ærø-app', '名前アプリ', 'legacy; payroll, (v2) *copy*', 'web "frontend" <beta> & co', "O'Brien's sandbox", 'spaces  in   name'];
const VM_ROLES = ['web', 'db', 'app', 'worker', 'proxy', 'node', 'ctrl', 'jump'];
const ODD_VM_NAMES = ['db (primary)', 'web,01;a', 'Ærø-vm', '名前-vm', 'vm "quoted" <x>', 'star*vm', 'a&b'];
const GUEST_OS = [
  'Ubuntu Linux (64-bit)', 'CentOS 7 (64-bit)', 'Red Hat Enterprise Linux 9 (64-bit)', 'Microsoft Windows Server 2019 (64-bit)',
  'Microsoft Windows Server 2022 (64-bit)', 'Debian GNU/Linux 12 (64-bit)', 'SUSE Linux Enterprise 15 (64-bit)', 'Other 3.x or later Linux (64-bit)',
];
const TEMPLATE_NAMES = ['Ubuntu 22.04 base', 'Windows 2022 Std', 'CentOS 7 golden', 'Debian 12 minimal'];
const USER_NAMES = ['alice', 'bob', 'carol'];

function isoDate(ms: number): string {
  // VCD style: 2017-06-13T05:30:58.467Z (UTC).
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

class Builder {
  readonly inv: Inventory;
  private readonly rnd: Prng;
  private readonly baseTime = Date.UTC(2024, 0, 15, 9, 0, 0);

  constructor(seed: number) {
    this.rnd = createPrng(seed);
    const siteId = this.rnd.uuid();
    const system = this.makeOrg('System', 'System', true);
    this.inv = {
      seed, siteId, siteName: 'vcd-sim', system, orgs: [system], vdcs: [], vapps: [], templates: [], vms: [],
      orgById: new Map([[system.id, system]]), vdcById: new Map(), vappById: new Map(), vmById: new Map(),
    };
    this.addUser(system, 'administrator', DEMO_PASSWORDS.provider, 'System Administrator');
  }

  private makeOrg(name: string, displayName: string, isSystem: boolean): Org {
    return { index: 0, id: this.rnd.uuid(), name, displayName, isSystem, isEnabled: true, vdcs: [], users: [] };
  }

  addUser(org: Org, name: string, password: string, role: string): User {
    const user: User = { id: this.rnd.uuid(), name, password, fullName: name, role, roleId: this.rnd.uuid(), org };
    org.users.push(user);
    return user;
  }

  addOrg(i: number): Org {
    const name = i < TENANT_ORG_NAMES.length ? TENANT_ORG_NAMES[i] : `org-${String(i + 1).padStart(3, '0')}`;
    const display = i < TENANT_ORG_DISPLAY.length ? TENANT_ORG_DISPLAY[i] : `Tenant ${i + 1}`;
    const org = this.makeOrg(name, display, false);
    org.index = this.inv.orgs.length;
    this.inv.orgs.push(org);
    this.inv.orgById.set(org.id, org);
    this.addUser(org, 'orgadmin', DEMO_PASSWORDS.tenant, 'Organization Administrator');
    this.addUser(org, this.rnd.pick(USER_NAMES), DEMO_PASSWORDS.tenant, 'vApp Author');
    return org;
  }

  addVdc(org: Org, j: number): Vdc {
    const base = VDC_NAMES[(org.index + j) % VDC_NAMES.length];
    const name = j < VDC_NAMES.length ? `${base}` : `${base} ${j + 1}`;
    const cpu = this.rnd.pick([10000, 20000, 40000, 80000]);
    const mem = this.rnd.pick([32768, 65536, 131072, 262144]);
    const vdc: Vdc = {
      index: this.inv.vdcs.length, id: this.rnd.uuid(), name, description: `${name} of ${org.displayName}`, org,
      status: 1, isEnabled: !(org.index === 2 && j === 1),
      allocationModel: this.rnd.pick(['AllocationVApp', 'AllocationPool', 'ReservationPool', 'Flex'] as const),
      cpuAllocationMhz: cpu, cpuLimitMhz: cpu, memoryAllocationMB: mem, memoryLimitMB: mem,
      storageLimitMB: this.rnd.pick([512000, 1024000, 2048000]),
      providerVdcId: this.rnd.uuid(), providerVdcName: `pvdc-${(j % 2) + 1}`, networkPoolId: this.rnd.uuid(), vcId: this.rnd.uuid(),
      networkName: `${org.name}-net-${j + 1}`, storageProfileName: this.rnd.pick(['Gold', 'Silver', 'STANDARD-Any']),
      vapps: [], templates: [],
    };
    org.vdcs.push(vdc);
    this.inv.vdcs.push(vdc);
    this.inv.vdcById.set(vdc.id, vdc);
    return vdc;
  }

  addVApp(vdc: Vdc, isTemplate: boolean): VApp {
    const list = isTemplate ? this.inv.templates : this.inv.vapps;
    const n = list.length;
    let name: string;
    if (isTemplate) name = TEMPLATE_NAMES[vdc.templates.length % TEMPLATE_NAMES.length] + (vdc.templates.length >= TEMPLATE_NAMES.length ? ` ${vdc.templates.length}` : '');
    else if (n < 40 ? n % 5 === 3 : n % 97 === 3) name = ODD_VAPP_NAMES[Math.floor(n / 5) % ODD_VAPP_NAMES.length];
    else name = `${this.rnd.pick(VAPP_WORDS)}-${this.rnd.pick(VAPP_WORDS)}-${String(n + 1).padStart(3, '0')}`;
    const owner = vdc.org.users[this.rnd.int(0, vdc.org.users.length - 1)];
    const vapp: VApp = {
      index: n, id: this.rnd.uuid(), name, description: isTemplate ? 'Template' : '', vdc, isTemplate, status: isTemplate ? 8 : 1,
      deployed: false, owner, sharedWithOrg: false, creationDate: isoDate(this.baseTime + n * 3_600_000 + this.rnd.int(0, 999)),
      catalogName: isTemplate ? 'Public Catalog' : undefined, vms: [],
    };
    (isTemplate ? vdc.templates : vdc.vapps).push(vapp);
    list.push(vapp);
    this.inv.vappById.set(vapp.id, vapp);
    return vapp;
  }

  addVm(vapp: VApp): Vm {
    const n = this.inv.vms.length;
    let status: number;
    if (vapp.isTemplate) status = 8;
    else {
      const r = this.rnd.next();
      status = r < 0.6 ? 4 : r < 0.9 ? 8 : r < 0.96 ? 3 : r < 0.99 ? 0 : 6;
    }
    let name: string;
    if (n % 23 === 5) name = ODD_VM_NAMES[Math.floor(n / 23) % ODD_VM_NAMES.length];
    else name = `${this.rnd.pick(VM_ROLES)}-${String(vapp.vms.length + 1).padStart(2, '0')}`;
    const hasIp = status === 4 && this.rnd.chance(0.85);
    const vm: Vm = {
      index: n, id: this.rnd.uuid(), name, vapp, status, deployed: status === 4 || status === 3,
      guestOs: this.rnd.pick(GUEST_OS), numberOfCpus: this.rnd.pick([1, 2, 2, 4, 4, 8, 16]),
      memoryMB: this.rnd.pick([1024, 2048, 4096, 8192, 16384, 32768]),
      ipAddress: hasIp ? `10.${vapp.vdc.org.index}.${(n >> 8) & 255}.${n & 255}` : undefined,
      networkName: vapp.vdc.networkName, hardwareVersion: this.rnd.pick([14, 17, 19, 19, 20, 21]),
      vmToolsStatus: status === 4 ? this.rnd.pick(['toolsOk', 'toolsOk', 'toolsOld', 'toolsNotRunning']) : 'toolsNotRunning',
      toolsInstalled: false,
      vmToolsVersion: this.rnd.pick([11269, 12352, 12384, 12416]), storageProfileName: vapp.vdc.storageProfileName,
      dateCreated: vapp.creationDate, moref: `vm-${1000 + n}`,
    };
    // Not from the random stream, so every name and id stays what the seed made before tools were modelled.
    vm.toolsInstalled = status === 4 ? vm.vmToolsStatus !== 'toolsNotRunning' : n % 5 !== 2;
    vapp.vms.push(vm);
    this.inv.vms.push(vm);
    this.inv.vmById.set(vm.id, vm);
    return vm;
  }

  /**
   * The first tenant org gets a user with the vApp User role. It is made after everything else, from its own random
   * stream, so every other name and id stays as the seed made it. In the org's first VDC, counting from 0, every
   * 4th vApp from the 2nd (1, 5, 9, …) becomes its own and every 4th from the 3rd (2, 6, 10, …) is shared with the org:
   * it sees those (and their VMs) and nothing else of vApps; its other VDCs show it no vApp.
   */
  addVAppUser(org: Org): User {
    const own = createPrng((this.inv.seed ^ 0x7a5e) >>> 0);
    const user: User = { id: own.uuid(), name: VAPP_USER_NAME, password: DEMO_PASSWORDS.tenant, fullName: 'Dave (vApp User)', role: 'vApp User', roleId: own.uuid(), org };
    org.users.push(user);
    const first = org.vdcs[0];
    first?.vapps.forEach((vapp, position) => {
      if (position % 4 === 1) vapp.owner = user;
      if (position % 4 === 2) vapp.sharedWithOrg = true;
    });
    this.inv.vappUser = user;
    return user;
  }

  finishVApp(vapp: VApp): void {
    aggregateVApp(vapp);
  }
}

/**
 * A vApp's status and `deployed` flag from its VMs (vcd-api.md §10.5): all on 4, all off 8, all suspended 3, on and off
 * PARTIALLY_POWERED_OFF (20), any other mix MIXED (10), a VM unresolved 0, no VM RESOLVED (1). Templates keep theirs.
 */
export function aggregateVApp(vapp: VApp): void {
  if (vapp.isTemplate) return;
  const s = vapp.vms.map((v) => v.status);
  if (s.length === 0) vapp.status = 1;
  else if (s.includes(0)) vapp.status = 0;
  else if (s.every((x) => x === 4)) vapp.status = 4;
  else if (s.every((x) => x === 8)) vapp.status = 8;
  else if (s.every((x) => x === 3)) vapp.status = 3;
  else if (s.every((x) => x === 4 || x === 8)) vapp.status = 20;
  else vapp.status = 10;
  vapp.deployed = vapp.vms.some((v) => v.deployed);
}

function build(seed: number, orgs: number, vdcsPerOrg: number, templatesPerVdc: number, vappSizes: (b: Builder, vdc: Vdc) => number[]): Inventory {
  const b = new Builder(seed);
  for (let i = 0; i < orgs; i++) {
    const org = b.addOrg(i);
    for (let j = 0; j < vdcsPerOrg; j++) b.addVdc(org, j);
  }
  for (const vdc of b.inv.vdcs) {
    for (const size of vappSizes(b, vdc)) {
      const vapp = b.addVApp(vdc, false);
      for (let k = 0; k < size; k++) b.addVm(vapp);
      b.finishVApp(vapp);
    }
    for (let t = 0; t < templatesPerVdc; t++) {
      const tpl = b.addVApp(vdc, true);
      const n = 1 + (t % 2);
      for (let k = 0; k < n; k++) b.addVm(tpl);
    }
  }
  if (b.inv.orgs[1]) b.addVAppUser(b.inv.orgs[1]);
  return b.inv;
}

/** Make the inventory. Same seed and size give the same names, ids and statuses. */
export function generateInventory(options: InventoryOptions = {}): Inventory {
  const seed = options.seed ?? 1;
  if (options.totalVms !== undefined) {
    const total = Math.max(0, Math.floor(options.totalVms));
    const orgs = Math.min(20, Math.max(3, Math.ceil(total / 5000)));
    const vdcsPerOrg = 3;
    const perVdcBase = Math.floor(total / (orgs * vdcsPerOrg));
    let extra = total - perVdcBase * orgs * vdcsPerOrg;
    return build(seed, orgs, vdcsPerOrg, 2, (b, vdc) => {
      let left = perVdcBase + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      const sizes: number[] = [];
      // One empty vApp in the first VDC, like a freshly created one.
      if (vdc.index === 0) sizes.push(0);
      while (left > 0) {
        const s = Math.min(left, seedSize(b, vdc, sizes.length));
        sizes.push(s);
        left -= s;
      }
      return sizes;
    });
  }
  const size = options.size ?? 'demo';
  if (size === 'demo') {
    return build(seed, 3, 2, 2, (_b, vdc) => {
      const pattern = [[3, 5, 1, 4, 0], [6, 2, 4, 3], [4, 4, 5, 2, 3]];
      return pattern[vdc.index % 3].map((n, k) => (vdc.index === 0 ? n : Math.max(1, n - ((vdc.index + k) % 2))));
    });
  }
  return build(seed, size.orgs, size.vdcsPerOrg, size.templatesPerVdc ?? 1, () => new Array<number>(size.vappsPerVdc).fill(size.vmsPerVapp));
}

function seedSize(_b: Builder, vdc: Vdc, k: number): number {
  // 1..8 VMs per vApp, deterministic without consuming the stream (keeps names stable across sizes).
  return 1 + ((vdc.index * 7 + k * 5 + (k >> 3)) % 8);
}

export function orgOf(entity: Vdc | VApp | Vm): Org {
  if ('vapp' in entity) return entity.vapp.vdc.org;
  if ('vdc' in entity) return entity.vdc.org;
  return entity.org;
}
