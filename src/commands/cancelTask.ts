// Cancel Task: asks VCD to cancel a running task (a task of the Tasks view, or the task of a busy VM or vApp node),
// through the cancel link VCD offers for it now.
import { TaskNode } from '../tree/taskNodes';
import { VAppNode } from '../tree/vappNode';
import { VmNode } from '../tree/vmNode';
import type { Site } from '../platform/settings';
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { reportOutcome } from './support/notify';
import { operationWords } from '../tree/present';

function taskOf(ctx: CommandContext, arg: unknown): { site: Site; href: string; what: string; nodeId?: string } | undefined {
  if (arg instanceof TaskNode) {
    const site = ctx.config.site(arg.site.id);
    return site ? { site, href: arg.href, what: arg.name } : undefined;
  }
  if (arg instanceof VmNode || arg instanceof VAppNode) {
    const site = ctx.config.site(arg.site.id);
    const tracked = ctx.tasks.runningFor(arg.id);
    const href = tracked?.task.href ?? (arg.record.isBusy ? arg.record.task : undefined);
    const what = tracked ? `${operationWords(tracked.task.operationName)} of “${arg.name}”` : `the task of “${arg.name}”`;
    return site && href ? { site, href, what, nodeId: arg.id } : undefined;
  }
  return undefined;
}

export async function cancelTask(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const target = taskOf(ctx, arg);
  if (!target) {
    await ctx.ui.message({ severity: 'info', message: 'Cancel Task works on a running task in the Tasks view, or on a busy VM or vApp.' });
    throw new CancelledByUser();
  }
  const result = await ctx.power.cancel(target.site, target.href);
  if (result.outcome === 'asked') {
    reportOutcome(ctx, 'info', `Asked VCD to cancel ${target.what}.`);
  } else if (result.outcome === 'ended') {
    reportOutcome(ctx, 'info', `${target.what.charAt(0).toUpperCase()}${target.what.slice(1)} has already ended (${result.task.status}).`);
  } else {
    reportOutcome(ctx, 'warning', `VCD does not offer to cancel ${target.what} (only who started it, an organization administrator or the provider may).`);
  }
  // Tasks started here follow themselves; for the others, show what VCD says now.
  if (!ctx.tasks.byHref(target.href)) {
    await ctx.tasksView.refresh(ctx.tasksView.siteNode(target.site.id));
    if (target.nodeId) await ctx.tree.refreshResource(target.nodeId);
  }
  return result.outcome;
}
