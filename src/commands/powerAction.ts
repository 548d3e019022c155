// The power commands (Power On, Power Off, Shut Down Guest OS, Reset, Reboot Guest OS, Suspend, Discard Suspended
// State) on the VM and vApp nodes they are offered on, one or several selected. The work is the operations module's:
// here the confirmation becomes a modal, the progress a notification with Cancel, and the summary a message with
// Show Log and Open Task.
import { summarize, type PowerRun, type PowerTarget } from '../operations/power';
import type { TreeNode } from '../tree/node';
import { VAppNode } from '../tree/vappNode';
import { VmNode } from '../tree/vmNode';
import { apiPathOfHref } from '../documents/uri';
import { powerActionLabel, type PowerAction } from '../vcd';
import { taskStatusWords } from '../tree/present';
import type { CommandContext, CommandHandler } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { openApiDocument } from './support/openDocument';
import { reportOutcome } from './support/notify';
import { isTreeNode } from './support/refreshTarget';

/**
 * The nodes a command invoked from a node means: VS Code passes the clicked node and the selection (or undefined); a
 * selection that includes the clicked node means all of them, otherwise the clicked one.
 */
export function selectedNodes(args: readonly unknown[]): TreeNode[] {
  const [node, selection] = args;
  if (!isTreeNode(node)) return [];
  const selected = Array.isArray(selection) ? selection.filter(isTreeNode) : [];
  return selected.some((n) => n === node || n.id === node.id) ? selected : [node];
}

/** A VM or vApp node as a power target; its site comes from the settings (a node names it, never defines it). */
export function powerTargetOf(ctx: CommandContext, node: TreeNode): PowerTarget | undefined {
  if (!(node instanceof VmNode) && !(node instanceof VAppNode)) return undefined;
  const site = ctx.config.site(node.site.id);
  if (!site) return undefined;
  if (node instanceof VmNode) {
    return {
      site, kind: 'vm', href: node.href, name: node.name, key: node.id, orgName: node.names.orgName, vdcName: node.names.vdcName,
      vappName: node.names.vappName, status: node.record.status, vmToolsStatus: node.record.vmToolsStatus,
    };
  }
  return { site, kind: 'vapp', href: node.href, name: node.name, key: node.id, orgName: node.names.orgName, vdcName: node.names.vdcName, status: node.record.status };
}

function showSummary(ctx: CommandContext, run: Pick<PowerRun, 'action' | 'outcomes' | 'cancelled'>): void {
  const summary = summarize(run);
  if (summary === undefined) return;
  const actions: Record<string, () => unknown> = {};
  const task = summary.openTask;
  if (task) {
    const path = apiPathOfHref(task.href, task.site.baseUrl);
    if (path) actions['Open Task'] = () => openApiDocument(ctx, task.site, path, task.name);
  }
  reportOutcome(ctx, summary.severity, summary.message, actions);
}

export function powerCommand(action: PowerAction): CommandHandler {
  const label = powerActionLabel(action);
  return async (ctx: CommandContext, ...args: unknown[]): Promise<unknown> => {
    const targets = selectedNodes(args)
      .map((node) => powerTargetOf(ctx, node))
      .filter((t): t is PowerTarget => t !== undefined);
    if (targets.length === 0) {
      await ctx.ui.message({ severity: 'info', message: `${label} works on VMs and vApps of the Sites view: right-click one, or several selected.` });
      throw new CancelledByUser();
    }
    const run = await ctx.power.run(action, targets, {
      confirm: async (question) =>
        (await ctx.ui.message({ severity: 'warning', modal: true, message: question.message, detail: question.detail, actions: [question.confirmLabel] })) === question.confirmLabel,
      progress: (title, work) =>
        ctx.ui.progress({ id: `power.${action}`, title, cancellable: true }, async (signal, report) => {
          // One target: its task's state ("Running 40%"); several: how many are done.
          const one = targets.length === 1 ? targets[0] : undefined;
          const sub = one
            ? ctx.tasks.onDidChange((e) => {
                if (e.tracked.targetKey === one.key && e.kind !== 'ended') report(taskStatusWords(e.tracked.task.status, e.tracked.task.progress));
              })
            : undefined;
          let reported = 0;
          try {
            return await work(signal, (done, total) => {
              const increment = total === 0 ? undefined : ((done - reported) * 100) / total;
              reported = done;
              if (one === undefined) report(`${done} of ${total} done`, increment);
              else if (done > 0) report('Done', increment);
            });
          } finally {
            sub?.dispose();
          }
        }),
    });
    if (run === undefined) throw new CancelledByUser();
    showSummary(ctx, run);
    // Tasks that were still running when the person pressed Cancel go on: tell how they ended, when they do.
    const goingOn = new Set(run.outcomes.filter((o) => o.kind === 'running').map((o) => o.target));
    if (goingOn.size > 0) {
      void run.finished.then((final) => showSummary(ctx, { action, cancelled: false, outcomes: final.filter((o) => goingOn.has(o.target)) }));
    }
    return run;
  };
}
