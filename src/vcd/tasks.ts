// VCD tasks (vcd-api.md §6.2): reading a Task document (XML or JSON, untrusted: every text capped, numbers clamped,
// lists bounded), telling running from final states, and waiting for the end with a backoff from 1 s up to 5 s that is
// bounded (by the time it waits in total), abortable, and takes its timer from the caller (tests pass their own).
import { setTimeout as sleepFor } from 'node:timers/promises';
import { VcdError, isVcdError, type VcdErrorKind } from './errors';
import { JsonObject, arr, numberField, obj, parseJsonObject, str } from './json';
import type { EntityReference, TaskInfo, TaskStatus } from './types';
import { XmlElement, XmlSyntaxError, attr, childElements, childText, parseXml, rootElement } from './xml';

/** Longest text kept from a task (operation, message, names): more is cut with an ellipsis. */
export const MAX_TASK_TEXT = 2000;
/** A Task document larger than this is not read (a task is a few KB). */
export const MAX_TASK_BYTES = 1024 * 1024;
/** Links of a task looked at. */
const MAX_TASK_LINKS = 100;

const STATUSES: ReadonlySet<string> = new Set<TaskStatus>(['queued', 'preRunning', 'running', 'postRunning', 'success', 'error', 'canceled', 'aborted']);
const FINAL: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['success', 'error', 'canceled', 'aborted']);

/** A status as sent (any case) → TaskStatus; anything else is `unknown`. */
export function taskStatus(value: string | undefined): TaskStatus {
  const text = (value ?? '').trim();
  for (const s of STATUSES) if (s.toLowerCase() === text.toLowerCase()) return s as TaskStatus;
  return 'unknown';
}

/** success, error, canceled or aborted: the task will not change any more. */
export function isTaskFinished(status: TaskStatus): boolean {
  return FINAL.has(status);
}

/** error or aborted: the task failed (canceled is what someone asked for). */
export function isTaskFailed(status: TaskStatus): boolean {
  return status === 'error' || status === 'aborted';
}

function cap(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.length <= MAX_TASK_TEXT ? value : `${value.slice(0, MAX_TASK_TEXT - 1)}…`;
}

function progressOf(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : Math.min(100, Math.max(0, Math.round(value)));
}

function isJson(body: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /[/+]json\b/i.test(contentType)) return true;
  if (contentType !== undefined && /[/+]xml\b/i.test(contentType)) return false;
  return body.trimStart().startsWith('{');
}

function withOptional(task: TaskInfo, optional: Partial<TaskInfo>): TaskInfo {
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (task as unknown as Record<string, unknown>)[key] = value;
  }
  return task;
}

function xmlReference(element: XmlElement | undefined): EntityReference | undefined {
  if (element === undefined) return undefined;
  const ref: EntityReference = {};
  const href = attr(element, 'href'), name = cap(attr(element, 'name')), type = cap(attr(element, 'type'));
  if (href !== undefined) ref.href = href;
  if (name !== undefined) ref.name = name;
  if (type !== undefined) ref.type = type;
  return ref;
}

function jsonReference(o: JsonObject | undefined): EntityReference | undefined {
  if (o === undefined) return undefined;
  const ref: EntityReference = {};
  const href = str(o, 'href'), name = cap(str(o, 'name')), type = cap(str(o, 'type'));
  if (href !== undefined) ref.href = href;
  if (name !== undefined) ref.name = name;
  if (type !== undefined) ref.type = type;
  return ref;
}

function parseXmlTask(body: string): TaskInfo {
  const { name, element } = rootElement(parseXml(body, ['Link']));
  if (name !== 'Task') throw new XmlSyntaxError(`Expected Task, got ${name}.`);
  return taskFromXml(element);
}

/** A Task element (a document's root, or an entity's `<Tasks>` child). */
export function taskFromXml(element: XmlElement): TaskInfo {
  const href = attr(element, 'href');
  if (href === undefined || href === '') throw new XmlSyntaxError('The task has no href.');
  const links = childElements(element, 'Link').slice(0, MAX_TASK_LINKS);
  const error = childElements(element, 'Error')[0];
  const major = error === undefined ? undefined : Number(attr(error, 'majorErrorCode'));
  const progress = childText(element, 'Progress');
  const cancel = links.find((l) => attr(l, 'rel') === 'task:cancel');
  return withOptional({ href, status: taskStatus(attr(element, 'status')) }, {
    id: cap(attr(element, 'id')),
    operationName: cap(attr(element, 'operationName')),
    operation: cap(attr(element, 'operation')),
    progress: progress === undefined || progress.trim() === '' ? undefined : progressOf(Number(progress)),
    startTime: cap(attr(element, 'startTime')),
    endTime: cap(attr(element, 'endTime')),
    owner: xmlReference(childElements(element, 'Owner')[0]),
    user: xmlReference(childElements(element, 'User')[0]),
    organization: xmlReference(childElements(element, 'Organization')[0]),
    error: error === undefined ? undefined : withError(cap(attr(error, 'message')), cap(attr(error, 'minorErrorCode')), major),
    cancelHref: cancel === undefined ? undefined : attr(cancel, 'href'),
    cancelRequested: attr(element, 'cancelRequested') === undefined ? undefined : attr(element, 'cancelRequested') === 'true',
    details: cap(childText(element, 'Details')),
  });
}

function withError(message: string | undefined, minorErrorCode: string | undefined, major: number | undefined): TaskInfo['error'] {
  const error: NonNullable<TaskInfo['error']> = {};
  if (message !== undefined) error.message = message;
  if (minorErrorCode !== undefined) error.minorErrorCode = minorErrorCode;
  if (major !== undefined && Number.isFinite(major)) error.majorErrorCode = major;
  return error;
}

/** A task in VCD's JSON (camelCase keys, `link` list, `owner`/`user`/`organization` objects, `error`). */
export function taskFromJson(root: JsonObject): TaskInfo {
  const href = str(root, 'href');
  if (href === undefined || href === '') throw new XmlSyntaxError('The task has no href.');
  const links = arr(root, 'link').slice(0, MAX_TASK_LINKS).filter((l): l is JsonObject => l !== null && typeof l === 'object' && !Array.isArray(l));
  const error = obj(root, 'error');
  const details = root.details;
  const cancelRequested = root.cancelRequested;
  return withOptional({ href, status: taskStatus(str(root, 'status')) }, {
    id: cap(str(root, 'id')),
    operationName: cap(str(root, 'operationName')),
    operation: cap(str(root, 'operation')),
    progress: progressOf(numberField(root, 'progress')),
    startTime: cap(str(root, 'startTime')),
    endTime: cap(str(root, 'endTime')),
    owner: jsonReference(obj(root, 'owner')),
    user: jsonReference(obj(root, 'user')),
    organization: jsonReference(obj(root, 'organization')),
    error: error === undefined ? undefined : withError(cap(str(error, 'message')), cap(str(error, 'minorErrorCode')), numberField(error, 'majorErrorCode')),
    cancelHref: str(links.find((l) => str(l, 'rel') === 'task:cancel' && str(l, 'href') !== undefined), 'href'),
    cancelRequested: typeof cancelRequested === 'boolean' ? cancelRequested : undefined,
    details: cap(typeof details === 'string' ? details : str(obj(root, 'details'), 'value')),
  });
}

/** Parses a Task document (`application/vnd.vmware.vcloud.task+xml|json`). Throws XmlSyntaxError when it is not one. */
export function parseTask(body: string, contentType: string | undefined): TaskInfo {
  if (body.length > MAX_TASK_BYTES) throw new XmlSyntaxError(`The task document has ${body.length} characters, more than the ${MAX_TASK_BYTES} this client reads.`);
  return isJson(body, contentType) ? taskFromJson(parseJsonObject(body)) : parseXmlTask(body);
}

/** The error for a task that ended in `error` or `aborted`, with VCD's own message. */
export function taskFailure(task: TaskInfo, what: string): VcdError {
  // VCD starts many messages with "[ <request id> ] ": kept in serverMessage (and the log), left out of the sentence.
  const said = task.error?.message?.replace(/\s+/g, ' ').trim().replace(/^\[ [^\]]{1,200} \] /, '');
  const message = said ? `${what} failed: ${said}` : task.status === 'aborted' ? `${what} was aborted by VCD.` : `${what} failed; VCD gave no reason.`;
  return new VcdError('taskFailed', message, {
    status: task.error?.majorErrorCode,
    code: task.error?.minorErrorCode,
    serverMessage: task.error?.message,
    request: `GET ${task.href}`,
  });
}

/** Waits `ms`, or rejects (VcdError cancelled) as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = async (ms, signal) => {
  try {
    await sleepFor(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (err) {
    throw new VcdError('cancelled', 'Waiting for the task was cancelled.', { cause: err });
  }
};

export interface TaskWaitOptions {
  signal?: AbortSignal;
  /** Called with each answer whose status or progress differs from the one before. */
  onUpdate?: (task: TaskInfo) => void;
  /** First wait before asking again (default 1000 ms); each next one doubles, up to `maxDelayMs` (default 5000 ms). */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Stop waiting after this much waiting in total (default one hour; the sum of the delays, not the wall clock):
   * the task goes on in VCD, and the wait fails with kind `timeout`.
   */
  maxWaitMs?: number;
  /** Failed reads in a row (network, timeout, 5xx, 429, unreadable answer) tolerated before giving up (default 3). */
  maxFailures?: number;
  /** The timer (tests pass one that does not wait). */
  sleep?: Sleep;
}

export const TASK_INITIAL_DELAY_MS = 1000;
export const TASK_MAX_DELAY_MS = 5000;
export const TASK_MAX_WAIT_MS = 60 * 60 * 1000;

const TRANSIENT: ReadonlySet<VcdErrorKind> = new Set<VcdErrorKind>(['network', 'timeout', 'serverError', 'rateLimited', 'malformedResponse', 'unreachable', 'exchangeFailed']);

/**
 * Reads the task again (`read`) until it is final, starting from `task` as last seen, and returns it as it ended
 * (success, error, canceled or aborted: the caller decides what they mean). Waits 1 s, 2 s, 4 s, then 5 s between
 * reads. Fails with `cancelled` when `signal` aborts, `timeout` after `maxWaitMs` of waiting, or the read's error
 * after `maxFailures` failed reads in a row (or at once for an error retrying cannot fix, e.g. forbidden).
 */
export async function waitForTask(read: (signal?: AbortSignal) => Promise<TaskInfo>, task: TaskInfo, options: TaskWaitOptions = {}): Promise<TaskInfo> {
  const wait = options.sleep ?? sleep;
  const maxDelay = Math.max(1, options.maxDelayMs ?? TASK_MAX_DELAY_MS);
  const maxWait = options.maxWaitMs ?? TASK_MAX_WAIT_MS;
  const maxFailures = Math.max(1, options.maxFailures ?? 3);
  let delay = Math.min(maxDelay, Math.max(1, options.initialDelayMs ?? TASK_INITIAL_DELAY_MS));
  let current = task;
  let waited = 0;
  let failures = 0;
  while (!isTaskFinished(current.status)) {
    if (options.signal?.aborted) throw new VcdError('cancelled', 'Waiting for the task was cancelled.');
    if (waited + delay > maxWait) {
      const minutes = Math.round(maxWait / 60_000);
      throw new VcdError(
        'timeout',
        `The task ${current.operation ?? current.operationName ?? current.href} is still ${current.status} after ${minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.round(maxWait / 1000)} seconds`}; VCD goes on with it.`,
        { request: `GET ${current.href}` },
      );
    }
    await wait(delay, options.signal);
    waited += delay;
    delay = Math.min(maxDelay, delay * 2);
    let next: TaskInfo;
    try {
      next = await read(options.signal);
    } catch (err) {
      if (isVcdError(err) && TRANSIENT.has(err.kind) && ++failures < maxFailures && !options.signal?.aborted) continue;
      throw err;
    }
    failures = 0;
    if (next.status !== current.status || next.progress !== current.progress) options.onUpdate?.(next);
    current = next;
  }
  return current;
}
