// What the Tasks view lists for a site: the server's recent tasks and those started from this window, each once,
// newest first. Pure: no vscode import.
import { isTaskFinished, type TaskRecord, type TaskStatus } from '../vcd';
import type { TrackedTask } from './taskTracker';

/** What the Tasks view shows of one task, from the server's record and/or the task started here. */
export interface TaskFactsOf {
  href: string;
  operationName?: string;
  operationFull?: string;
  status: TaskStatus;
  progress?: number;
  start?: string;
  end?: string;
  user?: string;
  org?: string;
  targetName?: string;
  targetType?: string;
  message?: string;
}

function fromRecord(r: TaskRecord): TaskFactsOf {
  return {
    href: r.href, operationName: r.name, operationFull: r.operationFull, status: r.status, progress: r.progress, start: r.startDate,
    end: r.endDate, user: r.ownerName, org: r.orgName, targetName: r.objectName, targetType: r.objectType, message: r.message,
  };
}

export function fromTracked(t: TrackedTask): TaskFactsOf {
  return {
    href: t.task.href, operationName: t.task.operationName, operationFull: t.task.operation, status: t.task.status, progress: t.task.progress,
    start: t.task.startTime ?? new Date(t.startedAt).toISOString(), end: t.task.endTime, user: t.task.user?.name, org: t.task.organization?.name,
    targetName: t.target.name, targetType: t.target.kind, message: t.task.error?.message,
  };
}

/** The server's tasks and those started here, each once (a task started here is read more often: its state wins). */
export function mergeTasks(server: readonly TaskRecord[], here: readonly TrackedTask[]): TaskFactsOf[] {
  const byHref = new Map<string, TaskFactsOf>();
  for (const r of server) if (r.href !== '') byHref.set(r.href, fromRecord(r));
  for (const t of here) {
    const known = byHref.get(t.task.href);
    const mine = fromTracked(t);
    // The server's record may be newer when it says the task ended (this window stopped following it).
    if (known && isTaskFinished(known.status) && !isTaskFinished(mine.status)) continue;
    byHref.set(t.task.href, known ? { ...known, status: mine.status, progress: mine.progress, end: mine.end ?? known.end, message: mine.message ?? known.message } : mine);
  }
  const time = (f: TaskFactsOf): number => {
    const ms = Date.parse(f.start ?? '');
    return Number.isFinite(ms) ? ms : 0;
  };
  return [...byHref.values()].sort((a, b) => time(b) - time(a));
}

