// CloudAPI listing: FIQL filter, sort, paging, Page JSON and the Link header.
import { AttrAccessor, compileFilter, FilterError, parseFilter } from '../filter';
import { cloudError, cloudJson, Ctx, Reply } from '../http';
import { compareValues } from '../query';

const MAX_PAGE_SIZE = 128;

export function listPage<R>(
  ctx: Ctx,
  rows: R[],
  fields: Record<string, AttrAccessor<R>>,
  toJson: (r: R) => unknown,
  model: string,
  maxPageSize = MAX_PAGE_SIZE,
): Reply {
  const q = ctx.query;
  const pageText = q.get('page') ?? '1';
  const sizeText = q.get('pageSize') ?? '25';
  if (!/^\d+$/.test(pageText) || Number(pageText) < 1) return cloudError(ctx, 400, 'BAD_REQUEST', `Invalid page: ${pageText}`);
  if (!/^\d+$/.test(sizeText) || Number(sizeText) < 1) return cloudError(ctx, 400, 'BAD_REQUEST', `Invalid pageSize: ${sizeText}`);
  const page = Number(pageText);
  const pageSize = Math.min(maxPageSize, Number(sizeText));
  const filter = q.get('filter') || undefined;
  const sortAsc = q.get('sortAsc') || undefined;
  const sortDesc = q.get('sortDesc') || undefined;
  let selected = rows;
  try {
    if (filter) {
      const pred = compileFilter(parseFilter(filter), (name) => fields[name]);
      selected = rows.filter(pred);
    }
    const sortAttr = sortAsc ?? sortDesc;
    if (sortAttr) {
      const acc = fields[sortAttr];
      if (!acc) throw new FilterError(`Invalid sort attribute: ${sortAttr}`);
      const dir = sortAsc ? 1 : -1;
      selected = selected.map((r, i) => ({ r, i, k: acc.get(r) })).sort((a, b) => dir * compareValues(a.k, b.k) || a.i - b.i).map((x) => x.r);
    }
  } catch (e) {
    if (e instanceof FilterError) return cloudError(ctx, 400, 'BAD_REQUEST', e.message);
    throw e;
  }
  const total = selected.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const values = selected.slice((page - 1) * pageSize, page * pageSize).map(toJson);
  const url = (p: number): string => {
    const params = new URLSearchParams();
    if (filter) params.set('filter', filter);
    if (sortAsc) params.set('sortAsc', sortAsc);
    if (sortDesc) params.set('sortDesc', sortDesc);
    params.set('pageSize', String(pageSize));
    params.set('page', String(p));
    return `${ctx.base}${ctx.path}?${params.toString()}`;
  };
  const links: string[] = [];
  const link = (p: number, rel: string): void => {
    links.push(`<${url(p)}>;rel="${rel}";type="application/json";model="${model}"`);
  };
  if (page > 1) {
    link(1, 'firstPage');
    link(Math.min(page - 1, pageCount), 'previousPage');
  }
  if (page < pageCount) {
    link(page + 1, 'nextPage');
    link(pageCount, 'lastPage');
  }
  const extra: Record<string, string | string[]> = links.length ? { Link: links } : {};
  return cloudJson(ctx, 200, { resultTotal: total, pageCount, page, pageSize, associations: null, values }, extra);
}
