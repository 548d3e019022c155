// Filter grammar of the query service and of CloudAPI FIQL:
//   expr := and (',' and)* ; and := term (';' term)* ; term := '(' expr ')' | attr op value
//   op ∈ == != =gt= =lt= =ge= =le= ; backslash escapes the next character in values; '*' is a wildcard
//   (makes == a case-insensitive match).

export class FilterError extends Error {}

export type Op = '==' | '!=' | '=gt=' | '=lt=' | '=ge=' | '=le=';

export type FilterNode =
  | { kind: 'and' | 'or'; parts: FilterNode[] }
  | { kind: 'cmp'; attr: string; op: Op; value: string; pattern?: RegExp };

export type AttrKind = 'string' | 'int' | 'bool' | 'date' | 'href';
export type AttrValue = string | number | boolean | undefined;

export interface AttrAccessor<R> {
  kind: AttrKind;
  get(record: R): AttrValue;
  /** For href attributes: the entity id (uuid) so `container==<id>` and URNs match too. */
  id?(record: R): string | undefined;
}

export function parseFilter(text: string): FilterNode {
  let i = 0;
  const peek = (): string => text[i];
  const parseExpr = (): FilterNode => {
    const parts = [parseAnd()];
    while (peek() === ',') {
      i++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', parts };
  };
  const parseAnd = (): FilterNode => {
    const parts = [parseTerm()];
    while (peek() === ';') {
      i++;
      parts.push(parseTerm());
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', parts };
  };
  const parseTerm = (): FilterNode => {
    if (peek() === '(') {
      i++;
      const e = parseExpr();
      if (peek() !== ')') throw new FilterError(`Expected ')' at position ${i} of the filter`);
      i++;
      return e;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_.@:-]*)(==|!=|=gt=|=lt=|=ge=|=le=)/.exec(text.slice(i));
    if (!m) throw new FilterError(`Invalid filter expression near position ${i}: ${text.slice(i, i + 20)}`);
    i += m[0].length;
    let value = '';
    let regex = '';
    let wildcard = false;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        regex += escapeRegex(text[i + 1]);
        i += 2;
        continue;
      }
      if (c === ';' || c === ',' || c === ')') break;
      if (c === '*') {
        wildcard = true;
        regex += '.*';
      } else {
        regex += escapeRegex(c);
      }
      value += c;
      i++;
    }
    const op = m[2] as Op;
    const node: FilterNode = { kind: 'cmp', attr: m[1], op, value };
    if (wildcard && op === '==') node.pattern = new RegExp(`^${regex}$`, 'is');
    return node;
  };
  const node = parseExpr();
  if (i !== text.length) throw new FilterError(`Unexpected '${text[i]}' at position ${i} of the filter`);
  return node;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function idFromRef(value: string): string {
  // https://host/api/vApp/vapp-<uuid>, urn:vcloud:vapp:<uuid>, or a bare uuid.
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(value);
  return m ? m[1].toLowerCase() : value;
}

/** Compile to a predicate; unknown attributes and bad comparisons throw FilterError. */
export function compileFilter<R>(node: FilterNode, resolve: (attr: string) => AttrAccessor<R> | undefined): (r: R) => boolean {
  if (node.kind !== 'cmp') {
    const ps = node.parts.map((p) => compileFilter(p, resolve));
    return node.kind === 'and' ? (r) => ps.every((p) => p(r)) : (r) => ps.some((p) => p(r));
  }
  const acc = resolve(node.attr);
  if (!acc) throw new FilterError(`Invalid filter attribute: ${node.attr}`);
  const { op, value, pattern } = node;
  if (op !== '==' && op !== '!=') {
    if (acc.kind !== 'int' && acc.kind !== 'date') throw new FilterError(`Operator ${op} is not supported for attribute ${node.attr}`);
    const target = acc.kind === 'int' ? Number(value) : Date.parse(value);
    if (Number.isNaN(target)) throw new FilterError(`Invalid value for ${node.attr}: ${value}`);
    return (r) => {
      const v = acc.get(r);
      if (v === undefined) return false;
      const n = acc.kind === 'int' ? Number(v) : Date.parse(String(v));
      return op === '=gt=' ? n > target : op === '=lt=' ? n < target : op === '=ge=' ? n >= target : n <= target;
    };
  }
  let eq: (r: R) => boolean;
  if (pattern) {
    eq = (r) => {
      const v = acc.get(r);
      return v !== undefined && pattern.test(String(v));
    };
  } else if (acc.kind === 'int') {
    const target = Number(value);
    if (value.trim() === '' || Number.isNaN(target)) throw new FilterError(`Invalid value for ${node.attr}: ${value}`);
    eq = (r) => acc.get(r) === target;
  } else if (acc.kind === 'bool') {
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw new FilterError(`Invalid value for ${node.attr}: ${value}`);
    const target = lower === 'true';
    eq = (r) => acc.get(r) === target;
  } else if (acc.kind === 'href') {
    const target = value.includes('/') || value.startsWith('urn:') || /^[0-9a-f-]{36}$/i.test(value) ? idFromRef(value) : value;
    eq = (r) => {
      const v = acc.get(r);
      if (v === undefined) return false;
      if (v === value) return true;
      const id = acc.id?.(r);
      return id !== undefined && id === target;
    };
  } else {
    eq = (r) => acc.get(r) === value;
  }
  return op === '==' ? eq : (r) => !eq(r);
}
