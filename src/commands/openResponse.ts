// Open API Response: the raw XML/JSON of the resource behind a tree node.
import { apiPathOfHref } from '../documents/uri';
import { isResourceNode } from '../tree/node';
import type { CommandContext } from './support/context';
import { CancelledByUser } from '../platform/errorText';
import { openApiDocument } from './support/openDocument';
import { siteOfArg } from './support/pickSite';

export async function openResponse(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  if (!isResourceNode(arg)) {
    await ctx.ui.message({ severity: 'info', message: 'Open API Response works on a node of the Sites view. To open any path, use Open API Path….' });
    throw new CancelledByUser();
  }
  // The node names its site; the site itself (its URL) comes from the settings.
  const site = siteOfArg(ctx, arg);
  if (!site) throw new Error(`The site of "${arg.name}" is no longer configured.`);
  const path = apiPathOfHref(arg.href, site.baseUrl);
  if (!path) throw new Error(`The link of "${arg.name}" points to another host; it is not opened.`);
  return openApiDocument(ctx, site, path, arg.name);
}
