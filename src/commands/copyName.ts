// Copy Name: the name of an organization, VDC, vApp or VM (of each selected one, one a line).
import type { CommandContext } from './support/context';
import { copyToClipboard } from './support/clipboard';
import { describeEntities } from './support/displayName';
import { AllKinds, resourcesOf } from './support/resourceArgs';

export async function copyName(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const resources = await resourcesOf(ctx, args, { title: 'Copy Name', kinds: AllKinds, several: true });
  const what = resources.length === 1 ? 'the name' : 'the names';
  await copyToClipboard(ctx, resources.map((r) => r.name).join('\n'), `${what} of ${describeEntities(resources)}`);
}
