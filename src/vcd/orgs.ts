// The organization of a session, read the way every role may: GET /api/org (OrgList: the orgs of the session) and
// GET /api/org/{id} (Org: FullName and the VDC links). XML or JSON, parsed by the safe parsers; counts are capped.
import { JsonObject, arr, obj, parseJsonObject, str } from './json';
import { XmlSyntaxError, attr, childElements, childText, parseXml, rootElement } from './xml';

/** More entries than this in an OrgList (a tenant session lists one) is not an answer this client reads. */
export const MAX_ORG_LIST_ENTRIES = 10_000;
/** Links of an Org document looked at (an org with more VDCs than this shows this many). */
export const MAX_ORG_LINKS = 10_000;
/** A full name longer than this is cut (it is shown next to the org in the tree). */
export const MAX_FULL_NAME_CHARS = 256;

export interface OrgReference {
  name: string;
  href: string;
}

export interface OrgDocument {
  /** `FullName`, the org's display name. */
  fullName?: string;
  /** How many VDCs the Org document links to (distinct hrefs, at most MAX_ORG_LINKS links looked at). */
  vdcCount: number;
}

function isJson(body: string, contentType: string | undefined): boolean {
  if (contentType !== undefined && /[/+]json\b/i.test(contentType)) return true;
  if (contentType !== undefined && /[/+]xml\b/i.test(contentType)) return false;
  return body.trimStart().startsWith('{');
}

function objects(list: unknown[]): JsonObject[] {
  return list.filter((x): x is JsonObject => x !== null && typeof x === 'object' && !Array.isArray(x));
}

function tooMany(what: string, n: number, cap: number): void {
  if (n > cap) throw new XmlSyntaxError(`${what} has ${n} entries, more than the ${cap} this client reads.`);
}

/** Parses an OrgList (`application/vnd.vmware.vcloud.orgList+xml|json`): its Org references with a name and an href. */
export function parseOrgList(body: string, contentType: string | undefined): OrgReference[] {
  let entries: { name?: string; href?: string }[];
  if (isJson(body, contentType)) {
    const list = arr(parseJsonObject(body), 'org');
    tooMany('The organization list', list.length, MAX_ORG_LIST_ENTRIES);
    entries = objects(list).map((o) => ({ name: str(o, 'name'), href: str(o, 'href') }));
  } else {
    const { name, element } = rootElement(parseXml(body, ['Org']));
    if (name !== 'OrgList') throw new XmlSyntaxError(`Expected OrgList, got ${name}.`);
    const list = childElements(element, 'Org');
    tooMany('The organization list', list.length, MAX_ORG_LIST_ENTRIES);
    entries = list.map((o) => ({ name: attr(o, 'name'), href: attr(o, 'href') }));
  }
  return entries.filter((e): e is OrgReference => e.name !== undefined && e.name !== '' && e.href !== undefined && e.href !== '');
}

const VDC_MEDIA_TYPE = /^application\/vnd\.vmware\.vcloud\.vdc\+(xml|json)\b/i;

/** Parses an Org document (`application/vnd.vmware.vcloud.org+xml|json`): FullName and the number of VDCs it links to. */
export function parseOrgDocument(body: string, contentType: string | undefined): OrgDocument {
  let fullName: string | undefined;
  let links: { rel?: string; href?: string; type?: string }[];
  if (isJson(body, contentType)) {
    const root = parseJsonObject(body);
    // VCD's JSON gives a text element as a string; an element object carries its text as `value`.
    fullName = str(root, 'fullName') ?? str(obj(root, 'fullName'), 'value');
    links = objects(arr(root, 'link').slice(0, MAX_ORG_LINKS)).map((l) => ({ rel: str(l, 'rel'), href: str(l, 'href'), type: str(l, 'type') }));
  } else {
    const { name, element } = rootElement(parseXml(body, ['Link']));
    if (name !== 'Org') throw new XmlSyntaxError(`Expected Org, got ${name}.`);
    fullName = childText(element, 'FullName');
    links = childElements(element, 'Link').slice(0, MAX_ORG_LINKS).map((l) => ({ rel: attr(l, 'rel'), href: attr(l, 'href'), type: attr(l, 'type') }));
  }
  const vdcs = new Set(links.filter((l) => l.rel === 'down' && l.href && VDC_MEDIA_TYPE.test(l.type ?? '')).map((l) => l.href));
  const doc: OrgDocument = { vdcCount: vdcs.size };
  const trimmed = fullName?.trim();
  if (trimmed) doc.fullName = trimmed.length > MAX_FULL_NAME_CHARS ? `${trimmed.slice(0, MAX_FULL_NAME_CHARS - 1)}…` : trimmed;
  return doc;
}
