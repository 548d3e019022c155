// VCD tasks (vcd-api.md §6.2, §10.5): what a power action answers with (202 + Task), how the task moves
// queued → running → success | error | canceled, who may see and cancel it, and the busy state of the entities it
// works on. The timing is an option: by the simulator's clock (`time`, the default, for `npm start`), or one step per
// GET of the task (`polls`, for tests that must not depend on the wall clock); `hold` keeps running tasks running.
import { createPrng } from './prng';
import { rightsOf, type Org, type User, type VApp, type Vm } from './inventory';
import type { TaskTimingOptions } from './types';

export type SimTaskStatus = 'queued' | 'running' | 'success' | 'error' | 'canceled' | 'aborted';

/** The VCD error a failed task carries (its `<Error>` element). */
export interface SimTaskError {
  message: string;
  minorErrorCode: string;
  majorErrorCode: number;
}

export interface SimTask {
  id: string;
  /** e.g. `vappUndeployPowerOff` (Task@operationName, TaskRecord@name). */
  operationName: string;
  /** e.g. `Stopping Virtual Machine web-01(uuid)` (Task@operation, TaskRecord@operationFull). */
  operation: string;
  /** The entity it works on (Task/Owner): a VM, or a vApp. */
  vapp: VApp;
  vm?: Vm;
  org: Org;
  /** Who started it (Task/User, TaskRecord@ownerName). */
  user: User;
  status: SimTaskStatus;
  progress: number;
  startMs: number;
  endMs?: number;
  /** GETs of the task so far (`polls` timing). */
  polls: number;
  cancelRequested: boolean;
  error?: SimTaskError;
  /** The state change the task makes when it succeeds. */
  apply?: () => void;
  /** Set by a `failTask` fault: the task ends with this error instead of applying its change. */
  failWith?: SimTaskError;
}

/** May this session see the task? The System org: all; a tenant: its org's (a user without the org-wide view: its own). */
export function canSeeTask(user: User, task: SimTask): boolean {
  if (user.org.isSystem) return true;
  if (task.org !== user.org) return false;
  return rightsOf(user).viewAllVApps || task.user === user;
}

/** May this session cancel it? Who started it, an administrator of its org, or the System org. */
export function canCancel(user: User, task: SimTask): boolean {
  return user.org.isSystem || task.user === user || (task.org === user.org && user.role === 'Organization Administrator');
}

export const ACTIVE: ReadonlySet<SimTaskStatus> = new Set(['queued', 'running']);

/** Finished tasks kept for GET and the query service (oldest dropped first), like VCD's task retention. */
const MAX_KEPT = 1000;

export interface Timing {
  advance: 'time' | 'polls';
  queuedMs: number;
  runningMs: number;
  runningPolls: number;
}

export function timingOf(options: TaskTimingOptions | undefined, previous?: Timing): Timing {
  const base: Timing = previous ?? { advance: 'time', queuedMs: 300, runningMs: 2500, runningPolls: 2 };
  const ms = (v: number | undefined, fallback: number): number => (v === undefined || !Number.isFinite(v) || v < 0 ? fallback : Math.floor(v));
  return {
    advance: options?.advance ?? base.advance,
    queuedMs: ms(options?.queuedMs, base.queuedMs),
    runningMs: ms(options?.runningMs, base.runningMs),
    runningPolls: Math.max(0, Math.floor(options?.runningPolls ?? base.runningPolls)),
  };
}

/** The progress a held task stops at. */
const HELD_PROGRESS = 90;

export class TaskEngine {
  readonly tasks: SimTask[] = [];
  private readonly byId = new Map<string, SimTask>();
  /** The latest task per entity id (records carry its href and status), and the active ones. */
  private readonly latest = new Map<string, SimTask>();
  private timing: Timing;
  private held = false;
  private readonly ids;

  /**
   * @param now The simulator's clock (ms; `advanceClock` moves it).
   * @param changed Called after every change a client could see (status, progress, state of an entity), so that the
   * query service forgets what it cached.
   */
  constructor(
    private readonly now: () => number,
    timing: TaskTimingOptions | undefined,
    private readonly changed: () => void,
    seed: number,
  ) {
    this.timing = timingOf(timing);
    this.ids = createPrng((seed ^ 0x7a5c) >>> 0);
  }

  setTiming(options: TaskTimingOptions): void {
    this.timing = timingOf(options, this.timing);
  }

  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
    this.tick();
  }

  get(id: string): SimTask | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** The entity's latest task (any status), for the `task*` attributes of records. */
  latestFor(entityId: string): SimTask | undefined {
    return this.latest.get(entityId);
  }

  /** Queued or running tasks on the vApp itself, or on one of its VMs. */
  activeOnVApp(vapp: VApp): SimTask[] {
    return this.tasks.filter((t) => ACTIVE.has(t.status) && t.vapp === vapp);
  }

  /** Queued or running tasks that keep this entity busy: its own, its vApp's (a vApp task locks its VMs), or its VMs'. */
  busyWith(vapp: VApp, vm?: Vm): SimTask[] {
    return this.activeOnVApp(vapp).filter((t) => vm === undefined || t.vm === undefined || t.vm === vm);
  }

  /** A new task, queued. It succeeds by running `apply`, or fails with `failWith`. */
  start(task: Omit<SimTask, 'id' | 'status' | 'progress' | 'startMs' | 'polls' | 'cancelRequested'>): SimTask {
    const created: SimTask = { ...task, id: this.ids.uuid(), status: 'queued', progress: 0, startMs: this.now(), polls: 0, cancelRequested: false };
    this.tasks.push(created);
    this.byId.set(created.id, created);
    this.remember(created);
    this.prune();
    this.changed();
    return created;
  }

  /** A task that ended before the simulator started (the demo's history). */
  record(task: Omit<SimTask, 'id' | 'polls' | 'cancelRequested'>): SimTask {
    const created: SimTask = { ...task, id: this.ids.uuid(), polls: 0, cancelRequested: false };
    this.tasks.push(created);
    this.byId.set(created.id, created);
    this.remember(created);
    return created;
  }

  /** A GET of the task document: in `polls` timing, the task moves one step. */
  polled(task: SimTask): void {
    if (!ACTIVE.has(task.status)) return;
    task.polls++;
    if (this.timing.advance === 'polls') this.stepByPolls(task);
  }

  /** `time` timing: every active task moves to where the clock says it is. Called before every request. */
  tick(): void {
    if (this.timing.advance !== 'time') return;
    for (const task of this.tasks) if (ACTIVE.has(task.status)) this.stepByTime(task);
  }

  /** POST …/action/cancel: an active task ends as canceled, without its change. False when it already ended. */
  cancel(task: SimTask): boolean {
    if (!ACTIVE.has(task.status)) return false;
    task.cancelRequested = true;
    task.status = 'canceled';
    task.endMs = this.now();
    this.changed();
    return true;
  }

  private stepByPolls(task: SimTask): void {
    const steps = this.timing.runningPolls + 1;
    const progress = Math.round((100 * Math.min(task.polls, steps)) / steps);
    if (task.polls >= steps && !this.held) {
      this.finish(task);
      return;
    }
    this.set(task, 'running', Math.min(progress, this.held ? HELD_PROGRESS : 99));
  }

  private stepByTime(task: SimTask): void {
    const elapsed = this.now() - task.startMs;
    const { queuedMs, runningMs } = this.timing;
    if (elapsed < queuedMs) return;
    if (elapsed >= queuedMs + runningMs && !this.held) {
      this.finish(task);
      return;
    }
    const share = runningMs === 0 ? 1 : (elapsed - queuedMs) / runningMs;
    this.set(task, 'running', Math.min(Math.floor(100 * share), this.held ? HELD_PROGRESS : 99));
  }

  private set(task: SimTask, status: SimTaskStatus, progress: number): void {
    if (task.status === status && task.progress === progress) return;
    task.status = status;
    task.progress = Math.max(task.progress, progress);
    this.changed();
  }

  private finish(task: SimTask): void {
    task.endMs = this.now();
    if (task.failWith) {
      task.status = 'error';
      task.error = task.failWith;
    } else {
      task.apply?.();
      task.status = 'success';
      task.progress = 100;
    }
    this.changed();
  }

  private remember(task: SimTask): void {
    this.latest.set(task.vapp.id, task);
    if (task.vm) this.latest.set(task.vm.id, task);
  }

  private prune(): void {
    while (this.tasks.length > MAX_KEPT) {
      const index = this.tasks.findIndex((t) => !ACTIVE.has(t.status));
      if (index < 0) return;
      const [gone] = this.tasks.splice(index, 1);
      this.byId.delete(gone.id);
    }
  }
}
