// What the language-model tools (VS Code's chat) share: what a tool gets, which sites an input names, server text made
// safe to put in front of a model (one line, capped: a name cannot forge a record or an instruction line), and errors
// in words with the step that fixes them. Every input comes from a model: checked here, never trusted.
import type * as vscode from 'vscode';
import type { TokenService } from '../auth';
import type { PowerOperations } from '../operations/power';
import type { Configuration } from '../platform/configuration';
import { FIX_LABELS, fixesFor, messageOf } from '../platform/errorText';
import type { Log } from '../platform/log';
import type { Site } from '../platform/settings';
import type { SiteClients } from '../platform/siteClients';
import type { UserInput } from '../platform/userInput';
import type { TaskTracker } from '../tree/taskTracker';
import { filterEq, filterOr, isVcdError, uuidOfHref, type VcdClient } from '../vcd';

export interface ToolContext {
  readonly config: Configuration;
  readonly tokens: TokenService;
  readonly clients: SiteClients;
  readonly power: PowerOperations;
  readonly tasks: TaskTracker;
  readonly ui: UserInput;
  readonly log: Log;
}

/** One tool: its answer as text for the model. `inChat`: invoked for a chat request (VS Code showed its confirmation). */
export interface ToolSpec {
  invoke: (ctx: ToolContext, input: Input, signal: AbortSignal, inChat: boolean) => Promise<string>;
  prepare?: (ctx: ToolContext, input: Input, signal: AbortSignal) => Promise<vscode.PreparedToolInvocation>;
}

export type Input = Record<string, unknown>;

/** A problem with the input or the configuration: `message` is the whole answer for the model. */
export class ToolError extends Error {}

export const SET_TOKEN = 'with the command “VCD: Set API Token…”';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Server (or model) text as one line of at most `max` characters. */
export function clean(value: string | number | undefined, max = 200): string {
  const text = String(value ?? '').replace(CONTROL, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** “name”, cleaned. */
export const q = (value: string | undefined): string => `“${clean(value)}”`;

/** `Key: value; Key: value` of the values present. */
export function facts(pairs: [string, string | number | boolean | undefined][]): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${clean(typeof v === 'boolean' ? (v ? 'yes' : 'no') : v)}`)
    .join('; ');
}

/** A text input (trimmed; undefined when absent or empty). */
export function textInput(input: Input, key: string, max: number, required = false): string | undefined {
  const value = input[key];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw new ToolError(`The input “${key}” is required.`);
    return undefined;
  }
  if (typeof value !== 'string' || value.length > max) throw new ToolError(`The input “${key}” must be a text of at most ${max} characters.`);
  return value.trim();
}

function names(sites: readonly Site[]): string {
  return sites.map((s) => q(s.name)).join(', ');
}

/** The sites a tool works on: the one `name` names (by name in any case, or id), or all. */
export function sitesOf(ctx: ToolContext, name: string | undefined): Site[] {
  const sites = ctx.config.settings.sites;
  if (sites.length === 0) throw new ToolError('No Cloud Director site is configured. Add one with the command “VCD: Add Site…”.');
  if (name === undefined) return sites;
  const wanted = name.toLowerCase();
  const site = sites.find((s) => s.name.toLowerCase() === wanted) ?? sites.find((s) => s.id === wanted);
  if (!site) throw new ToolError(`There is no site named ${q(name)}. The sites are: ${names(sites)}.`);
  return [site];
}

/** Why the site cannot be asked (no API token, or one the server rejected), or undefined. */
export async function tokenProblem(ctx: ToolContext, site: Site): Promise<string | undefined> {
  if ((await ctx.tokens.getApiToken(site.id)) === undefined) return `site ${q(site.name)} has no API token. Set one ${SET_TOKEN}.`;
  if (ctx.tokens.state(site.id) === 'rejected') return `the server rejected the API token of site ${q(site.name)}. Set a new one ${SET_TOKEN}.`;
  return undefined;
}

/** An error in words, with what fixes it (the same fixes as the rest of the extension offers, as commands to run). */
export function failure(err: unknown, site?: Site): string {
  const message = clean(isVcdError(err) ? err.message : messageOf(err), 1000);
  const fix = fixesFor(err, site !== undefined)[0];
  if (site && fix === 'setToken') return `${message} Set the API token of site ${q(site.name)} ${SET_TOKEN}.`;
  if (site && fix === 'trustCertificate') return `${message} If it is the site's certificate, trust it with the command “VCD: ${FIX_LABELS.trustCertificate}”.`;
  if (fix === 'retry') return `${message} It may be passing: try again later.`;
  if (isVcdError(err, 'forbidden')) return `${message} The API token's user may lack the rights for this.`;
  return message;
}

/**
 * Names of the organizations that records of a System site name by href only (one query for all of them, by id); empty
 * for a tenant site (its one organization is the site's) or when the names cannot be read.
 */
export async function orgNames(site: Site, client: VcdClient, hrefs: (string | undefined)[], signal: AbortSignal): Promise<Map<string, string>> {
  const ids = [...new Set(hrefs.map((h) => uuidOfHref('org', h)).filter((id): id is string => id !== undefined))].slice(0, 25);
  if (!site.isSystem || ids.length === 0) return new Map();
  try {
    const page = await client.queryFirstPage('organization', { filter: filterOr(...ids.map((id) => filterEq('id', id))), pageSize: ids.length }, signal);
    return new Map(page.records.map((o) => [uuidOfHref('org', o.href) ?? '', o.name]));
  } catch {
    return new Map();
  }
}

/** The organization of a record: the site's for a tenant site, else by the record's org href. */
export function orgOf(site: Site, orgs: Map<string, string>, href: string | undefined): string | undefined {
  return site.isSystem ? orgs.get(uuidOfHref('org', href) ?? '') : site.org;
}
