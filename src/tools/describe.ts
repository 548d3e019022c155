// vcd_describe: a VM, vApp, VDC or organization by exact name (on one site or all) or by href, as facts and ancestry
// (site / organization / VDC / vApp). Also how vcd_powerAction finds what it acts on.
import type { Site } from '../platform/settings';
import { vappTooltip, vdcTooltip, vmTooltip } from '../tree/present';
import {
  actionsForRecord, filterAnd, filterEq, hostOf, powerActionLabel, uuidOfHref, type EntityKind, type OrgRecord, type VAppRecord, type VcdClient,
  type VdcRecord, type VmRecord,
} from '../vcd';
import { clean, facts, failure, orgNames, orgOf, q, sitesOf, textInput, tokenProblem, ToolError, type Input, type ToolContext, type ToolSpec } from './shared';

export const ENTITY_KINDS: readonly EntityKind[] = ['vm', 'vapp', 'vdc', 'org'];
const KIND_WORDS: Record<EntityKind, string> = { vm: 'VM', vapp: 'vApp', vdc: 'VDC', org: 'organization' };
/** Matches listed per kind and site. */
const PER_KIND = 5;

export interface Entity {
  site: Site;
  record: VmRecord | VAppRecord | VdcRecord | OrgRecord;
  orgName?: string;
}

export interface Lookup {
  found: Entity[];
  /** Matches not listed (beyond PER_KIND). */
  more: number;
  /** Sites not searched, or whose search failed, and why. */
  notes: string[];
}

/** The query types of each kind: [tenant, System]. */
const TYPES = { vm: ['vm', 'adminVM'], vapp: ['vApp', 'adminVApp'], vdc: ['orgVdc', 'adminOrgVdc'], org: ['', 'organization'] } as const;

/** The records of one kind on one site whose name is `name`, or whose id is `uuid`. */
async function records(site: Site, client: VcdClient, kind: EntityKind, match: { name?: string; uuid?: string }, signal: AbortSignal): Promise<{ records: Entity['record'][]; total: number }> {
  const type = TYPES[kind][site.isSystem ? 1 : 0];
  if (type === '') {
    // A tenant site sees its one organization (the `organization` query is for administrators only).
    const org = await client.sessionOrganization(site.org, signal);
    return (match.uuid !== undefined ? uuidOfHref('org', org.href) === match.uuid : org.name === match.name) ? { records: [org], total: 1 } : { records: [], total: 0 };
  }
  const filter = match.uuid !== undefined ? filterEq('id', match.uuid) : filterEq('name', match.name ?? '');
  // Never VMs of vApp templates.
  return client.queryFirstPage(type, { filter: kind === 'vm' ? filterAnd(filterEq('isVAppTemplate', 'false'), filter) : filter, pageSize: PER_KIND }, signal);
}

/** Finds entities of `kinds` by exact name, or by href (then only on the sites at the href's host). */
export async function findEntities(
  ctx: ToolContext,
  query: { name?: string; href?: string; site?: string; kinds: readonly EntityKind[] },
  signal: AbortSignal,
): Promise<Lookup> {
  let sites = sitesOf(ctx, query.site);
  let kinds = query.kinds;
  let match: { name?: string; uuid?: string } = { name: query.name };
  const href = query.href;
  if (href !== undefined) {
    const kind = kinds.find((k) => uuidOfHref(k, href) !== undefined);
    if (kind === undefined) throw new ToolError(`${q(href)} is not the href of a ${kinds.map((k) => KIND_WORDS[k]).join(' or ')}. Read other documents with vcd_getApi.`);
    kinds = [kind];
    match = { uuid: uuidOfHref(kind, href) };
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
      const host = hostOf(href).toLowerCase();
      sites = sites.filter((s) => hostOf(s.baseUrl) === host);
      if (sites.length === 0) throw new ToolError(`${q(href)} is not on ${query.site ? `site ${q(query.site)}` : 'any configured site'}.`);
    }
  } else if (query.name === undefined) {
    throw new ToolError('Give the “name” of what to look up (and its “site”, if you know it), or its “href”.');
  }
  const perSite = await Promise.all(sites.map(async (site) => {
    const problem = await tokenProblem(ctx, site);
    if (problem) return { found: [], more: 0, note: `Site ${q(site.name)} was not searched: ${problem}` };
    const client = ctx.clients.client(site);
    try {
      const found: Entity[] = [];
      let more = 0;
      for (const kind of kinds) {
        const page = await records(site, client, kind, match, signal);
        found.push(...page.records.map((record) => ({ site, record })));
        more += Math.max(0, page.total - page.records.length);
      }
      const orgHref = (r: Entity['record']): string | undefined => (r.kind === 'org' ? undefined : r.org);
      const orgs = await orgNames(site, client, found.map((e) => orgHref(e.record)), signal);
      for (const e of found) {
        const r = e.record;
        e.orgName = r.kind === 'org' ? r.name : (r.kind === 'vdc' ? r.orgName : undefined) ?? orgOf(site, orgs, orgHref(r));
      }
      return { found, more, note: undefined };
    } catch (err) {
      return { found: [], more: 0, note: `Site ${q(site.name)}: ${failure(err, site)}` };
    }
  }));
  return {
    found: perSite.flatMap((s) => s.found),
    more: perSite.reduce((n, s) => n + s.more, 0),
    notes: perSite.map((s) => s.note).filter((n): n is string => n !== undefined),
  };
}

/** A tree tooltip (Markdown) as plain lines. */
export function plain(markdown: string): string[] {
  return markdown.replace(/\*\*|^### /gm, '').replace(/\\(.)/g, '$1').split('\n').map((l) => clean(l.trim(), 300)).filter(Boolean);
}

/** What a tool says of an entity: its kind, name and site, the facts its tree tooltip shows, href and power actions. */
export function describe(e: Entity): string {
  const r = e.record;
  const lines = r.kind === 'org'
    ? [r.name, facts([['Full name', r.displayName], ['VDCs', r.numberOfVdcs], ['vApps', r.numberOfVApps]])]
    : plain(r.kind === 'vm' ? vmTooltip(r, e) : r.kind === 'vapp' ? vappTooltip(r, e) : vdcTooltip({ ...r, orgName: e.orgName }));
  lines[0] = `${r.kind === 'org' ? 'Organization' : KIND_WORDS[r.kind]} ${q(lines[0])} on site ${q(e.site.name)}`;
  lines.push(`href: ${clean(r.href, 400)}`);
  if (r.kind === 'vm' || r.kind === 'vapp') {
    const actions = actionsForRecord(r.kind, r.status, r.kind === 'vm' ? r.vmToolsStatus : undefined).map(powerActionLabel);
    lines.push(`Power actions its state allows: ${actions.join(', ') || 'none'}`);
  }
  return lines.join('\n');
}

export const describeTool: ToolSpec = {
  async invoke(ctx: ToolContext, input: Input, signal: AbortSignal): Promise<string> {
    const kind = input.kind;
    if (kind !== undefined && !ENTITY_KINDS.includes(kind as EntityKind)) throw new ToolError(`“kind” must be one of ${ENTITY_KINDS.join(', ')}.`);
    const name = textInput(input, 'name', 256);
    const { found, more, notes } = await findEntities(
      ctx,
      { name, href: textInput(input, 'href', 2000), site: textInput(input, 'site', 256), kinds: kind === undefined ? ENTITY_KINDS : [kind as EntityKind] },
      signal,
    );
    const parts = found.map(describe);
    if (more > 0) parts.push(`… and ${more} more with this name, not shown: give the “site” or the “kind”, or an href.`);
    if (found.length === 0) {
      parts.push(`Nothing ${name === undefined ? 'has this href' : `is named ${q(name)}`} on the sites searched.${name === undefined ? '' : ' Names are matched exactly, in the same case; vcd_findVms finds VMs by a part of their name.'}`);
    }
    return [...parts, ...notes].join('\n\n');
  },
};
