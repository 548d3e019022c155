// The VCD tasks started from this window, as they run: the Sites view shows a node's running operation from it
// ("Powering on… 40%"), the Tasks view lists them with the server's recent tasks. Pure: no vscode import; the tree
// providers subscribe to its changes.
import { isTaskFinished, type PowerAction, type TaskInfo } from '../vcd';

export interface TrackedTask {
  readonly siteId: string;
  /** The tree id of the VM or vApp node (site + href): what the Sites view redraws. */
  readonly targetKey: string;
  readonly target: { readonly href: string; readonly name: string; readonly kind: 'vm' | 'vapp' };
  readonly action: PowerAction;
  /** The task as last read. */
  task: TaskInfo;
  /** When it was started here (ms since the epoch). */
  readonly startedAt: number;
}

export interface TrackerEvent {
  /** started: a new task; updated: its status or progress changed; ended: it is final (success, error, canceled, aborted). */
  readonly kind: 'started' | 'updated' | 'ended';
  readonly tracked: TrackedTask;
}

/** Tasks kept per site after they ended (the newest), for the Tasks view. */
export const MAX_TRACKED_PER_SITE = 50;

export class TaskTracker {
  private readonly running = new Map<string, TrackedTask>();
  private readonly bySite = new Map<string, TrackedTask[]>();
  private readonly listeners = new Set<(event: TrackerEvent) => void>();

  /** A task VCD accepted for a VM or vApp of a site. */
  start(tracked: Omit<TrackedTask, 'startedAt'> & { startedAt?: number }): TrackedTask {
    const entry: TrackedTask = { ...tracked, startedAt: tracked.startedAt ?? Date.now() };
    const list = [entry, ...(this.bySite.get(entry.siteId) ?? []).filter((t) => t.task.href !== entry.task.href)];
    // Running ones are never dropped; of the ended ones, the newest are kept.
    let ended = 0;
    this.bySite.set(entry.siteId, list.filter((t) => !isTaskFinished(t.task.status) || ++ended <= MAX_TRACKED_PER_SITE));
    if (isTaskFinished(entry.task.status)) {
      this.emit({ kind: 'started', tracked: entry });
      this.emit({ kind: 'ended', tracked: entry });
      return entry;
    }
    this.running.set(entry.task.href, entry);
    this.emit({ kind: 'started', tracked: entry });
    return entry;
  }

  /** A newer reading of a task started here; the end when it is final. Unknown tasks are ignored. */
  update(task: TaskInfo): void {
    const entry = this.running.get(task.href);
    if (entry === undefined) return;
    const changed = entry.task.status !== task.status || entry.task.progress !== task.progress;
    entry.task = task;
    if (isTaskFinished(task.status)) {
      this.running.delete(task.href);
      this.emit({ kind: 'ended', tracked: entry });
    } else if (changed) {
      this.emit({ kind: 'updated', tracked: entry });
    }
  }

  /** Stops following a task that is not final (its poll gave up): it stays listed as last read. */
  forget(taskHref: string): void {
    const entry = this.running.get(taskHref);
    if (entry === undefined) return;
    this.running.delete(taskHref);
    this.emit({ kind: 'ended', tracked: entry });
  }

  /** The running task of a VM or vApp node started here, if any. */
  runningFor(targetKey: string): TrackedTask | undefined {
    for (const entry of this.running.values()) if (entry.targetKey === targetKey) return entry;
    return undefined;
  }

  /** A task started here, by its href. */
  byHref(taskHref: string): TrackedTask | undefined {
    return this.running.get(taskHref) ?? [...this.bySite.values()].flat().find((t) => t.task.href === taskHref);
  }

  /** The tasks started here for a site, newest first. */
  forSite(siteId: string): readonly TrackedTask[] {
    return this.bySite.get(siteId) ?? [];
  }

  /** Running tasks started here. */
  get runningCount(): number {
    return this.running.size;
  }

  onDidChange(listener: (event: TrackerEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(event: TrackerEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a failing view must not stop the others
      }
    }
  }
}
