// The contextValue grammar of tree nodes: `vcd.<kind>` or `vcd.<kind>+<state>`, e.g. `vcd.vm+poweredOn`,
// `vcd.site+noToken`. Menus match with `viewItem =~ /^vcd\.vm\b/` (any state) or the exact state.
import { NodeKinds, type NodeKind } from '../ids';

const STATE = /^[a-z][A-Za-z0-9]*$/;

export function contextValue(kind: NodeKind, state?: string): string {
  if (state === undefined || state === '') return `vcd.${kind}`;
  if (!STATE.test(state)) throw new Error(`Invalid contextValue state "${state}"`);
  return `vcd.${kind}+${state}`;
}

export function parseContextValue(value: string): { kind: NodeKind; state?: string } | undefined {
  const match = /^vcd\.([A-Za-z]+)(?:\+([A-Za-z0-9]+))?$/.exec(value);
  if (!match || !(NodeKinds as readonly string[]).includes(match[1])) return undefined;
  if (match[2] !== undefined && !STATE.test(match[2])) return undefined;
  return match[2] === undefined ? { kind: match[1] as NodeKind } : { kind: match[1] as NodeKind, state: match[2] };
}

/** `POWERED_ON` -> `poweredOn`. */
export function stateOfStatus(status: string): string {
  const parts = status.toLowerCase().split('_').filter((p) => p !== '');
  if (parts.length === 0) return 'unknown';
  return parts[0] + parts.slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}
