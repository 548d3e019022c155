// Pure presentation of tree nodes: power states in words, state icons, tooltip Markdown (server text escaped).
import type { ResourceStatus, VAppRecord, VdcRecord, VmRecord } from '../vcd';

export interface IconSpec {
  /** Codicon id. */
  id: string;
  /** Theme colour id, if any. */
  color?: string;
}

const STATUS_WORDS: Record<ResourceStatus, string> = {
  FAILED_CREATION: 'Failed creation',
  UNRESOLVED: 'Unresolved',
  RESOLVED: 'Powered off (not deployed)',
  DEPLOYED: 'Deployed',
  SUSPENDED: 'Suspended',
  POWERED_ON: 'Powered on',
  WAITING_FOR_INPUT: 'Waiting for input',
  UNKNOWN: 'Unknown state',
  UNRECOGNIZED: 'Unrecognized state',
  POWERED_OFF: 'Powered off',
  INCONSISTENT_STATE: 'Inconsistent state',
  MIXED: 'Mixed states',
  DESCRIPTOR_PENDING: 'Descriptor pending',
  COPYING_CONTENTS: 'Copying contents',
  DISK_CONTENTS_PENDING: 'Disk contents pending',
  QUARANTINED: 'Quarantined',
  QUARANTINE_EXPIRED: 'Quarantine expired',
  REJECTED: 'Rejected',
  TRANSFER_TIMEOUT: 'Transfer timed out',
  VAPP_UNDEPLOYED: 'Undeployed',
  VAPP_PARTIALLY_DEPLOYED: 'Partially deployed',
  PARTIALLY_POWERED_OFF: 'Partially powered off',
  PARTIALLY_SUSPENDED: 'Partially suspended',
};

export function statusInWords(status: string | undefined): string {
  if (!status) return 'Unknown state';
  return (STATUS_WORDS as Record<string, string>)[status] ?? status.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function vmIcon(status: string | undefined, busy?: boolean): IconSpec {
  if (busy) return { id: 'loading~spin' };
  switch (status) {
    case 'POWERED_ON': return { id: 'vm-running', color: 'charts.green' };
    case 'POWERED_OFF':
    case 'RESOLVED':
    case 'VAPP_UNDEPLOYED': return { id: 'vm-outline', color: 'disabledForeground' };
    case 'SUSPENDED':
    case 'PARTIALLY_SUSPENDED': return { id: 'debug-pause', color: 'charts.yellow' };
    case 'PARTIALLY_POWERED_OFF':
    case 'MIXED': return { id: 'vm', color: 'charts.orange' };
    case 'FAILED_CREATION':
    case 'INCONSISTENT_STATE':
    case 'REJECTED':
    case 'TRANSFER_TIMEOUT': return { id: 'vm', color: 'charts.red' };
    case 'WAITING_FOR_INPUT': return { id: 'vm', color: 'charts.yellow' };
    default: return { id: 'vm', color: 'disabledForeground' };
  }
}

export function vappIcon(status: string | undefined): IconSpec {
  switch (status) {
    case 'POWERED_ON': return { id: 'package', color: 'charts.green' };
    case 'SUSPENDED':
    case 'PARTIALLY_SUSPENDED': return { id: 'package', color: 'charts.yellow' };
    case 'PARTIALLY_POWERED_OFF':
    case 'MIXED': return { id: 'package', color: 'charts.orange' };
    case 'FAILED_CREATION':
    case 'INCONSISTENT_STATE': return { id: 'package', color: 'charts.red' };
    default: return { id: 'package' };
  }
}

/** Escapes server-provided text for Markdown (no links, HTML or emphasis from the server). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function rows(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `**${k}:** ${escapeMarkdown(String(v))}`)
    .join('  \n');
}

export function memoryInWords(mb: number | undefined): string | undefined {
  if (mb === undefined) return undefined;
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`;
}

export function vmTooltip(vm: VmRecord, context: { orgName?: string; vdcName?: string; vappName?: string }): string {
  return `### ${escapeMarkdown(vm.name)}\n\n` + rows([
    ['State', statusInWords(vm.status)],
    ['Guest OS', vm.guestOs],
    ['CPUs', vm.numberOfCpus],
    ['Memory', memoryInWords(vm.memoryMB)],
    ['IP address', vm.ipAddress],
    ['Network', vm.networkName],
    ['vApp', vm.containerName ?? context.vappName],
    ['VDC', vm.vdcName ?? context.vdcName],
    ['Organization', vm.orgName ?? context.orgName],
  ]);
}

export function vappTooltip(vapp: VAppRecord, context: { orgName?: string }): string {
  return `### ${escapeMarkdown(vapp.name)}\n\n` + rows([
    ['State', statusInWords(vapp.status)],
    ['VMs', vapp.numberOfVMs],
    ['CPUs', vapp.numberOfCpus],
    ['Memory', memoryInWords(vapp.memoryAllocationMB)],
    ['Owner', vapp.ownerName],
    ['VDC', vapp.vdcName],
    ['Organization', context.orgName],
  ]);
}

export function vdcTooltip(vdc: VdcRecord): string {
  return `### ${escapeMarkdown(vdc.name)}\n\n` + rows([
    ['Status', vdc.status],
    ['Allocation model', vdc.allocationModel],
    ['vApps', vdc.numberOfVApps],
    ['VMs', vdc.numberOfVMs !== undefined && vdc.numberOfRunningVMs !== undefined ? `${vdc.numberOfVMs} (${vdc.numberOfRunningVMs} running)` : vdc.numberOfVMs],
    ['Organization', vdc.orgName],
  ]);
}

/** "3 VMs", "1 VM". */
export function count(n: number | undefined, singular: string, plural = `${singular}s`): string | undefined {
  if (n === undefined) return undefined;
  return `${n} ${n === 1 ? singular : plural}`;
}
