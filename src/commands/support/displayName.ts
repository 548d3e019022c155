// A server-provided name as it is shown inside a message: on one line, not too long, and unable to become a link
// (notifications turn `[text](target)` into a link, command links included). Pure: no vscode import.
import type { EntityKind } from '../../vcd';

const MAX_LENGTH = 80;

export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\]\(/g, ']\u200b(');
  return flat.length > MAX_LENGTH ? `${flat.slice(0, MAX_LENGTH - 1)}…` : flat;
}

const NOUNS: Record<EntityKind, [string, string]> = {
  org: ['organization', 'organizations'],
  vdc: ['VDC', 'VDCs'],
  vapp: ['vApp', 'vApps'],
  vm: ['VM', 'VMs'],
};

export function kindNoun(kind: EntityKind, count = 1): string {
  return NOUNS[kind][count === 1 ? 0 : 1];
}

/** `VM “web-01”`, or for several `3 VMs` (`3 items` when the kinds differ). */
export function describeEntities(items: readonly { kind: EntityKind; name: string }[]): string {
  if (items.length === 1) return `${kindNoun(items[0].kind)} “${displayName(items[0].name)}”`;
  const kinds = new Set(items.map((i) => i.kind));
  return kinds.size === 1 ? `${items.length} ${kindNoun(items[0].kind, items.length)}` : `${items.length} items`;
}
