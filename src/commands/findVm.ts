// Find VM…: a quick pick that searches the VMs of every site with a working API token as the person types
// (findVmSearch.ts), then reveals the chosen VM in the Sites view, or opens its raw API response (the row's button,
// or the argument `{ "open": "response" }` from a keybinding).
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { findVms, type VmRecord } from '../vcd';
import type { Site } from '../platform/settings';
import { vmRevealSteps, type RevealLevel } from '../tree/revealPath';
import type { CommandContext } from './support/context';
import { CancelledByUser, messageOf } from '../platform/errorText';
import { FindVmSearch, OPEN_RESPONSE_BUTTON, type FindVmSite } from './support/findVmSearch';
import { openResponse } from './openResponse';
import { reportOutcome } from './support/notify';

/** What the command may be given (a keybinding's `args`); anything else is ignored. */
export interface FindVmArgs {
  /** Text to search for at once. */
  query?: string;
  /** What choosing a VM does: reveal it in the Sites view (default), or open its raw API response. */
  open?: 'reveal' | 'response';
}

function argsOf(arg: unknown): FindVmArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const { query, open } = arg as Record<string, unknown>;
  const args: FindVmArgs = {};
  if (typeof query === 'string') args.query = query.slice(0, 1000);
  if (open === 'reveal' || open === 'response') args.open = open;
  return args;
}

/** The sites to search, and why the others are not searched. */
async function searchSites(ctx: CommandContext): Promise<FindVmSite[]> {
  return Promise.all(
    ctx.config.settings.sites.map(async (site): Promise<FindVmSite> => {
      if ((await ctx.tokens.getApiToken(site.id)) === undefined) return { site, skipped: 'no API token' };
      if (ctx.tokens.state(site.id) === 'rejected') return { site, skipped: 'API token rejected' };
      return { site };
    }),
  );
}

export async function findVm(ctx: CommandContext, arg?: unknown): Promise<unknown> {
  const args = argsOf(arg);
  if (ctx.config.settings.sites.length === 0) {
    const action = await ctx.ui.message({ severity: 'info', message: 'There is no Cloud Director site yet.', actions: ['Add Site…'] });
    if (action === 'Add Site…') await vscode.commands.executeCommand(Commands.addSite);
    throw new CancelledByUser();
  }
  const source = new FindVmSearch({
    sites: await searchSites(ctx),
    search: (site, text, signal) => findVms(ctx.clients.client(site), text, { system: site.isSystem }, signal),
    orgNames: async (site, signal) => {
      const orgs = await ctx.clients.client(site).query('organization', { sortAsc: 'name', limit: ctx.config.settings.maxChildren }, signal);
      return new Map(orgs.records.map((o) => [o.href, o.name]));
    },
    log: (message) => ctx.log.debug(message),
  });
  let answer;
  try {
    answer = await ctx.ui.searchPick({
      id: 'findVm',
      title: 'Find VM',
      placeHolder: 'Part of a VM name, or of an IP address (10.0.3.…)',
      value: args.query,
      source,
    });
  } finally {
    source.dispose();
  }
  if (answer === undefined) throw new CancelledByUser();
  const choice = answer.value;
  if (choice.kind === 'setToken') return vscode.commands.executeCommand(Commands.setToken, choice.site.id);
  // The site as the settings have it now (the pick was open a while).
  const site = ctx.config.site(choice.site.id);
  if (!site) throw new Error(`The site of “${choice.vm.name}” is no longer configured.`);
  if (answer.button === OPEN_RESPONSE_BUTTON.id || args.open === 'response') return openVmResponse(ctx, site, choice.vm);
  return revealVm(ctx, site, choice.vm);
}

function openVmResponse(ctx: CommandContext, site: Site, vm: VmRecord): Promise<unknown> {
  return openResponse(ctx, { site, href: vm.href, name: vm.name });
}

/**
 * Selects the VM in the Sites view, expanding its site, organization, VDC and vApp. Returns the VM's tree id, or
 * undefined when it cannot be shown (then a warning offers its raw response).
 */
async function revealVm(ctx: CommandContext, site: Site, vm: VmRecord): Promise<string | undefined> {
  // A System site's VM records name their organization; a tenant site shows its one organization, read as the tree
  // reads it (so the id is the tree's).
  const orgHref = site.isSystem
    ? vm.org
    : (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Finding ${vm.name} in the Sites view` }, () =>
        ctx.clients.client(site).sessionOrganization(site.org),
      )).href;
  if (orgHref === undefined || vm.vdc === undefined || vm.container === undefined) {
    cannotReveal(ctx, site, vm, 'the server did not say which organization, VDC and vApp it belongs to.');
    return undefined;
  }
  const steps = vmRevealSteps(site, { orgHref, vdcHref: vm.vdc, vappHref: vm.container, vmHref: vm.href });
  // One level at a time (see revealPath.ts): the level that is not listed is the one that fails.
  for (const { level, node } of steps) {
    const last = level === 'vm';
    try {
      await ctx.treeView.reveal(node, last ? { select: true, focus: true, expand: true } : { select: false, focus: false, expand: false });
    } catch (err) {
      ctx.log.debug(`Find VM: revealing ${vm.name} failed at its ${level}: ${messageOf(err)}`);
      cannotReveal(ctx, site, vm, `${notListed(site, vm, level)} — it lists the first ${ctx.config.settings.maxChildren.toLocaleString('en')} (vcd.maxChildren; Load more… lists more), or it is out of date (Refresh).`);
      return undefined;
    }
  }
  return steps[steps.length - 1].node.id;
}

/** Which node the view does not list, and under which parent, in words. */
function notListed(site: Site, vm: VmRecord, level: RevealLevel): string {
  const vdc = vm.vdcName === undefined ? 'its VDC' : `VDC “${vm.vdcName}”`;
  const vapp = vm.containerName === undefined ? 'its vApp' : `vApp “${vm.containerName}”`;
  switch (level) {
    case 'site': return `its site “${site.name}” is not in the view`;
    case 'org': return `its organization is not among the children the view lists under site “${site.name}”`;
    case 'vdc': return `its ${vdc} is not among the children the view lists under its organization`;
    case 'vapp': return `its ${vapp} is not among the children the view lists under ${vdc}`;
    case 'vm': return `it is not among the children the view lists under ${vapp}`;
  }
}

function cannotReveal(ctx: CommandContext, site: Site, vm: VmRecord, why: string): void {
  ctx.log.warn(`Find VM: ${vm.name} on ${site.name} cannot be shown in the Sites view: ${why}`);
  reportOutcome(ctx, 'warning', `“${vm.name}” cannot be shown in the Sites view: ${why}`, {
    'Open API Response': () => openVmResponse(ctx, site, vm),
  });
}
