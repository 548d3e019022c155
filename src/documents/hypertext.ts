// What makes a raw API document hypertext, computed from its scanned tree (./scan): the links to follow (hrefs on the
// document's own site), what a `Link` would do (rel, media type, method, the action in words) and the outline. Pure:
// the VS Code providers in ./hypertextProviders only turn these into ranges. No vscode import.
import { field, type Node } from './scan';
import { apiPathOfHref } from './uri';

export const MAX_LINKS = 5000;
export const MAX_SYMBOLS = 5000;

export interface FoundLink {
  start: number;
  end: number;
  /** `/api/...` or `/cloudapi/...` on the document's site. */
  apiPath: string;
  /** The name the element gives the resource, if any. */
  label?: string;
}

const API_PATH = /^\/(api|cloudapi)(\/|\?|$)/;

/** The API path of an href on the site itself; undefined for another host, a non-API path or an action (POST only). */
export function followable(href: string, baseUrl: string): string | undefined {
  if (href.length > 4096 || !/^https?:\/\//i.test(href)) return undefined;
  const path = apiPathOfHref(href, baseUrl);
  return path && API_PATH.test(path) && !/\/action\//.test(path) ? path : undefined;
}

/**
 * Every field whose value is a URL of an API resource on the site: `href`s, and the references query records carry
 * (`container`, `vdc`, `owner`…). Labelled from `name` (for `href`) or `<field>Name`. In document order, at most `max`.
 */
export function findLinks(root: Node | undefined, baseUrl: string, max = MAX_LINKS): FoundLink[] {
  const out: FoundLink[] = [];
  const stack = root ? [root] : [];
  while (stack.length && out.length < max) {
    const n = stack.pop()!;
    for (const f of n.fields) {
      const apiPath = f.literal ? undefined : followable(f.value, baseUrl);
      if (apiPath && out.length < max) out.push({ start: f.start, end: f.end, apiPath, label: field(n, f.key === 'href' ? 'name' : `${f.key}Name`) });
    }
    for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** An XML `Link` element or a JSON object with a rel and an href. */
export function isLink(n: Node): boolean {
  return !n.list && field(n, 'href') !== undefined && (/(^|:)Link$/.test(n.name) || field(n, 'rel') !== undefined);
}

/** The innermost Link at an offset, with the entity that holds it. */
export function linkAt(root: Node | undefined, offset: number): { link: Node; owner?: Node } | undefined {
  let found: { link: Node; owner?: Node } | undefined;
  let owner: Node | undefined;
  for (let n = root; n; n = n.children.find((c) => c.start <= offset && offset < c.end)) {
    if (isLink(n)) found = { link: n, owner };
    else if (!n.list) owner = n;
  }
  return found;
}

/** The HTTP method of a Link: its own `method`, else what VCD means by its rel (actions POST, edit PUT, remove DELETE). */
export function methodOf(rel: string, href: string, given?: string): string {
  if (given && /^[a-z]{3,7}$/i.test(given)) return given.toUpperCase();
  if (rel === 'edit') return 'PUT';
  if (rel === 'remove') return 'DELETE';
  return /^(power:|add$|deploy$|undeploy$|discardState$|task:cancel$)/.test(rel) || /\/action\//.test(href) ? 'POST' : 'GET';
}

// `$` is the entity the link acts on.
const ACTIONS: Record<string, string> = {
  'power:powerOn': 'Powers on $.',
  'power:powerOff': 'Powers off $ at once, without shutting down the guest OS.',
  'power:reset': 'Resets $ (a hard restart).',
  'power:reboot': 'Restarts the guest OS of $ (needs VMware Tools).',
  'power:shutdown': 'Shuts down the guest OS of $ (needs VMware Tools).',
  'power:suspend': 'Suspends $.',
  undeploy: 'Undeploys $: powers it off, shuts it down or suspends it, as the body says.',
  deploy: 'Deploys $ (and powers it on, unless the body says not to).',
  discardState: 'Discards the suspended state of $.',
  edit: 'Replaces $ with the request body.',
  remove: 'Deletes $.',
  add: 'Creates an item from the request body.',
  'task:cancel': 'Asks Cloud Director to cancel $.',
  up: 'Reads the resource that holds this one.',
  down: 'Reads a resource that belongs to this one.',
};

/** Server text in Markdown prose: no markup, no line breaks, not too long. */
const prose = (s: string, max = 120): string =>
  (s.length > max ? `${s.slice(0, max - 1)}…` : s).replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, '\\$&');
/** Server text in a code span. */
const code = (s: string, max = 160): string => `\`${(s.length > max ? `${s.slice(0, max - 1)}…` : s).replace(/[`\r\n\u2028\u2029]+/g, ' ')}\``;

/** The hover of a Link (Markdown without commands or HTML): rel, method, path, media type, and the action in words. */
export function linkHover(link: Node, owner: Node | undefined, baseUrl: string | undefined): string {
  const rel = field(link, 'rel') ?? '';
  const href = field(link, 'href') ?? '';
  const type = field(link, 'type');
  const path = (baseUrl && apiPathOfHref(href, baseUrl)) || href;
  const method = methodOf(rel, path, field(link, 'method'));
  const kind = /\/vApp\/vm-/i.test(path) ? 'VM' : /\/vApp\/vapp-/i.test(path) ? 'vApp' : /\/task\//.test(path) ? 'task' : '';
  const name = field(owner, 'name');
  const entity = kind ? `the ${kind}${name && kind !== 'task' ? ` “${prose(name, 60)}”` : ''}` : 'this resource';
  const known = Object.prototype.hasOwnProperty.call(ACTIONS, rel) ? ACTIONS[rel] : undefined;
  const action = known ?? (method === 'GET' ? undefined : `Runs ${code(path.split('?')[0].split('/').pop() ?? rel)} on $.`);
  const lines = [
    `**Link** ${code(rel || '(no rel)')} · **${method}** ${code(path)}`,
    `Media type: ${type ? code(type) : 'none given'}`,
  ];
  if (action) lines.push(action.replace('$', entity));
  if (method !== 'GET') lines.push('_Not run from here: this hover only describes the request._');
  else if (baseUrl && !followable(href, baseUrl)) lines.push('_Not a link to follow: it leaves this site._');
  return lines.join('\n\n');
}

export type SymbolKind = 'root' | 'links' | 'link' | 'section' | 'entity' | 'object' | 'array' | 'value';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  start: number;
  end: number;
  selStart: number;
  selEnd: number;
  children: OutlineSymbol[];
}

const symbol = (name: string, detail: string, kind: SymbolKind, n: Node, children: OutlineSymbol[] = []): OutlineSymbol => ({
  // A JSON value starts after its key: the symbol starts with the key.
  name: name || '(unnamed)', detail, kind, start: Math.min(n.start, n.nameStart), end: n.end, selStart: n.nameStart, selEnd: n.nameEnd, children,
});

/**
 * The outline. XML: the root element, its `Link`s grouped under "Link" (named by rel), sections, and the entities,
 * records and containers below (elements with attributes; plain value elements are left out). JSON: the top-level
 * keys, the `link` lists (named by rel) and the items of lists (named by `name`, `rel` or `id`). At most `max` symbols.
 */
export function outline(root: Node | undefined, max = MAX_SYMBOLS): OutlineSymbol[] {
  if (!root) return [];
  let budget = max;
  const links = (list: Node[], title: string, at: Node): OutlineSymbol => {
    const items = list.slice(0, Math.max(0, budget)).map((l) => {
      budget--;
      const rel = field(l, 'rel') ?? '';
      return symbol(rel, methodOf(rel, field(l, 'href') ?? '', field(l, 'method')), 'link', l);
    });
    budget--;
    const last = list[list.length - 1];
    const first = symbol(title, `${list.length}`, 'links', at, items);
    return at.list ? first : { ...first, start: list[0].start, end: Math.max(last.end, list[0].end), selStart: list[0].nameStart, selEnd: list[0].nameEnd };
  };
  const xml = (n: Node, isRoot: boolean): OutlineSymbol | undefined => {
    if (budget <= 0) return undefined;
    const section = /Section$/.test(n.name);
    if (!isRoot && !section && !/Record$/.test(n.name) && !n.fields.some((f) => !f.key.startsWith('xmlns')) && !n.children.length) return undefined;
    budget--;
    const s = symbol(n.name, field(n, 'name') ?? field(n, 'rel') ?? '', isRoot ? 'root' : section ? 'section' : 'entity', n);
    const linkNodes = n.children.filter(isLink);
    if (linkNodes.length) s.children.push(links(linkNodes, 'Link', n));
    for (const c of n.children) {
      const child = isLink(c) ? undefined : xml(c, false);
      if (child) s.children.push(child);
    }
    // A container of plain values only (MemoryResourceMb, AuthorizedLocations) says nothing in an outline.
    if (!isRoot && !section && !n.fields.length && !s.children.length) {
      budget++;
      return undefined;
    }
    return s;
  };
  const json = (n: Node, top: boolean): OutlineSymbol[] => {
    const out: OutlineSymbol[] = [];
    if (top) {
      for (const f of n.fields) {
        if (budget-- <= 0) break;
        out.push({ name: f.key, detail: f.value.slice(0, 60), kind: 'value', start: f.start, end: f.end, selStart: f.start, selEnd: f.end, children: [] });
      }
    }
    for (const c of n.children) {
      if (budget <= 0) break;
      if (!c.fields.length && !c.children.length) continue;
      if (c.list && c.children.length && c.children.every(isLink)) {
        out.push(links(c.children, c.name, c));
        continue;
      }
      budget--;
      const items = c.list
        ? c.children.map((item, k) => symbol(field(item, 'name') ?? field(item, 'rel') ?? field(item, 'id') ?? `${k}`, field(item, 'id') ?? '', 'object', item, json(item, false)))
        : json(c, false);
      out.push(symbol(c.name, c.list ? `${c.children.length}` : (field(c, 'name') ?? ''), c.list ? 'array' : 'object', c, items));
    }
    return out.sort((a, b) => a.start - b.start);
  };
  // A JSON root has no name; an XML element always has one.
  if (root.name === '') return json(root, true);
  const top = xml(root, true);
  return top ? [top] : [];
}
