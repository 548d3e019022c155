// Copy ID: the URN (urn:vcloud:vm:<uuid>) of an organization, VDC, vApp or VM, from its record's id or its href;
// a link that is not the link of such an entity gives no id (see src/vcd/entityId.ts).
import { entityUrn } from '../vcd';
import type { CommandContext } from './support/context';
import { copyToClipboard } from './support/clipboard';
import { describeEntities, displayName, kindNoun } from './support/displayName';
import { AllKinds, resourcesOf } from './support/resourceArgs';

export async function copyId(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const resources = await resourcesOf(ctx, args, { title: 'Copy ID', kinds: AllKinds, several: true });
  const ids = resources.map((r) => {
    const urn = entityUrn(r.kind, { href: r.node.href, id: r.node.record.id });
    if (urn === undefined) {
      throw new Error(`“${displayName(r.name)}” has no ID that looks like a VCD ID: its link ${r.apiPath} is not the link of a ${kindNoun(r.kind)}.`);
    }
    return urn;
  });
  const what = `${resources.length === 1 ? 'the ID' : 'the IDs'} of ${describeEntities(resources)}`;
  await copyToClipboard(ctx, ids.join('\n'), what);
}
