// Copy as curl / Copy as PowerShell: the GET of a vApp or VM with the Accept header of the person's response format
// and the API version the site's client negotiated, the token read from a variable. Never the token itself: nothing
// here reads it.
import { acceptFor, oauthBase } from '../../vcd';
import type { CommandContext } from './context';
import { copyToClipboard } from './clipboard';
import { describeEntities } from './displayName';
import { curlSnippet, powerShellSnippet, TokenVariables, type RequestSnippetInput } from './requestSnippet';
import { resourcesOf, VAppAndVmKinds } from './resourceArgs';

export type SnippetShell = 'curl' | 'powerShell';

const TITLES: Record<SnippetShell, string> = { curl: 'Copy as curl', powerShell: 'Copy as PowerShell' };

export async function copyRequest(ctx: CommandContext, args: readonly unknown[], shell: SnippetShell): Promise<void> {
  const [resource] = await resourcesOf(ctx, args, { title: TITLES[shell], kinds: VAppAndVmKinds });
  const { site } = resource;
  // The version every request of this site uses (negotiated from /api/versions, or the vcd.apiVersion setting).
  const version = await ctx.clients.client(site).apiVersion();
  const input: RequestSnippetInput = {
    url: resource.url,
    accept: acceptFor(new URL(resource.url).pathname, version, ctx.config.settings.responseFormat),
    tokenUrl: `${site.baseUrl}${oauthBase(site.org)}/token`,
  };
  const text = shell === 'curl' ? curlSnippet(input) : powerShellSnippet(input);
  // Short enough for the status bar: the copied text itself says how to fill the variable.
  await copyToClipboard(ctx, text, `${shell === 'curl' ? 'curl' : 'PowerShell'} for ${describeEntities([resource])} (API ${version}, token from $${TokenVariables[shell].access})`);
}
