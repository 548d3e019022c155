// Find VM: a server-side search of one site's VMs by name (case-insensitive, anywhere in the name) and, when the
// text looks like an IP address or its start, by IP address too. One request: the first page, sorted by name, and
// the server's total, so the caller can say how many more match.
//
// VCD's filter rules (vcd-api.md §4.2): `==` is case-sensitive unless the value holds a `*` wildcard, which makes it
// a case-insensitive match; `( ) ; ,` inside a value are backslash-escaped (35.0+), and the filter is percent-encoded
// once. So the name test is `name==*text*` built by filterLike: the wildcards make it case-insensitive, every special
// character the person typed is escaped, and a `*` the person typed stays a wildcard (VCD documents no escape for a
// literal `*`; a wildcard matches one anyway).
import { VcdError } from './errors';
import { filterAnd, filterEq, filterLike, filterOr } from './filter';
import { MAX_PAGE_SIZE } from './query';
import type { QueryFirstPage, VmRecord } from './types';

/** VMs asked for per site and search: the first page. */
export const VM_SEARCH_PAGE_SIZE = 25;
/** Longest search text, in characters (VCD names are at most 128 characters). */
export const MAX_VM_SEARCH_LENGTH = 128;

/** What findVms needs of a client (VcdClient has it). */
export interface VmSearchClient {
  queryFirstPage(
    type: 'vm' | 'adminVM',
    options: { filter?: string; sortAsc?: string; pageSize: number },
    signal?: AbortSignal,
  ): Promise<QueryFirstPage<VmRecord>>;
}

export interface VmSearchOptions {
  /** A System (provider) site: `adminVM`, every organization's VMs. Otherwise `vm`, which every tenant role may run. */
  system: boolean;
  /** VMs asked for (1..128, default VM_SEARCH_PAGE_SIZE). */
  pageSize?: number;
}

export interface VmSearchResult {
  /** The text searched (trimmed). */
  text: string;
  /** The first matches, sorted by name: vApp VMs only (no VMs of vApp templates). */
  records: VmRecord[];
  /** How many VMs match in all, as the server counted them. */
  total: number;
  /** Whether the IP address was searched too. */
  byIpAddress: boolean;
  /** Requests made: 1, or 0 for an empty text. */
  requests: number;
}

const IPV4_START = /^\d{1,3}(?:\.\d{0,3}){1,3}$/;
const IPV6_START = /^[0-9a-f:]{2,39}$/i;

/**
 * Whether the text is an IP address or the start of one, so that VMs are also searched by IP address. IPv4 needs a
 * dot ("10." or "10.0.3.14"), so that a number alone ("10") stays a name search; IPv6 needs a colon and a hex digit.
 */
export function looksLikeIpAddress(text: string): boolean {
  if (IPV4_START.test(text)) {
    const parts = text.split('.');
    // Only the last part may be empty (it is being typed), and every number is an octet.
    return parts.every((p, i) => (p === '' ? i === parts.length - 1 : Number(p) <= 255));
  }
  if (IPV6_START.test(text) && text.includes(':') && /[0-9a-f]/i.test(text)) {
    const doubleColons = text.split('::').length - 1;
    return doubleColons <= 1 && !text.includes(':::') && text.split(':').length <= 8;
  }
  return false;
}

/**
 * The filter of a VM search: vApp VMs (not VMs of templates) whose name holds the text, any case
 * (`name==*text*`), or, for an address, whose IP address starts with it: `isVAppTemplate==false;(name==*10.0*,ipAddress==10.0*)`.
 */
export function vmSearchFilter(text: string): { filter: string; byIpAddress: boolean } {
  const clean = checkSearchText(text);
  const byName = filterLike('name', `*${clean}*`);
  const byIpAddress = looksLikeIpAddress(clean);
  const match = byIpAddress ? filterOr(byName, filterLike('ipAddress', `${clean}*`)) : byName;
  return { filter: filterAnd(filterEq('isVAppTemplate', 'false'), match), byIpAddress };
}

/** The text trimmed; too long a text is an error in the person's terms. */
function checkSearchText(text: string): string {
  const clean = text.trim();
  if (clean.length > MAX_VM_SEARCH_LENGTH) {
    throw new VcdError('invalidInput', `Search for at most ${MAX_VM_SEARCH_LENGTH} characters (VM names are not longer).`);
  }
  return clean;
}

/**
 * Searches one site's VMs: the first `pageSize` matches sorted by name, and how many match in all, in one request.
 * An empty text searches nothing (no request). Records of vApp templates or without an href, which the filter
 * excludes but an odd server might send, are dropped.
 */
export async function findVms(client: VmSearchClient, text: string, options: VmSearchOptions, signal?: AbortSignal): Promise<VmSearchResult> {
  const clean = checkSearchText(text);
  const pageSize = options.pageSize ?? VM_SEARCH_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new VcdError('invalidInput', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${pageSize}.`);
  }
  if (clean === '') {
    return { text: clean, records: [], total: 0, byIpAddress: false, requests: 0 };
  }
  const { filter, byIpAddress } = vmSearchFilter(clean);
  const page = await client.queryFirstPage(options.system ? 'adminVM' : 'vm', { filter, sortAsc: 'name', pageSize }, signal);
  const records = page.records.filter((r) => !r.isVAppTemplate && r.href !== '');
  return { text: clean, records, total: Math.max(page.total, records.length), byIpAddress, requests: 1 };
}
