// Open in VCD Portal: the entity's page in the tenant portal, or the provider portal for a System site, in the
// browser. Where VCD has no known page for the entity (a VM; anything in the provider portal) the nearest known page
// opens and a message says so (the forms and their sources are in portalUrl.ts).
import { uuidOfHref } from '../vcd';
import { OrgNode } from '../tree/orgNode';
import { VAppNode } from '../tree/vappNode';
import { VdcNode } from '../tree/vdcNode';
import { VmNode } from '../tree/vmNode';
import type { CommandContext } from './support/context';
import { describeEntities, displayName } from './support/displayName';
import { portalPage, type PortalTarget } from './support/portalUrl';
import { AllKinds, resourcesOf, type Resource } from './support/resourceArgs';

/** The organization's name and the uuids on the path, from the record, else from the node's ancestors. */
function targetOf(resource: Resource): PortalTarget {
  const { node } = resource;
  if (node instanceof OrgNode) return { kind: 'org', orgName: node.name };
  if (node instanceof VdcNode) return { kind: 'vdc', orgName: node.orgName, vdcUuid: uuidOfHref('vdc', node.href) };
  const parentHref = (n: unknown, type: typeof VdcNode | typeof VAppNode): string | undefined => (n instanceof type ? n.href : undefined);
  if (node instanceof VAppNode) {
    return { kind: 'vapp', orgName: node.names.orgName, vdcUuid: uuidOfHref('vdc', node.record.vdc ?? parentHref(node.parent, VdcNode)), vappUuid: uuidOfHref('vapp', node.href) };
  }
  const vm: VmNode = node;
  return {
    kind: 'vm',
    orgName: vm.names.orgName,
    vdcUuid: uuidOfHref('vdc', vm.record.vdc ?? parentHref(vm.parent.parent, VdcNode)),
    vappUuid: uuidOfHref('vapp', vm.record.container ?? parentHref(vm.parent, VAppNode)),
  };
}

export async function openInPortal(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const [resource] = await resourcesOf(ctx, args, { title: 'Open in VCD Portal', kinds: AllKinds });
  const target = targetOf(resource);
  const page = portalPage(resource.site, target);
  if (!(await ctx.ui.openExternal(page.url))) return;
  const what = describeEntities([resource]);
  const host = new URL(resource.site.baseUrl).host;
  if (page.page === resource.kind) {
    ctx.ui.status(`Opened ${what} in the VCD portal of ${host}`);
    return;
  }
  const org = `“${displayName(target.orgName)}”`;
  const message =
    page.page === 'provider'
      ? `Opened the provider portal of ${host}: it has no known address for the page of ${what}. Find it in organization ${org} under Resources → Cloud Resources → Organizations.`
      : page.page === 'vapp'
        ? `Opened vApp “${displayName(resource.node instanceof VmNode ? resource.node.names.vappName : '')}” in the tenant portal of ${host}, which lists ${what}: the portal has no known address for a VM's own page.`
        : page.page === 'vdc'
          ? `Opened its VDC in the tenant portal of ${host}: the link of ${what} does not show where it is inside the VDC.`
          : `Opened organization ${org} in the tenant portal of ${host}: the link of ${what} does not show its VDC.`;
  void ctx.ui.message({ severity: 'info', message });
}
