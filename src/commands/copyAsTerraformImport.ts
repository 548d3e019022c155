// Copy as Terraform import: the `terraform import` line of the VMware Cloud Director provider for a vApp (vcd_vapp)
// or a VM (vcd_vapp_vm), one a line for several; the import ID and its separator are explained in terraformImport.ts.
import type { CommandContext } from './support/context';
import { copyToClipboard } from './support/clipboard';
import { describeEntities } from './support/displayName';
import { resourcesOf, VAppAndVmKinds, type Resource } from './support/resourceArgs';
import { DEFAULT_SEPARATOR, terraformImport, type TerraformImport } from './support/terraformImport';
import { VAppNode } from '../tree/vappNode';
import { VmNode } from '../tree/vmNode';

function importOf(resource: Resource): TerraformImport {
  const { node } = resource;
  if (node instanceof VmNode) {
    return terraformImport({ kind: 'vm', org: node.names.orgName, vdc: node.names.vdcName, vapp: node.names.vappName, vm: node.name });
  }
  if (!(node instanceof VAppNode)) throw new Error('Copy as Terraform import works on a vApp or VM.');
  return terraformImport({ kind: 'vapp', org: node.names.orgName, vdc: node.names.vdcName, vapp: node.name });
}

export async function copyAsTerraformImport(ctx: CommandContext, ...args: unknown[]): Promise<void> {
  const resources = await resourcesOf(ctx, args, { title: 'Copy as Terraform import', kinds: VAppAndVmKinds, several: true });
  const imports = resources.map(importOf);
  const lines = imports.length === 1 ? 'the terraform import line' : 'the terraform import lines';
  const addresses = imports.length === 1 ? `${imports[0].resourceType}.${imports[0].localName}` : describeEntities(resources);
  await copyToClipboard(ctx, imports.map((i) => i.line).join('\n'), `${lines} for ${addresses}`);
  const changed = [...new Set(imports.map((i) => i.separator).filter((s) => s !== DEFAULT_SEPARATOR))];
  if (changed.length > 0) {
    const seps = changed.map((s) => `“${s}”`).join(', ');
    void ctx.ui.message({
      severity: 'info',
      message:
        `A name on the path contains “${DEFAULT_SEPARATOR}”, the provider's default import separator, so the import ID is separated by ${seps}. ` +
        `The copied line sets VCD_IMPORT_SEPARATOR for that one command (bash, zsh); in other shells set that variable, ` +
        `or import_separator = "${changed[0]}" in the vcd provider block, before terraform import.`,
    });
  }
}
