// GET /api/query: typed queries with filter, sort, paging, visibility, and XML/JSON serialisation.
import { AttrAccessor, AttrValue, compileFilter, FilterError, parseFilter } from './filter';
import { canViewVApp, rightsOf, type Org, type User } from './inventory';
import { Ctx, legacyError, Reply, wantsJson, xmlEscape, xmlReply } from './http';
import { AnyTypeDef, AttrDef, QUERY_TYPES, QueryTypeDef, QueryTypeName, refUrn } from './queryTypes';

export type Format = 'records' | 'idrecords' | 'references';
const FORMATS: Format[] = ['records', 'idrecords', 'references'];
/** VCD's largest page size; a simulator option may make it smaller. */
const MAX_PAGE_SIZE = 128;
const CACHE_LIMIT = 64;
const REPLY_CACHE_LIMIT = 2_000;

/** Order of the query service: case-insensitive, then by code points; absent values last. Stable by caller. */
export function compareValues(a: AttrValue, b: AttrValue): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  const sa = String(a), sb = String(b);
  const la = sa.toLowerCase(), lb = sb.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export interface Viewer {
  org: Org;
  /** Role name; `organization` needs Organization Administrator (or System). */
  role?: string;
  /** The user behind the session: without the org-wide view it sees only the vApps (and VMs) it may view. */
  user?: User;
}

/** The user whose own view restricts the rows, if the viewer has no org-wide view of vApps. */
function restrictedUser(viewer: Viewer): User | undefined {
  const user = viewer.user;
  return user && !user.org.isSystem && !rightsOf(user).viewAllVApps ? user : undefined;
}

/** What makes two viewers see the same rows: the org, and the user when its view is its own. */
function visibilityKey(viewer: Viewer): string {
  const own = restrictedUser(viewer);
  return `${viewer.org.isSystem ? '*' : viewer.org.id}${own ? `/${own.id}` : ''}`;
}

interface Selection {
  indexes: number[];
}

function accessor<R>(def: AttrDef<R>): AttrAccessor<R> {
  const ref = def.ref;
  return { kind: def.kind, get: (r) => def.get(r), id: ref ? (r) => ref.id(r) : undefined };
}

export class QueryService {
  private readonly cache = new Map<string, Selection>();
  /**
   * Rendered 200 answers by viewer, base URL, Accept, version and query string. The inventory does not change while
   * the simulator runs, so a page is built once: serving a 50,000-VM listing then costs the simulator little CPU,
   * and a benchmark on the same machine measures the client rather than the simulator.
   */
  private readonly replies = new Map<string, Reply>();

  constructor(
    private readonly types: Record<QueryTypeName, AnyTypeDef>,
    private readonly maxPageSize: number = MAX_PAGE_SIZE,
  ) {}

  clearCache(): void {
    this.cache.clear();
  }

  /** Indexes of visible rows matching filter, sorted (cached per key). Throws FilterError for bad input. */
  select(typeName: QueryTypeName, viewer: Viewer, filter: string | undefined, sortAsc: string | undefined, sortDesc: string | undefined): number[] {
    const key = `${typeName}\u0000${visibilityKey(viewer)}\u0000${filter ?? ''}\u0000${sortAsc ?? ''}\u0000${sortDesc ?? ''}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.indexes;
    }
    const def = this.types[typeName] as QueryTypeDef<unknown>;
    const byName = new Map(def.attrs.map((a) => [a.name, a]));
    const resolve = (name: string): AttrAccessor<unknown> | undefined => {
      if (name === 'href') return { kind: 'href', get: (r) => def.href(r), id: (r) => def.urn(r).split(':').pop() };
      if (name === 'id') return { kind: 'href', get: (r) => def.urn(r), id: (r) => def.urn(r).split(':').pop() };
      const a = byName.get(name);
      return a ? accessor(a) : undefined;
    };
    const predicate = filter ? compileFilter(parseFilter(filter), resolve) : undefined;
    const rows = def.rows;
    const indexes: number[] = [];
    const restrict = viewer.org.isSystem ? undefined : viewer.org;
    const own = restrictedUser(viewer);
    const vappOf = own ? def.vappOf : undefined;
    const visibleTo = own ? def.visibleTo : undefined;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (restrict && def.orgOf(r) !== restrict) continue;
      if (own && visibleTo && !visibleTo(r, own)) continue;
      if (own && vappOf && !canViewVApp(own, vappOf(r))) continue;
      if (predicate && !predicate(r)) continue;
      indexes.push(i);
    }
    const sortAttr = sortAsc ?? sortDesc;
    if (sortAttr) {
      const acc = resolve(sortAttr);
      if (!acc) throw new FilterError(`Invalid sort attribute: ${sortAttr}`);
      const keys = new Map<number, AttrValue>();
      for (const i of indexes) keys.set(i, acc.get(rows[i]));
      const dir = sortAsc ? 1 : -1;
      indexes.sort((x, y) => dir * compareValues(keys.get(x), keys.get(y)) || x - y);
    }
    this.cache.set(key, { indexes });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    return indexes;
  }

  handle(ctx: Ctx, viewer: Viewer): Reply {
    const params = [...ctx.query.entries()].map(([k, v]) => `${k}=${v}`).sort().join('&');
    const key = `${visibilityKey(viewer)}|${viewer.role ?? ''}|${ctx.base}|${ctx.accept}|${ctx.version}|${params}`;
    const cached = this.replies.get(key);
    if (cached !== undefined) return { ...cached, headers: { ...cached.headers } };
    const reply = this.render(ctx, viewer);
    if (reply.status === 200) {
      const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
      this.replies.set(key, { ...reply, headers: { ...reply.headers }, body });
      if (this.replies.size > REPLY_CACHE_LIMIT) this.replies.delete(this.replies.keys().next().value as string);
    }
    return reply;
  }

  private render(ctx: Ctx, viewer: Viewer): Reply {
    const q = ctx.query;
    const typeName = q.get('type') ?? '';
    if (!QUERY_TYPES.includes(typeName as QueryTypeName)) {
      return legacyError(ctx, 400, 'BAD_REQUEST', typeName ? `Unknown query type: ${typeName}` : 'Query type is required.');
    }
    const type = typeName as QueryTypeName;
    const def = this.types[type] as QueryTypeDef<unknown>;
    if (def.adminOnly && !viewer.org.isSystem) {
      return legacyError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', `Query type "${type}" is not available to this user.`);
    }
    const mayListOrgs = viewer.user ? rightsOf(viewer.user).organizationQuery : viewer.role === undefined || viewer.role === 'Organization Administrator';
    if (type === 'organization' && !viewer.org.isSystem && !mayListOrgs) {
      return legacyError(ctx, 403, 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', 'Query type "organization" is not available to this user.');
    }
    let fields: Set<string> | undefined;
    const fieldsText = q.get('fields');
    if (fieldsText) {
      fields = new Set(fieldsText.split(',').map((f) => f.trim()).filter(Boolean));
      const known = new Set(def.attrs.map((a) => a.name));
      const unknown = [...fields].find((f) => !known.has(f) && f !== 'href' && f !== 'id' && !f.startsWith('metadata'));
      if (unknown) return legacyError(ctx, 400, 'BAD_REQUEST', `Invalid field: ${unknown}`);
    }
    const format = (q.get('format') ?? 'records') as Format;
    if (!FORMATS.includes(format)) return legacyError(ctx, 400, 'BAD_REQUEST', `Invalid format: ${q.get('format')}`);
    const pageText = q.get('page') ?? '1';
    const sizeText = q.get('pageSize') ?? '25';
    const page = Number(pageText);
    let pageSize = Number(sizeText);
    if (!/^\d+$/.test(pageText) || page < 1) return legacyError(ctx, 400, 'BAD_REQUEST', `Invalid page: ${pageText}`);
    if (!/^\d+$/.test(sizeText) || pageSize < 1) return legacyError(ctx, 400, 'BAD_REQUEST', `Invalid pageSize: ${sizeText}`);
    pageSize = Math.min(pageSize, this.maxPageSize);
    const offsetText = q.get('offset') ?? '0';
    if (!/^\d+$/.test(offsetText)) return legacyError(ctx, 400, 'BAD_REQUEST', `Invalid offset: ${offsetText}`);
    const offset = Number(offsetText);
    const filter = q.get('filter') ?? undefined;
    const sortAsc = q.get('sortAsc') || undefined;
    const sortDesc = q.get('sortDesc') || undefined;
    const links = (q.get('links') ?? '').toLowerCase() === 'true';
    let indexes: number[];
    try {
      indexes = this.select(type, viewer, filter, sortAsc, sortDesc);
    } catch (e) {
      if (e instanceof FilterError) return legacyError(ctx, 400, 'BAD_REQUEST', e.message);
      throw e;
    }
    const total = Math.max(0, indexes.length - offset);
    const start = offset + (page - 1) * pageSize;
    const slice = start < indexes.length ? indexes.slice(start, start + pageSize) : [];
    const rows = slice.map((i) => def.rows[i]);
    const lastPage = Math.max(1, Math.ceil(total / pageSize));
    const extra = (): string => {
      let s = '';
      if (filter !== undefined) s += `&filter=${encodeURIComponent(filter)}`;
      if (sortAsc) s += `&sortAsc=${encodeURIComponent(sortAsc)}`;
      if (sortDesc) s += `&sortDesc=${encodeURIComponent(sortDesc)}`;
      if (offset) s += `&offset=${offset}`;
      if (fields) s += `&fields=${encodeURIComponent([...fields].join(','))}`;
      if (links) s += '&links=true';
      return s;
    };
    const pageHref = (p: number, f: Format): string => `${ctx.base}/api/query?type=${type}&page=${p}&pageSize=${pageSize}&format=${f}${extra()}`;
    const json = wantsJson(ctx.accept);
    const mt = (f: Format): string => `application/vnd.vmware.vcloud.query.${f}+${json ? 'json' : 'xml'}`;
    const navLinks: { rel: string; href: string; type: string }[] = [];
    if (page > 1) {
      navLinks.push({ rel: 'firstPage', href: pageHref(1, format), type: mt(format) });
      navLinks.push({ rel: 'previousPage', href: pageHref(Math.min(page - 1, lastPage), format), type: mt(format) });
    }
    if (page < lastPage) {
      navLinks.push({ rel: 'nextPage', href: pageHref(page + 1, format), type: mt(format) });
      navLinks.push({ rel: 'lastPage', href: pageHref(lastPage, format), type: mt(format) });
    }
    const alternates: Format[] = format === 'records' ? ['references', 'idrecords'] : format === 'idrecords' ? ['references', 'records'] : ['records', 'idrecords'];
    for (const f of alternates) navLinks.push({ rel: 'alternate', href: pageHref(page, f), type: mt(f) });
    const selfHref = pageHref(page, format);
    const env = { href: selfHref, type: mt(format), name: type, page, pageSize, total };
    return json ? this.json(ctx, def, fields, format, env, navLinks, rows, links) : this.xml(ctx, def, fields, format, env, navLinks, rows, links);
  }

  /**
   * `fields` (vcd-api.md §4.1): a record carries the attributes asked for, and its href whatever is asked. In XML the
   * others are absent; in JSON, where VCD writes every attribute of the record's schema type and `null` for an absent
   * one (§4.5), the schema's others are `null` and `otherAttributes` holds only those asked for.
   */
  private xml(ctx: Ctx, def: QueryTypeDef<unknown>, fields: Set<string> | undefined, format: Format, env: Envelope, nav: LinkOut[], rows: unknown[], links: boolean): Reply {
    const root = format === 'references' ? 'QueryResultReferences' : 'QueryResultRecords';
    const parts: string[] = [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      `<${root} xmlns="http://www.vmware.com/vcloud/v1.5" total="${env.total}" pageSize="${env.pageSize}" page="${env.page}" name="${env.name}" type="${env.type}" href="${xmlEscape(env.href)}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.vmware.com/vcloud/v1.5 ${ctx.base}/api/v1.5/schema/master.xsd">\n`,
    ];
    for (const l of nav) parts.push(`    <Link rel="${l.rel}" href="${xmlEscape(l.href)}" type="${l.type}"/>\n`);
    for (const r of rows) {
      if (format === 'references') {
        parts.push(`    <${def.refElement} type="${def.entityMediaType}" name="${xmlEscape(nameOf(def, r))}" id="${def.urn(r)}" href="${xmlEscape(def.href(r))}"/>\n`);
        continue;
      }
      let s = `    <${def.element}`;
      for (const a of def.attrs) {
        if (fields !== undefined && !fields.has(a.name)) continue;
        const v = valueFor(a, r, format);
        if (v !== undefined) s += ` ${a.name}="${typeof v === 'string' ? xmlEscape(v) : String(v)}"`;
      }
      s += ` href="${xmlEscape(def.href(r))}"`;
      if (format === 'idrecords') s += ` id="${def.urn(r)}"`;
      const rl = links ? def.links(r) : [];
      if (rl.length === 0) s += '/>\n';
      else {
        s += '>\n';
        for (const l of rl) s += `        <Link rel="${l.rel}" href="${xmlEscape(l.href)}"${l.type ? ` type="${l.type}"` : ''}/>\n`;
        s += `    </${def.element}>\n`;
      }
      parts.push(s);
    }
    parts.push(`</${root}>\n`);
    return xmlReply(200, env.type, ctx.version, parts.join(''));
  }

  private json(ctx: Ctx, def: QueryTypeDef<unknown>, fields: Set<string> | undefined, format: Format, env: Envelope, nav: LinkOut[], rows: unknown[], links: boolean): Reply {
    const linkJson = (l: { rel: string; href: string; type?: string }): Record<string, unknown> =>
      ({ otherAttributes: {}, href: l.href, id: null, type: l.type ?? null, name: null, model: null, rel: l.rel, vCloudExtension: [] });
    const body: Record<string, unknown> = {
      otherAttributes: {}, link: nav.map(linkJson), href: env.href, type: env.type, name: env.name, page: env.page, pageSize: env.pageSize, total: env.total,
    };
    if (format === 'references') {
      body.reference = rows.map((r) => ({ otherAttributes: {}, href: def.href(r), id: def.urn(r), type: def.entityMediaType, name: nameOf(def, r), vCloudExtension: [] }));
    } else {
      body.record = rows.map((r) => {
        const rec: Record<string, unknown> = {
          _type: def.jsonType, link: links ? def.links(r).map(linkJson) : [], metadata: null, href: def.href(r),
          id: format === 'idrecords' ? def.urn(r) : null, type: null,
        };
        const other: Record<string, string> = {};
        for (const a of def.attrs) {
          const v = fields !== undefined && !fields.has(a.name) ? undefined : valueFor(a, r, format);
          if (a.xsd) rec[a.name] = v ?? null;
          else if (v !== undefined) other[a.name] = String(v);
        }
        rec.otherAttributes = other;
        return rec;
      });
    }
    body.vCloudExtension = [];
    return { status: 200, headers: { 'Content-Type': `${env.type};version=${ctx.version}` }, body: JSON.stringify(body) };
  }
}

interface Envelope {
  href: string;
  type: string;
  name: string;
  page: number;
  pageSize: number;
  total: number;
}
interface LinkOut {
  rel: string;
  href: string;
  type: string;
}

function nameOf(def: QueryTypeDef<unknown>, r: unknown): string {
  return String(def.attrs.find((a) => a.name === 'name')?.get(r) ?? '');
}

function valueFor(a: AttrDef<unknown>, r: unknown, format: Format): AttrValue {
  if (format === 'idrecords' && a.ref) {
    const id = a.ref.id(r);
    return id === undefined ? undefined : refUrn(a.ref.kind, id, r);
  }
  return a.get(r);
}
