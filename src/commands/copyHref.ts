// Copy API URL: the href of an organization, VDC, vApp or VM, on the configured site's host.
import type { CommandContext } from './support/context';
import { copyToClipboard } from './support/clipboard';
import { describeEntities } from './support/displayName';
import { AllKinds, resourcesOf } from './support/resourceArgs';

export async function copyHref(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const resources = await resourcesOf(ctx, args, { title: 'Copy API URL', kinds: AllKinds, several: true });
  const what = resources.length === 1 ? 'the API URL' : 'the API URLs';
  await copyToClipboard(ctx, resources.map((r) => r.url).join('\n'), `${what} of ${describeEntities(resources)}`);
}
