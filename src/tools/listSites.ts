// vcd_listSites: the configured sites, each with its address, organization and whether its API token works (it is
// exchanged for an access token, as any request would). Never the token.
import type { Site } from '../platform/settings';
import { clean, failure, q, sitesOf, tokenProblem, type ToolContext, type ToolSpec } from './shared';

async function tokenWords(ctx: ToolContext, site: Site, signal: AbortSignal): Promise<string> {
  const problem = await tokenProblem(ctx, site);
  if (problem) return `not working: ${problem}`;
  try {
    await ctx.tokens.getAccessToken({ siteId: site.id, conn: ctx.clients.connection(site), org: site.org }, signal);
    return 'working';
  } catch (err) {
    return `stored, but signing in failed: ${failure(err, site)}`;
  }
}

export const listSites: ToolSpec = {
  async invoke(ctx, _input, signal) {
    const sites = sitesOf(ctx, undefined);
    const lines = await Promise.all(sites.map(async (site) => {
      const org = site.isSystem ? 'System organization (provider: sees every organization)' : `organization ${q(site.org)}`;
      return `- ${q(site.name)}: ${clean(site.baseUrl)}, ${org}; API token: ${await tokenWords(ctx, site, signal)}`;
    }));
    return `${sites.length} Cloud Director site${sites.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
  },
};
