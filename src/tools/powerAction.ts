// vcd_powerAction: one power action on one VM or vApp (by href, or by exact name), through the power operations the
// commands use (the Sites and Tasks views follow its task), answering how VCD's task ended.
//
// It never changes anything unasked. In a chat request, VS Code shows prepareInvocation's confirmation (the target, its
// site and organization, and the effect, as the commands' modal says them; for Power On too) and runs the tool only when
// the person continues. Outside a chat request (no toolInvocationToken: another extension's own flow) the tool asks
// itself, in a modal, before anything is sent. VS Code 1.100 shows a dialog of its own there, but not in every mode (it
// answers "yes" by itself in extension tests and smoke tests), and other hosts of the API need not show one; the tool
// cannot see whether one was shown and answered. Asking rather than refusing keeps it usable from such flows.
import { confirmationFor, summarize, targetWords, where, type Confirmation, type PowerRun, type PowerTarget } from '../operations/power';
import { resourceNodeId } from '../tree/node';
import { isPowerAction, POWER_ACTIONS, powerActionLabel, refusalByRecord, type PowerAction, type VAppRecord, type VmRecord } from '../vcd';
import { describe, findEntities } from './describe';
import { clean, failure, q, textInput, ToolError, type Input, type ToolContext, type ToolSpec } from './shared';

async function resolve(ctx: ToolContext, input: Input, signal: AbortSignal): Promise<{ action: PowerAction; target: PowerTarget }> {
  const action = input.action;
  if (!isPowerAction(action)) throw new ToolError(`“action” must be one of ${POWER_ACTIONS.join(', ')}.`);
  const kind = input.kind;
  if (kind !== undefined && kind !== 'vm' && kind !== 'vapp') throw new ToolError('“kind” must be vm or vapp.');
  const query = { name: textInput(input, 'name', 256), href: textInput(input, 'href', 2000), site: textInput(input, 'site', 256) };
  const { found, more, notes } = await findEntities(ctx, { ...query, kinds: kind ? [kind] : ['vm', 'vapp'] }, signal);
  if (found.length !== 1 || more > 0) {
    throw new ToolError([
      found.length === 0 ? 'No VM or vApp matches, so nothing was done.' : `${found.length + more} VMs and vApps match, so nothing was done. Give the “href” and “site” of the one to act on:`,
      ...found.map((e) => `- ${describe(e).replace(/\n/g, '; ')}`),
      ...notes,
    ].join('\n'));
  }
  const { site, orgName } = found[0];
  const r = found[0].record as VmRecord | VAppRecord;
  const vm = r.kind === 'vm' ? r : undefined;
  return {
    action,
    target: {
      site, kind: r.kind, href: r.href, name: r.name, key: resourceNodeId(site, r.href), orgName, vdcName: r.vdcName, vappName: vm?.containerName,
      status: r.status, vmToolsStatus: vm?.vmToolsStatus,
    },
  };
}

/** The commands' question; Power On (which the commands do not ask about) gets one too. */
function question(action: PowerAction, t: PowerTarget): Confirmation {
  return confirmationFor(action, [t]) ?? {
    message: `Power on ${targetWords([t])} ${q(t.name)}?`,
    detail: `${q(t.name)} on ${where(t)}.\n\n${t.kind === 'vapp' ? 'Its VMs start' : 'It starts'} running, using the CPUs and memory allocated to ${t.kind === 'vapp' ? 'them' : 'it'}.`,
    confirmLabel: powerActionLabel(action),
  };
}

function outcome(run: PowerRun, t: PowerTarget): string {
  const o = run.outcomes[0];
  const task = o !== undefined && 'task' in o && o.task ? ` VCD's task: ${clean(o.task.href, 400)}` : '';
  if (o?.kind === 'succeeded') return `${powerActionLabel(run.action)} of ${targetWords([t])} ${q(t.name)} (${where(t)}) succeeded.${task}`;
  return `${clean(summarize(run)?.message ?? 'Nothing was done.', 1000)}${task}`;
}

export const powerActionTool: ToolSpec = {
  async prepare(ctx, input, signal) {
    try {
      const { action, target } = await resolve(ctx, input, signal);
      const c = question(action, target);
      return { invocationMessage: `${powerActionLabel(action)}: ${q(target.name)} on site ${q(target.site.name)}`, confirmationMessages: { title: c.message, message: c.detail } };
    } catch (err) {
      // Still a question: the tool looks the target up again when it runs, and must not act unasked if it is found then.
      const label = isPowerAction(input.action) ? powerActionLabel(input.action) : 'Power action';
      const what = typeof input.href === 'string' ? input.href : typeof input.name === 'string' ? input.name : '';
      return { confirmationMessages: { title: `${label}: ${q(what)}?`, message: `It could not be looked up now: ${err instanceof ToolError ? err.message : failure(err)}` } };
    }
  },

  async invoke(ctx, input, signal, inChat) {
    const { action, target } = await resolve(ctx, input, signal);
    const label = powerActionLabel(action);
    const refusal = target.status && refusalByRecord(action, target.kind, target.status, target.vmToolsStatus);
    if (refusal) return `${label} of ${q(target.name)} (${where(target)}) was not done: ${refusal}`;
    const c = question(action, target);
    if (!inChat) {
      const detail = `${c.detail}\n\nAsked for through a language-model tool, outside a chat.`;
      if ((await ctx.ui.message({ severity: 'warning', modal: true, message: c.message, detail, actions: [c.confirmLabel] })) !== c.confirmLabel) {
        return `The person did not confirm ${label} of ${q(target.name)}: nothing was done.`;
      }
    }
    // Confirmed above (or by VS Code in the chat): the operation asks no more.
    const run = await ctx.power.run(action, [target], { confirm: () => Promise.resolve(true), progress: (_title, work) => work(signal, () => undefined) });
    return run === undefined ? 'Nothing was done.' : outcome(run, target);
  },
};
