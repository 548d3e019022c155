// vcd_getApi: GET of an /api or /cloudapi path (or an href) on a site, with the site's sign-in: the status line and the
// body, capped. Only GET, only that site's host (the client refuses other hosts and other paths).
import { hostOf, redact } from '../vcd';
import { clean, failure, q, sitesOf, textInput, tokenProblem, ToolError, type ToolSpec } from './shared';

/** Characters of a body given to the model. */
export const MAX_BODY_CHARS = 12_000;

export const getApi: ToolSpec = {
  async invoke(ctx, input, signal) {
    const path = textInput(input, 'path', 2000, true) ?? '';
    const format = input.format ?? ctx.config.settings.responseFormat;
    if (format !== 'xml' && format !== 'json') throw new ToolError('“format” must be xml or json.');
    let sites = sitesOf(ctx, textInput(input, 'site', 256));
    // An href names its host: the sites there.
    if (sites.length > 1 && /^https?:/i.test(path)) sites = sites.filter((s) => hostOf(s.baseUrl) === hostOf(path).toLowerCase());
    if (sites.length !== 1) {
      throw new ToolError(`Give the “site” to ask: ${sites.length === 0 ? `no site is at ${q(hostOf(path))}` : `one of ${sites.map((s) => q(s.name)).join(', ')}`}.`);
    }
    const site = sites[0];
    const problem = await tokenProblem(ctx, site);
    if (problem) throw new ToolError(`Cannot read it: ${problem}`);
    let res;
    try {
      res = await ctx.clients.client(site).getRaw(path, { format }, signal);
    } catch (err) {
      throw new ToolError(`GET ${clean(path, 400)} on site ${q(site.name)} failed: ${failure(err, site)}`);
    }
    const body = redact(res.body);
    const cut = body.length > MAX_BODY_CHARS;
    return [
      `GET ${clean(res.url, 400)} on site ${q(site.name)} -> ${res.status} ${clean(res.statusText)} (${res.durationMs} ms, API version ${clean(res.apiVersion)}, ${clean(res.contentType ?? 'no content type')})`,
      '',
      cut ? body.slice(0, MAX_BODY_CHARS) : body,
      ...(cut ? ['', `[truncated: the first ${MAX_BODY_CHARS} of ${body.length} characters. Ask for less: a query with pageSize and a filter, or one entity's href.]`] : []),
    ].join('\n');
  },
};
