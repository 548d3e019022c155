// Power actions on VMs and vApps, for every caller (commands, and VS Code chat tools later): what to confirm and how
// to say it, running the action on one or several targets with bounded concurrency, following VCD's tasks (the Sites
// and Tasks views show them), and the summary. No command, prompt or notification here: callers pass `confirm` and
// `progress`, and show the summary their own way. Every caller confirms first (run() asks `confirm` when the action
// can lose work, before anything is sent).
import { messageOf } from '../platform/errorText';
import type { Log } from '../platform/log';
import type { Site } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { TaskTracker } from '../tree/taskTracker';
import {
  isTaskFailed, isVcdError, powerActionLabel, refusalByRecord, statusesFor, taskFailure, type PowerAction, type ResourceStatus, type TaskInfo,
  type TaskWaitOptions,
} from '../vcd';

/** A VM or vApp to act on, as the tree (or a tool) knows it. */
export interface PowerTarget {
  /** The configured site (looked up in the settings, never taken from an argument as is). */
  site: Site;
  kind: 'vm' | 'vapp';
  href: string;
  name: string;
  /** The tree id of its node (site + href): the Sites view shows the running operation there. */
  key: string;
  orgName?: string;
  vdcName?: string;
  vappName?: string;
  /** Its state as last listed (a query record), to leave out at once what the action does not apply to. */
  status?: ResourceStatus;
  vmToolsStatus?: string;
}

export interface Confirmation {
  /** One line naming the action and the target(s). */
  message: string;
  /** Where (site, organization) and what it does. */
  detail: string;
  /** The label of the button that goes ahead, e.g. "Power Off". */
  confirmLabel: string;
}

/** How one target ended. */
export type PowerOutcome =
  | { kind: 'succeeded'; target: PowerTarget; task: TaskInfo }
  /** The task failed (VCD's message in `reason`), or a request failed. */
  | { kind: 'failed'; target: PowerTarget; reason: string; task?: TaskInfo }
  /** Busy with another operation (its own task, or VCD's BUSY_ENTITY): nothing was done. */
  | { kind: 'busy'; target: PowerTarget; reason: string }
  /** The action does not apply to its state (as listed, or as VCD says now): nothing was sent. */
  | { kind: 'refused'; target: PowerTarget; reason: string }
  /** Its task was canceled (through Cancel Task, or by someone in VCD). */
  | { kind: 'canceled'; target: PowerTarget; task: TaskInfo }
  /** The person cancelled before its request was sent. */
  | { kind: 'notSent'; target: PowerTarget }
  /** Still running when the person cancelled the wait; VCD goes on, and the views follow it. */
  | { kind: 'running'; target: PowerTarget; task: TaskInfo };

export interface PowerRun {
  action: PowerAction;
  outcomes: PowerOutcome[];
  /** The person pressed Cancel: what was not sent yet was not sent. */
  cancelled: boolean;
  /** The outcomes once the tasks still running at the end of run() ended too (the same as `outcomes` if none ran on). */
  finished: Promise<PowerOutcome[]>;
}

export interface PowerRunOptions {
  /** Asked before anything is sent when the action can lose work; false stops here. */
  confirm(confirmation: Confirmation): Promise<boolean>;
  /** Runs the work under a progress indicator whose Cancel aborts the signal; `report` says how far it is. */
  progress<T>(title: string, work: (signal: AbortSignal, report: (done: number, total: number) => void) => Promise<T>): Promise<T>;
}

export interface PowerOperationsOptions {
  clients: SiteClients;
  tasks: TaskTracker;
  log: Log;
  /** A VM or vApp may have changed state (VCD refused what its node offered): list its level again. */
  stateMayHaveChanged?(target: PowerTarget): void;
  /** How tasks are waited for (tests shorten the delays). */
  waitOptions?: () => Pick<TaskWaitOptions, 'initialDelayMs' | 'maxDelayMs' | 'sleep'>;
}

/** Targets acted on at the same time (each holds its place until its task ended). */
export const POWER_CONCURRENCY = 4;
/** Names listed in a confirmation or a summary before "and N more". */
const MAX_NAMES = 10;

/** What the action does, said of one target ("it") or several ("they"). Undefined: nothing to lose, no question. */
function effect(action: PowerAction, several: boolean): string | undefined {
  const it = several ? 'They' : 'It';
  const its = several ? 'their' : 'its';
  const s = several ? '' : 's';
  switch (action) {
    case 'powerOff':
      return `${it} stop${s} at once, without shutting down ${its} guest OS, like pulling the plug: work not saved in ${several ? 'them' : 'it'} is lost. VCD also undeploys ${several ? 'them' : 'it'}.`;
    case 'shutdown':
      return `${several ? 'Their' : 'Its'} guest OS is asked to shut down through VMware Tools: programs are closed, and work not saved in them may be lost. VCD then undeploys ${several ? 'them' : 'it'}.`;
    case 'reset':
      return `${it} restart${s} at once, without shutting down ${its} guest OS: work not saved in ${several ? 'them' : 'it'} is lost.`;
    case 'reboot':
      return `${several ? 'Their' : 'Its'} guest OS is restarted through VMware Tools: programs are closed, and work not saved in them may be lost.`;
    case 'suspend':
      return `${several ? 'Their' : 'Its'} memory is saved and ${several ? 'they stop' : 'it stops'} running: connections to ${several ? 'them' : 'it'} drop, and ${several ? 'they serve' : 'it serves'} nothing until powered on again.`;
    case 'discardSuspendedState':
      return `The memory saved when ${several ? 'they were' : 'it was'} suspended is thrown away: ${several ? 'they end' : 'it ends'} powered off, and work that was only in memory is lost.`;
    case 'powerOn':
      return undefined;
  }
}

/** How a confirmation starts: "Power off the VM “x”?", "Shut down the guest OS of 3 VMs?". */
const QUESTION_VERB: Record<PowerAction, string> = {
  powerOn: 'Power on',
  powerOff: 'Power off',
  shutdown: 'Shut down the guest OS of',
  reset: 'Reset',
  reboot: 'Reboot the guest OS of',
  suspend: 'Suspend',
  discardSuspendedState: 'Discard the suspended state of',
};

/** "the VM", "the vApp", "3 VMs", "2 VMs and 1 vApp". */
export function targetWords(targets: readonly Pick<PowerTarget, 'kind'>[]): string {
  const vms = targets.filter((t) => t.kind === 'vm').length;
  const vapps = targets.length - vms;
  const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (targets.length === 1) return vms === 1 ? 'the VM' : 'the vApp';
  if (vapps === 0) return count(vms, 'VM');
  if (vms === 0) return count(vapps, 'vApp');
  return `${count(vms, 'VM')} and ${count(vapps, 'vApp')}`;
}

export function where(t: PowerTarget): string {
  const org = t.orgName ?? (t.site.isSystem ? undefined : t.site.org);
  return [`site ${t.site.name}`, org ? `organization ${org}` : undefined].filter(Boolean).join(', ');
}

/** "web-01, db (primary) and 3 more". */
export function nameList(names: readonly string[], max = MAX_NAMES): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= max) return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  return `${quoted.slice(0, max).join(', ')} and ${quoted.length - max} more`;
}

/**
 * The question to ask before the action, naming the target(s), site and organization and what happens; undefined when
 * the action cannot lose work (Power On).
 */
export function confirmationFor(action: PowerAction, targets: readonly PowerTarget[]): Confirmation | undefined {
  const several = targets.length > 1;
  const what = effect(action, several);
  if (what === undefined || targets.length === 0) return undefined;
  const label = powerActionLabel(action);
  const verb = QUESTION_VERB[action];
  if (!several) {
    const t = targets[0];
    const inVApp = t.kind === 'vm' && t.vappName ? ` in vApp “${t.vappName}”` : '';
    return {
      message: `${verb} ${targetWords(targets)} “${t.name}”?`,
      detail: `“${t.name}”${inVApp} on ${where(t)}.\n\n${what}`,
      confirmLabel: label,
    };
  }
  const lines = targets.slice(0, MAX_NAMES).map((t) => `• ${t.name} (${where(t)})`);
  if (targets.length > MAX_NAMES) lines.push(`• and ${targets.length - MAX_NAMES} more`);
  return { message: `${verb} ${targetWords(targets)}?`, detail: `${lines.join('\n')}\n\n${what}`, confirmLabel: label };
}

const reasonOf = messageOf;

export class PowerOperations {
  private readonly stop = new AbortController();

  constructor(private readonly options: PowerOperationsOptions) {}

  /**
   * Runs the action on the targets: leaves out at once those whose listed state does not allow it, asks `confirm`
   * (when the action can lose work) about the rest, then, under `progress`, for at most POWER_CONCURRENCY targets at a
   * time: reads the entity (its state and links now), starts the action, and follows VCD's task to its end. Cancel
   * (the progress' signal) stops what was not sent yet; tasks already running go on, followed in the views, and
   * `finished` resolves when they end. Resolves to undefined when the person declined.
   */
  async run(action: PowerAction, targets: readonly PowerTarget[], options: PowerRunOptions): Promise<PowerRun | undefined> {
    const unique = [...new Map(targets.map((t) => [`${t.site.id}|${t.href}`, t])).values()];
    const outcomes = new Map<PowerTarget, PowerOutcome>();
    const todo: PowerTarget[] = [];
    for (const target of unique) {
      // What the list shows decides at once (a multi-selection may hold VMs the action does not apply to); VCD has the
      // last word for the others.
      const refusal =
        statusesFor(action, target.kind).length === 0 ? `${powerActionLabel(action)} is for vApps only.`
        : target.status !== undefined ? refusalByRecord(action, target.kind, target.status, target.vmToolsStatus)
        : undefined;
      if (refusal !== undefined) outcomes.set(target, { kind: 'refused', target, reason: refusal });
      else todo.push(target);
    }
    const label = powerActionLabel(action);
    if (todo.length > 0) {
      const question = confirmationFor(action, todo);
      if (question !== undefined && !(await options.confirm(question))) return undefined;
    }
    const background: Promise<PowerOutcome>[] = [];
    let cancelled = false;
    if (todo.length > 0) {
      const title = todo.length === 1 ? `${label}: “${todo[0].name}”` : `${label}: ${targetWords(todo)}`;
      cancelled = await options.progress(title, async (signal, report) => {
        let next = 0;
        let done = 0;
        report(0, todo.length);
        // Per target taken: resolves once it has an outcome, or its task runs (and is followed): what Cancel waits for.
        const sent: Promise<void>[] = [];
        const worker = async (): Promise<void> => {
          while (next < todo.length && !signal.aborted) {
            const target = todo[next++];
            let markSent!: () => void;
            sent.push(new Promise<void>((resolve) => (markSent = resolve)));
            const job = this.runOne(action, target, signal, markSent).then((outcome) => {
              outcomes.set(target, outcome);
              report(++done, todo.length);
              markSent();
              return outcome;
            });
            background.push(job);
            await job;
          }
        };
        const workers = Promise.all(Array.from({ length: Math.min(POWER_CONCURRENCY, todo.length) }, () => worker()));
        const aborted = new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
        await Promise.race([workers, aborted.then(() => Promise.all(sent))]);
        return signal.aborted;
      });
    }
    for (const target of todo) {
      if (outcomes.has(target)) continue;
      const tracked = this.options.tasks.runningFor(target.key);
      outcomes.set(target, tracked ? { kind: 'running', target, task: tracked.task } : { kind: 'notSent', target });
    }
    const order = (list: Map<PowerTarget, PowerOutcome>): PowerOutcome[] => unique.map((t) => list.get(t)).filter((o): o is PowerOutcome => o !== undefined);
    const result = order(outcomes);
    const finished = Promise.all(background).then(() => order(outcomes));
    return { action, outcomes: result, cancelled, finished };
  }

  /** One target: read it, start the action, follow the task (`running` is called once it runs). Never rejects. */
  private async runOne(action: PowerAction, target: PowerTarget, signal: AbortSignal, running: () => void): Promise<PowerOutcome> {
    const { log, tasks } = this.options;
    const label = powerActionLabel(action);
    const client = this.options.clients.client(target.site);
    let task: TaskInfo;
    try {
      // Reading is not sending: Cancel still stops it.
      const entity = await client.entity(target.href, signal);
      if (signal.aborted) return { kind: 'notSent', target };
      // The action itself is not aborted once it is on its way: VCD may have done it.
      task = await client.startPowerAction(entity, action);
    } catch (err) {
      if (signal.aborted && isVcdError(err, 'cancelled')) return { kind: 'notSent', target };
      const reason = reasonOf(err);
      log.warn(`${label} of “${target.name}” (${target.site.name}) was not done: ${reason}`);
      if (isVcdError(err, 'busy')) return { kind: 'busy', target, reason };
      if (isVcdError(err, 'badRequest')) {
        // The list offered it, VCD does not: the state changed meanwhile. Show it as it is.
        this.options.stateMayHaveChanged?.(target);
        return { kind: 'refused', target, reason };
      }
      return { kind: 'failed', target, reason };
    }
    log.info(`${label} of “${target.name}” (${target.site.name}): task ${task.href} ${task.status}`);
    tasks.start({ siteId: target.site.id, targetKey: target.key, target: { href: target.href, name: target.name, kind: target.kind }, action, task });
    running();
    let end: TaskInfo;
    try {
      end = await client.waitForTask(task, { ...this.options.waitOptions?.(), signal: this.stop.signal, onUpdate: (t) => tasks.update(t) });
    } catch (err) {
      tasks.forget(task.href);
      const reason = reasonOf(err);
      log.warn(`${label} of “${target.name}”: stopped following task ${task.href}: ${reason}`);
      return { kind: 'failed', target, reason, task };
    }
    tasks.update(end);
    log.info(`${label} of “${target.name}” (${target.site.name}): task ${end.href} ${end.status}${end.error?.message ? `: ${end.error.message}` : ''}`);
    if (end.status === 'success') return { kind: 'succeeded', target, task: end };
    if (end.status === 'canceled') return { kind: 'canceled', target, task: end };
    if (isTaskFailed(end.status)) return { kind: 'failed', target, reason: taskFailure(end, `${label} of “${target.name}”`).message, task: end };
    return { kind: 'failed', target, reason: `${label} of “${target.name}” ended with status ${end.status}.`, task: end };
  }

  /**
   * Asks VCD to cancel a task (of a site) through the cancel link it offers now. Says what happened: asked, already
   * ended (with its status), or not offered (VCD does not let this user cancel it).
   */
  async cancel(site: Site, taskHref: string, signal?: AbortSignal): Promise<{ outcome: 'asked' | 'ended' | 'notOffered'; task: TaskInfo }> {
    const client = this.options.clients.client(site);
    const task = await client.task(taskHref, signal);
    if (task.status === 'success' || task.status === 'error' || task.status === 'canceled' || task.status === 'aborted') return { outcome: 'ended', task };
    if (task.cancelHref === undefined) return { outcome: 'notOffered', task };
    await client.cancelTask(task, signal);
    this.options.log.info(`Asked ${site.name} to cancel task ${task.href} (${task.operationName ?? task.operation ?? 'task'})`);
    return { outcome: 'asked', task };
  }

  /** Stops following tasks (the extension is deactivated); VCD goes on with them. */
  dispose(): void {
    this.stop.abort();
  }
}

export interface PowerSummary {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** The task to offer with Open Task (one failed task). */
  openTask?: { site: Site; href: string; name: string };
}

/**
 * The summary of a run in the person's words: for one target, what went wrong (nothing to say when it succeeded); for
 * several, which succeeded and which did not, and why. Undefined when there is nothing to tell.
 */
export function summarize(run: Pick<PowerRun, 'action' | 'outcomes' | 'cancelled'>): PowerSummary | undefined {
  const label = powerActionLabel(run.action);
  const of = <K extends PowerOutcome['kind']>(kind: K): Extract<PowerOutcome, { kind: K }>[] => run.outcomes.filter((o): o is Extract<PowerOutcome, { kind: K }> => o.kind === kind);
  const failed = of('failed'), busy = of('busy'), refused = of('refused'), canceled = of('canceled'), notSent = of('notSent'), running = of('running');
  const succeeded = of('succeeded');
  const failedTasks = failed.filter((o) => o.task !== undefined && isTaskFailed(o.task.status));
  const openTask = failedTasks.length === 1 ? { site: failedTasks[0].target.site, href: failedTasks[0].task!.href, name: `${label} ${failedTasks[0].target.name}` } : undefined;
  if (run.outcomes.length === 1) {
    const o = run.outcomes[0];
    switch (o.kind) {
      case 'succeeded': return undefined;
      case 'failed': return { severity: 'error', message: o.reason.startsWith(`${label} of`) ? o.reason : `${label} of “${o.target.name}” failed: ${o.reason}`, openTask };
      case 'busy': return { severity: 'warning', message: o.reason };
      case 'refused': return { severity: 'warning', message: `${label} of “${o.target.name}” was not done: ${o.reason.replace(/^“[^”]*”: /, '')}` };
      case 'canceled': return { severity: 'info', message: `${label} of “${o.target.name}” was canceled.` };
      case 'notSent': return { severity: 'info', message: `${label} of “${o.target.name}” was not sent: you cancelled it.` };
      case 'running': return { severity: 'info', message: `${label} of “${o.target.name}” goes on in VCD; the Tasks view follows it.` };
    }
  }
  const parts: string[] = [];
  const names = (list: readonly PowerOutcome[]): string => nameList(list.map((o) => o.target.name));
  // Each reason once, without the action and name it repeats ("Power On of “x” failed: …", "“x”: …").
  const why = (list: readonly (PowerOutcome & { reason: string })[]): string =>
    list.slice(0, 3).map((o) => `“${o.target.name}”: ${o.reason.replace(/^.*? failed: /, '').replace(/^“[^”]*”: /, '')}`).join('; ') +
    (list.length > 3 ? `; and ${list.length - 3} more (see the log)` : '');
  if (succeeded.length > 0) parts.push(`${succeeded.length === run.outcomes.length ? 'all ' : ''}${succeeded.length} succeeded (${names(succeeded)})`);
  if (failed.length > 0) parts.push(`${failed.length} failed — ${why(failed)}`);
  if (busy.length > 0) parts.push(`${busy.length} ${busy.length === 1 ? 'was' : 'were'} busy (${names(busy)})`);
  if (refused.length > 0) parts.push(`${refused.length} did not allow it — ${why(refused)}`);
  if (canceled.length > 0) parts.push(`${canceled.length} canceled (${names(canceled)})`);
  if (running.length > 0) parts.push(`${running.length} still running in VCD (${names(running)})`);
  if (notSent.length > 0) parts.push(`${notSent.length} not sent (${names(notSent)})`);
  const severity = failed.length > 0 ? 'error' : busy.length + refused.length + canceled.length + notSent.length + running.length > 0 ? 'warning' : 'info';
  return { severity, message: `${label} of ${targetWords(run.outcomes.map((o) => o.target))}: ${parts.join('; ')}.`, openTask };
}
