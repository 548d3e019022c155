// Open API Path…: any /api/... or /cloudapi/... path of a site in a raw response tab.
import { apiPathOfHref, apiPathProblem } from '../documents/uri';
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { openApiDocument } from './support/openDocument';
import { pickSite } from './support/pickSite';

export async function openApiPath(ctx: CommandContext, arg?: unknown, pathArg?: unknown): Promise<unknown> {
  const site = await pickSite(ctx, arg, 'Open API Path');
  let path = typeof pathArg === 'string' ? pathArg : undefined;
  const toPath = (v: string): string => (/^https:\/\//i.test(v.trim()) ? (apiPathOfHref(v.trim(), site.baseUrl) ?? v) : v.trim());
  if (path === undefined || apiPathProblem(toPath(path))) {
    const answer = await ctx.ui.inputBox({
      id: 'openApiPath.path',
      title: `Open API Path — ${site.name}`,
      prompt: 'Path of an API resource, e.g. /api/org or /cloudapi/1.0.0/sessions/current (a link on this site works too)',
      value: path ?? '/api/',
      validationMessage: path !== undefined ? apiPathProblem(toPath(path)) : undefined,
      validate: (v) => apiPathProblem(toPath(v)),
    });
    if (answer === undefined || typeof answer === 'symbol') throw new CancelledByUser();
    path = answer;
  }
  return openApiDocument(ctx, site, toPath(path));
}
