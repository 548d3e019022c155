// Which site a command applies to: the node it was invoked on, or (from the palette) the person's choice.
import * as vscode from 'vscode';
import { Commands } from '../../ids';
import type { Site } from '../../platform/settings';
import type { CommandContext } from './context';
import { CancelledByUser } from '../../platform/errorText';

/**
 * The configured site a command argument names (a tree node, a site, or a site id). Arguments can come from anywhere
 * (another extension, a command link), so a site object is only a name: it is looked up by id in the settings and
 * never used as is (its URL could point a stored API token at another host).
 */
export function siteOfArg(ctx: CommandContext, arg: unknown, depth = 0): Site | undefined {
  if (typeof arg === 'string') return ctx.config.site(arg);
  if (typeof arg === 'object' && arg !== null && depth < 8) {
    const a = arg as { site?: { id?: unknown }; parent?: unknown; id?: unknown; baseUrl?: unknown };
    if (typeof a.site === 'object' && a.site !== null) return typeof a.site.id === 'string' ? ctx.config.site(a.site.id) : undefined;
    if (typeof a.id === 'string' && typeof a.baseUrl === 'string') return ctx.config.site(a.id);
    if (a.parent) return siteOfArg(ctx, a.parent, depth + 1);
  }
  return undefined;
}

/** The site of the argument, or asks. Throws CancelledByUser when there is none or the person dismissed. */
export async function pickSite(ctx: CommandContext, arg: unknown, title: string): Promise<Site> {
  const fromArg = siteOfArg(ctx, arg);
  if (fromArg) return fromArg;
  const sites = ctx.config.settings.sites;
  if (sites.length === 0) {
    const action = await ctx.ui.message({ severity: 'info', message: 'There is no Cloud Director site yet.', actions: ['Add Site…'] });
    if (action === 'Add Site…') await vscode.commands.executeCommand(Commands.addSite);
    throw new CancelledByUser();
  }
  if (sites.length === 1) return sites[0];
  const chosen = await ctx.ui.quickPick({
    id: 'pickSite',
    title,
    placeHolder: 'Which site?',
    items: sites.map((s) => ({ label: s.name, description: `${new URL(s.baseUrl).host} · ${s.isSystem ? 'System' : s.org}`, value: s })),
  });
  if (chosen === undefined || typeof chosen === 'symbol') throw new CancelledByUser();
  return chosen;
}
