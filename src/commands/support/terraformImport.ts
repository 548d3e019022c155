// The `terraform import` line of the VMware Cloud Director provider (vmware/terraform-provider-vcd) for a VM or a
// vApp. The import ID is the path of names the provider documents:
//   website/docs/r/vapp_vm.html.markdown, "Importing": "The path for this resource is made of
//     org-name.vdc-name.vapp-name.vm-name … terraform import vcd_vapp_vm.tf-vm my-org.my-vdc.my-vapp.my-vm";
//   website/docs/r/vapp.html.markdown, "Importing": "The path for this resource is made of org-name.vdc-name.vapp-name
//     … terraform import vcd_vapp.tf-vapp my-org.my-vdc.my-vapp";
//   both: "the default separator (.) can be changed using Provider.import_separator or variable VCD_IMPORT_SEPARATOR".
// The provider splits the ID on the separator and wants exactly 4 (VM) or 3 (vApp) parts (vcd/resource_vcd_vapp_vm.go
// resourceVcdVappVmImport, vcd/resource_vcd_vapp.go resourceVcdVappImport: strings.Split(d.Id(), ImportSeparator)),
// and VCD_IMPORT_SEPARATOR, when set, wins over the provider's import_separator (vcd/provider.go providerConfigure).
// So when a name contains ".", another separator that no name contains is used, and the line sets it for that one
// command (VCD_IMPORT_SEPARATOR='…' terraform import …, POSIX shells); the confirmation says so.
// Pure: no vscode import.
import { posixQuote } from './shellQuote';

export type TerraformImportInput =
  | { kind: 'vm'; org: string; vdc: string; vapp: string; vm: string }
  | { kind: 'vapp'; org: string; vdc: string; vapp: string };

export interface TerraformImport {
  /** The line to paste: `[VCD_IMPORT_SEPARATOR='/' ]terraform import vcd_vapp_vm.web_01 'org.vdc.vapp.vm'`. */
  line: string;
  /** `vcd_vapp_vm` or `vcd_vapp`. */
  resourceType: string;
  /** The resource's local name in the configuration (a Terraform identifier made from the entity's name). */
  localName: string;
  /** The separator in the import ID: `.` unless a name contains it. */
  separator: string;
}

export const DEFAULT_SEPARATOR = '.';
/** Tried in this order when a name contains `.`; all plain ASCII that VCD names rarely contain. */
const OTHER_SEPARATORS = ['/', '|', '#', '~', ':', '+', '!', '@', '^', '=', ';', ',', '//', '||', '::', '##', '~~'];

/** A Terraform identifier (letters, digits, `_`, `-`; not starting with a digit or `-`) from a name. */
export function terraformLocalName(name: string, fallback: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return fallback;
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `${fallback}_${cleaned}`;
}

/** The separator for these names: `.`, or the first other one that no name contains; undefined when none fits. */
export function importSeparator(names: readonly string[]): string | undefined {
  return [DEFAULT_SEPARATOR, ...OTHER_SEPARATORS].find((sep) => names.every((n) => !n.includes(sep)));
}

export function terraformImport(input: TerraformImportInput): TerraformImport {
  const names = input.kind === 'vm' ? [input.org, input.vdc, input.vapp, input.vm] : [input.org, input.vdc, input.vapp];
  if (names.some((n) => n === '')) throw new Error('A name on the path of this resource is empty: it has no Terraform import ID.');
  const separator = importSeparator(names);
  if (separator === undefined) {
    throw new Error(`The names on the path of this resource contain every separator that was tried (${[DEFAULT_SEPARATOR, ...OTHER_SEPARATORS].join(' ')}): it has no Terraform import ID.`);
  }
  const resourceType = input.kind === 'vm' ? 'vcd_vapp_vm' : 'vcd_vapp';
  const localName = terraformLocalName(input.kind === 'vm' ? input.vm : input.vapp, input.kind);
  const command = `terraform import ${resourceType}.${localName} ${posixQuote(names.join(separator))}`;
  const line = separator === DEFAULT_SEPARATOR ? command : `VCD_IMPORT_SEPARATOR=${posixQuote(separator)} ${command}`;
  return { line, resourceType, localName, separator };
}
