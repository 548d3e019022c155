// A tiny element tree serialised either as VCD XML or as VCD's JSON form (camelCase keys, `link` arrays,
// `otherAttributes`, `null` for absent values).
import { xmlEscape } from './http';

export type AttrVal = string | number | boolean | undefined;

export interface El {
  name: string;
  attrs?: Record<string, AttrVal>;
  children?: El[];
  text?: string | number | boolean;
}

/** Children that are lists in JSON even when there is one of them. */
const LIST = new Set(['Link', 'Vm', 'ResourceEntity', 'Org', 'AvailableNetworks', 'Network', 'VdcStorageProfile', 'SupportedHardwareVersion', 'NetworkConnection', 'Task', 'Location']);

export function el(name: string, attrs?: Record<string, AttrVal>, children?: El[], text?: string | number | boolean): El {
  return { name, attrs, children, text };
}

export function link(rel: string, href: string, type?: string, name?: string): El {
  return el('Link', { rel, href, type, name });
}

export function toXml(root: El, namespace = 'http://www.vmware.com/vcloud/v1.5'): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const write = (e: El, depth: number, isRoot: boolean): void => {
    const pad = '    '.repeat(depth);
    let s = `${pad}<${e.name}`;
    if (isRoot) s += ` xmlns="${namespace}"`;
    for (const [k, v] of Object.entries(e.attrs ?? {})) if (v !== undefined) s += ` ${k}="${typeof v === 'string' ? xmlEscape(v) : String(v)}"`;
    const kids = e.children ?? [];
    if (!kids.length && e.text === undefined) {
      out.push(`${s}/>\n`);
      return;
    }
    if (!kids.length) {
      out.push(`${s}>${xmlEscape(String(e.text))}</${e.name}>\n`);
      return;
    }
    out.push(`${s}>\n`);
    for (const k of kids) write(k, depth + 1, false);
    out.push(`${pad}</${e.name}>\n`);
  };
  write(root, 0, true);
  return out.join('');
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function toJsonValue(e: El): unknown {
  const kids = e.children ?? [];
  if (!kids.length && e.text !== undefined && !e.attrs) return e.text;
  const obj: Record<string, unknown> = { otherAttributes: {} };
  for (const [k, v] of Object.entries(e.attrs ?? {})) obj[k] = v ?? null;
  if (e.text !== undefined) obj.value = e.text;
  const groups = new Map<string, El[]>();
  for (const k of kids) groups.set(k.name, [...(groups.get(k.name) ?? []), k]);
  if (!groups.has('Link') && (e.attrs?.href !== undefined)) obj.link = [];
  for (const [name, list] of groups) {
    obj[camel(name)] = LIST.has(name) || list.length > 1 ? list.map(toJsonValue) : toJsonValue(list[0]);
  }
  obj.vCloudExtension = [];
  return obj;
}
