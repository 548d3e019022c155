// What the Sites and Tasks views show of tasks, without VS Code: the running operation of a node, the task list of a
// site (server's and this window's, each once, newest first), operation names in the portal's words, the tracker.
import * as assert from 'node:assert/strict';
import { localTime, operationWords, runningDescription, shortTime, taskStatusWords, taskTooltip } from '../../../src/tree/present';
import { mergeTasks } from '../../../src/tree/taskList';
import { MAX_TRACKED_PER_SITE, TaskTracker, type TrackerEvent } from '../../../src/tree/taskTracker';
import type { TaskRecord } from '../../../src/vcd';

const record = (href: string, start: string, extra: Partial<TaskRecord> = {}): TaskRecord => ({ kind: 'task', href, name: 'vappDeploy', status: 'success', startDate: start, ...extra });

describe('tasks in the views', () => {
  it('says a running operation like the portal: "Powering on… 40%", queued, no progress yet', () => {
    assert.equal(runningDescription('powerOn', 'running', 40), 'Powering on… 40%');
    assert.equal(runningDescription('powerOff', 'queued', 0), 'Powering off… (queued)');
    assert.equal(runningDescription('shutdown', 'running', undefined), 'Shutting down…');
    assert.equal(taskStatusWords('running', 67), 'Running 67%');
    assert.equal(taskStatusWords('error'), 'Failed');
  });

  it("names VCD's operations in the portal's words, else by the operation without its id", () => {
    assert.equal(operationWords('vappUndeployPowerOff'), 'Power Off');
    assert.equal(operationWords('vappRebootGuest'), 'Reboot Guest OS');
    assert.equal(operationWords('vdcComposeVapp', 'Composing Virtual Application x(7ee46730-1e87-40fe-86a4-e4f890cb6612)'), 'Composing Virtual Application x');
    assert.equal(operationWords('vdcComposeVapp'), 'vdcComposeVapp');
    assert.equal(operationWords('__proto__'), '__proto__', 'a server name is data, not a key');
  });

  it('shows times in local time, short for today, and escapes server text in tooltips', () => {
    const now = new Date(2024, 0, 15, 18, 0, 0);
    const today = new Date(2024, 0, 15, 9, 5, 7).toISOString();
    assert.equal(shortTime(today, now), '09:05');
    assert.equal(shortTime(new Date(2024, 0, 14, 9, 5, 7).toISOString(), now), '2024-01-14 09:05');
    assert.equal(localTime(today), '2024-01-15 09:05:07');
    assert.equal(localTime('not a time'), 'not a time');
    const md = taskTooltip({ operation: 'Power Off', status: 'error', target: 'web_01', targetType: 'vm', user: 'alice', message: '[click](command:x)' });
    assert.ok(md.includes('**Target:** web\\_01 \\(VM\\)'));
    assert.ok(md.includes('\\[click\\]\\(command:x\\)'));
  });

  it("lists the server's tasks and this window's once each, newest first; this window's reading wins while it runs", () => {
    const tracker = new TaskTracker();
    tracker.start({ siteId: 's', targetKey: 's|vm', target: { href: 'vm', name: 'web', kind: 'vm' }, action: 'powerOff', task: { href: 't2', status: 'running', progress: 40, startTime: '2024-01-15T10:00:00Z' } });
    tracker.start({ siteId: 's', targetKey: 's|vm2', target: { href: 'vm2', name: 'db', kind: 'vm' }, action: 'powerOn', task: { href: 't3', status: 'queued', startTime: '2024-01-15T11:00:00Z' } });
    const merged = mergeTasks([record('t1', '2024-01-15T09:00:00Z'), record('t2', '2024-01-15T10:00:00Z', { status: 'queued', ownerName: 'alice' })], tracker.forSite('s'));
    assert.deepEqual(merged.map((t) => [t.href, t.status, t.progress, t.user ?? '']), [['t3', 'queued', undefined, ''], ['t2', 'running', 40, 'alice'], ['t1', 'success', undefined, '']]);
    const ended = mergeTasks([record('t2', '2024-01-15T10:00:00Z', { status: 'success' })], tracker.forSite('s'));
    assert.equal(ended.find((t) => t.href === 't2')?.status, 'success', 'the server knows it ended: that wins');
  });

  it('tracks tasks: started, updated on a change only, ended once; keeps the newest ended ones per site', () => {
    const tracker = new TaskTracker();
    const events: string[] = [];
    tracker.onDidChange((e: TrackerEvent) => events.push(`${e.kind} ${e.tracked.task.href}`));
    const start = (n: number): void =>
      void tracker.start({ siteId: 's', targetKey: `s|${n}`, target: { href: `${n}`, name: `vm${n}`, kind: 'vm' }, action: 'reset', task: { href: `t${n}`, status: 'running', progress: 0 } });
    start(1);
    assert.equal(tracker.runningFor('s|1')?.task.href, 't1');
    tracker.update({ href: 't1', status: 'running', progress: 0 });
    tracker.update({ href: 't1', status: 'running', progress: 50 });
    tracker.update({ href: 't1', status: 'success', progress: 100 });
    tracker.update({ href: 't1', status: 'success', progress: 100 });
    tracker.update({ href: 'unknown', status: 'running' });
    assert.deepEqual(events, ['started t1', 'updated t1', 'ended t1']);
    assert.equal(tracker.runningFor('s|1'), undefined);
    for (let n = 2; n < MAX_TRACKED_PER_SITE + 10; n++) {
      start(n);
      tracker.update({ href: `t${n}`, status: 'success' });
    }
    start(999);
    const listed = tracker.forSite('s');
    assert.equal(listed.length, MAX_TRACKED_PER_SITE + 1, 'the newest ended ones and the running one');
    assert.equal(listed[0].task.href, 't999');
    assert.ok(!listed.some((t) => t.task.href === 't1'), 'the oldest are dropped');
  });
});
