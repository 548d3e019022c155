// What the copy and open commands act on: the organization, VDC, vApp or VM node they were invoked on (or, for the
// commands that take several, the selected nodes when the clicked one is among them: VS Code passes the clicked node
// and the selection). Arguments can come from anywhere (another extension, a command link), so a node's site is only
// a name, looked up in the settings, and its href must be on that site's host: what is copied or opened always
// points at the configured host.
import { apiPathOfHref } from '../../documents/uri';
import type { EntityKind } from '../../vcd';
import type { Site } from '../../platform/settings';
import type { ResourceNode } from '../../tree/node';
import { OrgNode } from '../../tree/orgNode';
import { VAppNode } from '../../tree/vappNode';
import { VdcNode } from '../../tree/vdcNode';
import { VmNode } from '../../tree/vmNode';
import type { CommandContext } from './context';
import { displayName, kindNoun } from './displayName';
import { CancelledByUser } from '../../platform/errorText';
import { siteOfArg } from './pickSite';

export type EntityNode = OrgNode | VdcNode | VAppNode | VmNode;

export interface Resource {
  node: EntityNode;
  kind: EntityKind;
  name: string;
  /** The configured site the node names (never the site object the argument carries). */
  site: Site;
  /** The node's href as a path on the site (`/api/vApp/vm-…`). */
  apiPath: string;
  /** The site's address + that path: the resource's API URL on the configured host. */
  url: string;
}

export const AllKinds: readonly EntityKind[] = ['org', 'vdc', 'vapp', 'vm'];
export const VAppAndVmKinds: readonly EntityKind[] = ['vapp', 'vm'];

export function kindOfNode(node: unknown): EntityKind | undefined {
  if (node instanceof VmNode) return 'vm';
  if (node instanceof VAppNode) return 'vapp';
  if (node instanceof VdcNode) return 'vdc';
  if (node instanceof OrgNode) return 'org';
  return undefined;
}

function sameNode(a: unknown, b: ResourceNode): boolean {
  return a === b || (kindOfNode(a) !== undefined && (a as ResourceNode).id === b.id);
}

/** `a VM or vApp`, `an organization, VDC, vApp or VM`. */
function kindsInWords(kinds: readonly EntityKind[]): string {
  const words = kinds.map((k) => kindNoun(k));
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return /^[aeiou]/i.test(list) ? `an ${list}` : `a ${list}`;
}

function resolve(ctx: CommandContext, node: EntityNode, kind: EntityKind): Resource {
  const site = siteOfArg(ctx, node);
  if (!site) throw new Error(`The site of “${displayName(node.name)}” is no longer configured.`);
  const apiPath = apiPathOfHref(node.href, site.baseUrl);
  if (apiPath === undefined) throw new Error(`The link of “${displayName(node.name)}” points to another host than ${site.name}; it is not used.`);
  return { node, kind, name: node.name, site, apiPath, url: `${site.baseUrl}${apiPath}` };
}

/**
 * The resources a command acts on. `several`: every selected node of these kinds when the clicked node is part of the
 * selection; otherwise only the clicked node. Says what the command works on, and ends it, when the argument is not
 * such a node (e.g. run from a keybinding).
 */
export async function resourcesOf(
  ctx: CommandContext,
  args: readonly unknown[],
  options: { title: string; kinds: readonly EntityKind[]; several?: boolean },
): Promise<Resource[]> {
  const [clicked, selection] = args;
  const clickedKind = kindOfNode(clicked);
  if (clickedKind === undefined || !options.kinds.includes(clickedKind)) {
    await ctx.ui.message({ severity: 'info', message: `${options.title} works on ${kindsInWords(options.kinds)} in the Sites view: right-click one there.` });
    throw new CancelledByUser();
  }
  const node = clicked as EntityNode;
  const selected = options.several && Array.isArray(selection) && selection.some((s) => sameNode(s, node)) ? (selection as unknown[]) : [node];
  const resources: Resource[] = [];
  for (const item of selected) {
    const kind = kindOfNode(item);
    if (kind !== undefined && options.kinds.includes(kind)) resources.push(resolve(ctx, item as EntityNode, kind));
  }
  return resources;
}
