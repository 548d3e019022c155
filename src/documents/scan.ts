// Linear scanners that turn a raw API document (XML, or JSON after its `//` preamble) into one small tree with text
// offsets: XML elements and JSON objects/arrays are nodes, XML attributes and JSON scalar properties are fields. Links,
// hovers and the outline of `vcd-api` documents read this tree. Server text is untrusted: each scanner visits every
// character a bounded number of times, caps the number of nodes and the depth, and returns what it read so far when
// the text is malformed. No vscode import.
import { decodeXmlEntities } from '../vcd/xml';

export interface Field {
  key: string;
  /** Decoded value (XML entities, JSON escapes). */
  value: string;
  /** Offsets of the value as written (inside its quotes). */
  start: number;
  end: number;
  /** A JSON number, boolean or null rather than a string. */
  literal?: boolean;
}

export interface Node {
  /** XML element name, or the JSON property that holds the object or array (array items take the array's name). */
  name: string;
  start: number;
  end: number;
  /** Offsets of the element name or property key (empty for array items and the JSON root). */
  nameStart: number;
  nameEnd: number;
  fields: Field[];
  children: Node[];
  /** A JSON array. */
  list?: boolean;
}

export const MAX_NODES = 20_000;
const MAX_DEPTH = 64;

const node = (name: string, start: number, nameStart = start, nameEnd = nameStart, end = start): Node => ({ name, start, end, nameStart, nameEnd, fields: [], children: [] });

/** The offset just after `token` at or after `from` (the end of the text if it never comes). */
function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? text.length : at + token.length;
}

/** The string value of a field of a node (not a JSON literal). */
export function field(n: Node | undefined, key: string): string | undefined {
  return n?.fields.find((f) => f.key === key && !f.literal)?.value;
}

export function scanXml(text: string): Node | undefined {
  const top = node('', 0);
  const stack = [top];
  const nameRe = /[^\s/>=]+/y;
  const attrRe = /\s*([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
  let count = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    if (text.startsWith('<!--', i)) i = after(text, '-->', i);
    else if (text.startsWith('<![CDATA[', i)) i = after(text, ']]>', i);
    else if (text[i + 1] === '?' || text[i + 1] === '!') i = after(text, '>', i);
    else if (text[i + 1] === '/') {
      const end = after(text, '>', i);
      const name = text.slice(i + 2, end - 1).trim();
      let at = stack.length - 1;
      while (at > 0 && stack[at].name !== name) at--;
      if (at > 0) {
        while (stack.length > at) stack.pop()!.end = end;
      }
      i = end;
    } else {
      nameRe.lastIndex = i + 1;
      const m = nameRe.exec(text);
      if (!m) {
        i = text.indexOf('<', i + 1);
        continue;
      }
      if (++count > MAX_NODES || stack.length > MAX_DEPTH) break;
      const n = node(m[0], i, i + 1, i + 1 + m[0].length);
      stack[stack.length - 1].children.push(n);
      let j = (attrRe.lastIndex = n.nameEnd);
      let a: RegExpExecArray | null;
      while ((a = attrRe.exec(text))) {
        const raw = a[2] ?? a[3];
        j = attrRe.lastIndex;
        n.fields.push({ key: a[1], value: decodeXmlEntities(raw), start: j - 1 - raw.length, end: j - 1 });
      }
      const end = after(text, '>', j);
      n.end = end;
      if (text[end - 2] !== '/') stack.push(n);
      i = end;
    }
    i = text.indexOf('<', i);
  }
  while (stack.length > 1) stack.pop()!.end = text.length;
  return top.children[0];
}

/** JSON (with `//` and block comments, as `vcd-api` documents show it). */
export function scanJson(text: string): Node | undefined {
  const strRe = /"(?:[^"\\\n]|\\.)*"/y;
  const litRe = /[-+.\w]+/y;
  let i = 0;
  let count = 0;
  const ws = (): void => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith('//', i)) i = after(text, '\n', i);
      else if (text.startsWith('/*', i)) i = after(text, '*/', i);
      else return;
    }
  };
  const str = (): string | undefined => {
    strRe.lastIndex = i;
    const m = strRe.exec(text);
    if (!m) return undefined;
    i = strRe.lastIndex;
    try {
      return JSON.parse(m[0]) as string;
    } catch {
      return m[0].slice(1, -1);
    }
  };
  /** Reads one value at i into `parent` under `key`; false when the text is not JSON there. */
  const value = (parent: Node, key: string, keyStart: number, keyEnd: number, depth: number): boolean => {
    ws();
    const open = text[i];
    if (open === '{' || open === '[') {
      if (++count > MAX_NODES || depth > MAX_DEPTH) return false;
      const close = open === '{' ? '}' : ']';
      const n = node(key, i, keyStart, keyEnd, text.length);
      if (open === '[') n.list = true;
      parent.children.push(n);
      i++;
      ws();
      if (text[i] === close) {
        n.end = ++i;
        return true;
      }
      for (;;) {
        ws();
        if (open === '{') {
          const ks = i;
          const k = text[i] === '"' ? str() : undefined;
          if (k === undefined) return false;
          const ke = i;
          ws();
          if (text[i++] !== ':' || !value(n, k, ks + 1, ke - 1, depth + 1)) return false;
        } else if (!value(n, key, i, i, depth + 1)) return false;
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          n.end = ++i;
          return true;
        } else return false;
      }
    }
    const start = i;
    if (open === '"') {
      const s = str();
      if (s === undefined) return false;
      if (!parent.list) parent.fields.push({ key, value: s, start: start + 1, end: i - 1 });
      return true;
    }
    litRe.lastIndex = i;
    const m = litRe.exec(text);
    if (!m) return false;
    i = litRe.lastIndex;
    if (!parent.list) parent.fields.push({ key, value: m[0], start, end: i, literal: true });
    return true;
  };
  const top = node('', 0);
  value(top, '', 0, 0, 0);
  return top.children[0];
}
