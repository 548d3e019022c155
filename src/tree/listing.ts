// Lists one level of the tree through the query service: sorted by name, page size and concurrency from
// the settings, complete up to the node's child limit, then "Load more…". Failures become an error node; a list that
// changed on the server while it loaded ends with a warning node (Refresh shows the current state).
import type { QueryOptions, QueryRecordMap, QueryType } from '../vcd';
import { fixesFor, messageOf, requestDetail } from '../platform/errorText';
import type { Site } from '../platform/settings';
import { ErrorNode, type ErrorFix } from './errorNode';
import { ListChangedNode } from './listChangedNode';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import type { TreeContext, TreeNode } from './node';

export interface ListingRequest<K extends QueryType> {
  ctx: TreeContext;
  parent: TreeNode;
  site: Site;
  type: K;
  filter?: string;
  /** What the level holds, for messages: "VDCs", "vApps", "VMs". */
  noun: string;
  make: (record: QueryRecordMap[K]) => TreeNode;
  /** A node to show instead of the generic error node (e.g. Set API Token… on a site). */
  onError?: (err: unknown) => TreeNode | undefined;
  /** Aborts the listing (a refresh made it stale): it then throws, and shows nothing. */
  signal?: AbortSignal;
}

export async function listChildren<K extends QueryType>(req: ListingRequest<K>): Promise<TreeNode[]> {
  const { ctx, parent, site } = req;
  const settings = ctx.settings();
  const limit = ctx.childLimit(parent.id);
  const options: QueryOptions = {
    sortAsc: 'name',
    pageSize: settings.pageSize,
    concurrency: settings.concurrency,
    limit,
  };
  if (req.filter) options.filter = req.filter;
  try {
    const result = await ctx.withViewProgress(() => ctx.clients.client(site).query(req.type, options, req.signal));
    const nodes = result.records.map((r) => req.make(r));
    // A list that changed while it loaded says so (Refresh shows the current state); Load more… would add to it.
    if (result.partial) {
      ctx.log.warn(`${site.name}: the ${req.noun} changed on the server while they loaded (twice); showing the ${result.records.length} read`);
      nodes.push(new ListChangedNode(parent, req.noun));
    }
    if (!result.partial && !result.complete) nodes.push(new LoadMoreNode(parent, result.records.length, result.total));
    if (nodes.length === 0) nodes.push(new MessageNode(parent, `No ${req.noun}`));
    return nodes;
  } catch (err) {
    // Nobody will see this listing: no error node, no error in the log.
    if (req.signal?.aborted) throw err;
    const special = req.onError?.(err);
    if (special) {
      ctx.log.warn(`${site.name}: ${messageOf(err)}`);
      return [special];
    }
    return [errorNodeFor(ctx, parent, site, `Could not load ${req.noun}`, err)];
  }
}

export function errorNodeFor(ctx: TreeContext, parent: TreeNode, site: Site, what: string, err: unknown): ErrorNode {
  const message = messageOf(err);
  const detail = requestDetail(err);
  ctx.log.error(`${what}: ${message}${detail ? ` (${detail})` : ''}`);
  // An error node's own action: trust the certificate when that is the fix, else Retry (a node can be reloaded).
  const fix: ErrorFix = fixesFor(err, true)[0] === 'trustCertificate' ? { kind: 'trustCertificate', siteId: site.id } : { kind: 'retry' };
  return new ErrorNode(parent, `${what}: ${message}`, detail, fix);
}
