// vcd_listTasks: the recent VCD tasks of each site (or the one named), newest first, with those started from this
// window: operation, target, status, who, when, and VCD's error message.
import type { Site } from '../platform/settings';
import { mergeTasks, type TaskFactsOf } from '../tree/taskList';
import { operationWords, taskTooltip } from '../tree/present';
import { plain } from './describe';
import { clean, failure, q, sitesOf, textInput, tokenProblem, ToolError, type ToolContext, type ToolSpec } from './shared';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

function taskLine(t: TaskFactsOf): string {
  const tooltip = taskTooltip({ ...t, operation: operationWords(t.operationName, t.operationFull), target: t.targetName });
  return `- ${plain(tooltip).join('; ')}; href: ${clean(t.href, 400)}`;
}

async function siteTasks(ctx: ToolContext, site: Site, limit: number, signal: AbortSignal): Promise<string> {
  const problem = await tokenProblem(ctx, site);
  if (problem) return `Site ${q(site.name)}: not read: ${problem}`;
  try {
    const page = await ctx.clients.client(site).queryFirstPage(site.isSystem ? 'adminTask' : 'task', { sortDesc: 'startDate', pageSize: limit }, signal);
    const tasks = mergeTasks(page.records, ctx.tasks.forSite(site.id)).slice(0, limit);
    const more = page.total - page.records.length;
    return [
      `Site ${q(site.name)}: ${tasks.length === 0 ? 'no recent tasks.' : `the ${tasks.length} most recent task${tasks.length === 1 ? '' : 's'}:`}`,
      ...tasks.map(taskLine),
      ...(more > 0 ? [`- … and ${more} older: ask with a larger “limit” (at most ${MAX_LIMIT}).`] : []),
    ].join('\n');
  } catch (err) {
    return `Site ${q(site.name)}: the tasks could not be read: ${failure(err, site)}`;
  }
}

export const listTasks: ToolSpec = {
  async invoke(ctx, input, signal) {
    const limit = input.limit ?? DEFAULT_LIMIT;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new ToolError(`“limit” must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    const sites = sitesOf(ctx, textInput(input, 'site', 256));
    return (await Promise.all(sites.map((site) => siteTasks(ctx, site, limit, signal)))).join('\n\n');
  },
};
