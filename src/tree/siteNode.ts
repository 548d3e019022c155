// A site: one VCD endpoint + organization + API token. Children: its organization (tenant) or every
// organization (System). A missing or rejected token shows as the site's state and a Set API Token… child.
import * as vscode from 'vscode';
import { isTokenProblem, isVcdError } from '../vcd';
import { messageOf } from '../platform/errorText';
import type { Site } from '../platform/settings';
import { contextValue } from './contextValue';
import { errorNodeFor, listChildren } from './listing';
import type { TreeContext, TreeNode } from './node';
import { OrgNode } from './orgNode';
import { escapeMarkdown } from './present';
import { SetTokenNode } from './setTokenNode';

export type SiteState = 'ok' | 'unknown' | 'noToken' | 'rejected';

/** The tree id of a site's node. */
export function siteNodeId(site: Pick<Site, 'id'>): string {
  return `site:${site.id}`;
}

export class SiteNode implements TreeNode {
  readonly id: string;
  readonly parent = undefined;

  constructor(private readonly ctx: TreeContext, readonly site: Site, private hasToken: boolean) {
    this.id = siteNodeId(site);
  }

  state(): SiteState {
    if (!this.hasToken) return 'noToken';
    switch (this.ctx.tokens.state(this.site.id)) {
      case 'missing': return 'noToken';
      case 'rejected': return 'rejected';
      case 'ok': return 'ok';
      default: return 'unknown';
    }
  }

  getTreeItem(): vscode.TreeItem {
    const state = this.state();
    const item = new vscode.TreeItem(this.site.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const host = new URL(this.site.baseUrl).host;
    const where = this.site.isSystem ? `${host} · System` : `${host} · ${this.site.org}`;
    item.description = state === 'noToken' ? `${where} · No API token` : state === 'rejected' ? `${where} · Token rejected` : where;
    const problem = state === 'noToken' || state === 'rejected';
    item.iconPath = new vscode.ThemeIcon(
      this.site.isSystem ? 'server-environment' : 'cloud',
      problem ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.contextValue = contextValue('site', state);
    const tokenWords = { ok: 'accepted', unknown: 'stored', noToken: 'not stored', rejected: 'rejected by the server' }[state];
    item.tooltip = new vscode.MarkdownString(
      `### ${escapeMarkdown(this.site.name)}\n\n**URL:** ${escapeMarkdown(this.site.baseUrl)}  \n**Organization:** ${escapeMarkdown(this.site.isSystem ? 'System (provider)' : this.site.org)}  \n**API token:** ${tokenWords}`,
    );
    return item;
  }

  async getChildren(signal?: AbortSignal): Promise<TreeNode[]> {
    this.hasToken = (await this.ctx.tokens.getApiToken(this.site.id)) !== undefined;
    if (!this.hasToken) return [new SetTokenNode(this, 'noToken')];
    const onError = (err: unknown): TreeNode | undefined =>
      isTokenProblem(err) ? new SetTokenNode(this, isVcdError(err, 'noToken') ? 'noToken' : 'rejected', (err as Error).message) : undefined;
    if (this.site.isSystem) {
      // The System org may run the `organization` query: every tenant of the cloud.
      return listChildren({
        ctx: this.ctx,
        parent: this,
        site: this.site,
        type: 'organization',
        noun: 'organizations',
        make: (org) => new OrgNode(this.ctx, this, this.site, org),
        signal,
        onError,
      });
    }
    // A tenant site, whatever the user's role: the `organization` query is for org administrators only.
    try {
      const org = await this.ctx.withViewProgress(() => this.ctx.clients.client(this.site).sessionOrganization(this.site.org, signal));
      return [new OrgNode(this.ctx, this, this.site, org)];
    } catch (err) {
      // Nobody will see this listing: no error node, no error in the log.
      if (signal?.aborted) throw err;
      const special = onError(err);
      if (special) {
        this.ctx.log.warn(`${this.site.name}: ${messageOf(err)}`);
        return [special];
      }
      return [errorNodeFor(this.ctx, this, this.site, 'Could not load the organization', err)];
    }
  }
}
