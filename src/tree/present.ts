// Pure presentation of tree nodes: power states in words, state icons, tooltip Markdown (server text escaped).
import { statusInWords, type PowerAction, type TaskStatus, type VAppRecord, type VdcRecord, type VmRecord } from '../vcd';

export interface IconSpec {
  /** Codicon id. */
  id: string;
  /** Theme colour id, if any. */
  color?: string;
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

const RUNNING_WORDS: Record<PowerAction, string> = {
  powerOn: 'Powering on',
  powerOff: 'Powering off',
  shutdown: 'Shutting down',
  reset: 'Resetting',
  reboot: 'Rebooting',
  suspend: 'Suspending',
  discardSuspendedState: 'Discarding suspended state',
};

/** What a node shows while a task started here runs on it: "Powering on… 40%", "Powering off… (queued)". */
export function runningDescription(action: PowerAction, status: TaskStatus, progress: number | undefined): string {
  const words = `${RUNNING_WORDS[action]}…`;
  if (status === 'queued' || status === 'preRunning') return `${words} (queued)`;
  return progress === undefined ? words : `${words} ${progress}%`;
}

/** The tooltip's last line for a node that is busy. */
export function busyLine(what: string): string {
  return `\n\n**Busy:** ${escapeMarkdown(what)}`;
}

/** VCD's task operation names in the portal's words (others: the operation text without its id, or the name). */
const OPERATION_WORDS: Record<string, string> = {
  vappDeploy: 'Power On',
  vappPowerOn: 'Power On',
  vappUndeployPowerOff: 'Power Off',
  vappPowerOff: 'Power Off',
  vappUndeployShutdown: 'Shut Down',
  vappShutdownGuest: 'Shut Down Guest OS',
  vappReset: 'Reset',
  vappRebootGuest: 'Reboot Guest OS',
  vappSuspend: 'Suspend',
  vappUndeploySuspend: 'Suspend',
  vappDiscardSuspendedState: 'Discard Suspended State',
};

export function operationWords(operationName: string | undefined, operationFull?: string): string {
  if (operationName !== undefined && Object.prototype.hasOwnProperty.call(OPERATION_WORDS, operationName)) return OPERATION_WORDS[operationName];
  const full = operationFull?.replace(/\s*\([0-9a-fA-F-]{36}\)\s*$/, '').trim();
  return full || operationName || 'Task';
}

const TASK_STATUS_WORDS: Record<TaskStatus, string> = {
  queued: 'Queued', preRunning: 'Starting', running: 'Running', postRunning: 'Finishing', success: 'Succeeded',
  error: 'Failed', canceled: 'Canceled', aborted: 'Aborted', unknown: 'Unknown status',
};

export function taskStatusWords(status: TaskStatus, progress?: number): string {
  return status === 'running' && progress !== undefined ? `Running ${progress}%` : TASK_STATUS_WORDS[status];
}

export function taskIcon(status: TaskStatus): IconSpec {
  switch (status) {
    case 'queued':
    case 'preRunning':
    case 'running':
    case 'postRunning': return { id: 'loading~spin' };
    case 'success': return { id: 'pass', color: 'testing.iconPassed' };
    case 'error':
    case 'aborted': return { id: 'error', color: 'errorForeground' };
    case 'canceled': return { id: 'circle-slash', color: 'disabledForeground' };
    default: return { id: 'question' };
  }
}

/** A VCD time (`2024-01-15T09:00:00.000+00:00`) as local "YYYY-MM-DD HH:MM:SS", or the text as sent when unreadable. */
export function localTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return text;
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** "09:42" today, else "2024-01-15 09:42". */
export function shortTime(text: string | undefined, now: Date = new Date()): string | undefined {
  const full = localTime(text);
  if (full === undefined || !/^\d{4}-\d\d-\d\d \d\d:\d\d/.test(full)) return full;
  const two = (n: number): string => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  return full.startsWith(today) ? full.slice(11, 16) : full.slice(0, 16);
}

export interface TaskFacts {
  operation: string;
  status: TaskStatus;
  progress?: number;
  target?: string;
  targetType?: string;
  user?: string;
  org?: string;
  start?: string;
  end?: string;
  message?: string;
  startedHere?: boolean;
}

export function taskTooltip(t: TaskFacts): string {
  return `### ${escapeMarkdown(t.operation)}${t.target ? ` ${escapeMarkdown(t.target)}` : ''}\n\n` + rows([
    ['Status', taskStatusWords(t.status, t.progress)],
    ['Target', t.target === undefined ? undefined : `${t.target}${t.targetType ? ` (${t.targetType === 'vapp' ? 'vApp' : t.targetType === 'vm' ? 'VM' : t.targetType})` : ''}`],
    ['Started by', t.user === undefined ? undefined : `${t.user}${t.startedHere ? ' (from this window)' : ''}`],
    ['Organization', t.org],
    ['Started', localTime(t.start)],
    ['Ended', localTime(t.end)],
    ['Error', t.message],
  ]);
}
