// Open API Response: the raw XML/JSON of the resource behind a tree node.
import { apiPathOfHref } from '../documents/uri';
import { isResourceNode } from '../tree/node';
import type { CommandContext } from './context';
import { CancelledByUser } from './errors';
import { openApiDocument } from './openDocument';

export async function openResponse(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  if (!isResourceNode(arg)) {
    await ctx.ui.message({ severity: 'info', message: 'Open API Response works on a node of the Sites view. To open any path, use Open API Path….' });
    throw new CancelledByUser();
  }
  const path = apiPathOfHref(arg.href, arg.site.baseUrl);
  if (!path) throw new Error(`The link of "${arg.name}" points to another host; it is not opened.`);
  return openApiDocument(ctx, arg.site, path, arg.name);
}
