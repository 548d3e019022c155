// vcd_findVms: VMs whose name contains a text (any case), or whose IP address starts with it, on every site with a
// working API token (or the one named): the Find VM core, the first matches per site by name and how many more.
import type { Site } from '../platform/settings';
import { findVms, MAX_VM_SEARCH_LENGTH } from '../vcd';
import { describe } from './describe';
import { failure, orgNames, orgOf, q, sitesOf, textInput, tokenProblem, type ToolContext, type ToolSpec } from './shared';

/** VMs listed per site. */
export const VMS_PER_SITE = 10;

async function searchSite(ctx: ToolContext, site: Site, text: string, signal: AbortSignal): Promise<string> {
  const problem = await tokenProblem(ctx, site);
  if (problem) return `Site ${q(site.name)}: not searched: ${problem}`;
  try {
    const client = ctx.clients.client(site);
    const { records, total } = await findVms(client, text, { system: site.isSystem, pageSize: VMS_PER_SITE }, signal);
    if (records.length === 0) return `Site ${q(site.name)}: no VM matches.`;
    const orgs = await orgNames(site, client, records.map((r) => r.org), signal);
    const more = total - records.length;
    return [
      `Site ${q(site.name)}: ${total} VM${total === 1 ? '' : 's'} match${more > 0 ? `; the first ${records.length} by name` : ''}:`,
      ...records.map((record) => `- ${describe({ site, record, orgName: orgOf(site, orgs, record.org) }).replace(/\n/g, '; ')}`),
      ...(more > 0 ? [`- … and ${more} more on this site: search a longer part of the name or address to see them.`] : []),
    ].join('\n');
  } catch (err) {
    return `Site ${q(site.name)}: the search failed: ${failure(err, site)}`;
  }
}

export const findVmsTool: ToolSpec = {
  async invoke(ctx, input, signal) {
    const text = textInput(input, 'query', MAX_VM_SEARCH_LENGTH, true) ?? '';
    const sites = sitesOf(ctx, textInput(input, 'site', 256));
    const results = await Promise.all(sites.map((site) => searchSite(ctx, site, text, signal)));
    return `VMs whose name contains ${q(text)} (any case), or whose IP address starts with it:\n\n${results.join('\n\n')}`;
  },
};
