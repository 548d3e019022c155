// Filter expressions for the query service and CloudAPI (FIQL-like), with values escaped per the 35.0+ rules:
// `( ) ; ,` inside a value are backslash-escaped (and so are `\` and `*`, so that equality stays exact), and the
// whole expression is percent-encoded once when it goes into the URL (never double-encoded; no filterEncoded).
import { VcdError } from './errors';

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.@:-]*$/;

function checkAttribute(attribute: string): string {
  if (!ATTRIBUTE.test(attribute)) {
    throw new VcdError('invalidInput', `“${attribute}” is not a query attribute name.`);
  }
  return attribute;
}

/** Backslash-escapes the characters the filter grammar gives a meaning: \ ( ) ; , and the * wildcard. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\();,*]/g, (c) => `\\${c}`);
}

/** `attribute==value`, exact (case-sensitive) match of the value as given. */
export function filterEq(attribute: string, value: string): string {
  return `${checkAttribute(attribute)}==${escapeFilterValue(value)}`;
}

/** `attribute!=value`. */
export function filterNe(attribute: string, value: string): string {
  return `${checkAttribute(attribute)}!=${escapeFilterValue(value)}`;
}

/**
 * `attribute==pattern` where `*` in the pattern is a wildcard (VCD then matches case-insensitively); every other
 * special character is escaped.
 */
export function filterLike(attribute: string, pattern: string): string {
  const escaped = pattern
    .split('*')
    .map((part) => escapeFilterValue(part))
    .join('*');
  return `${checkAttribute(attribute)}==${escaped}`;
}

/** True when the expression has a top-level ',' (an OR), which needs parentheses inside an AND. */
function hasTopLevelOr(expr: string): boolean {
  let depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\') {
      i++;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === ',' && depth === 0) {
      return true;
    }
  }
  return false;
}

/** All of the parts (`;`). Empty parts are dropped; OR-parts are parenthesised. */
export function filterAnd(...parts: string[]): string {
  const present = parts.filter((p) => p !== '');
  if (present.length <= 1) {
    return present[0] ?? '';
  }
  return present.map((p) => (hasTopLevelOr(p) ? `(${p})` : p)).join(';');
}

/** Any of the parts (`,`), parenthesised so it can be combined. */
export function filterOr(...parts: string[]): string {
  const present = parts.filter((p) => p !== '');
  if (present.length <= 1) {
    return present[0] ?? '';
  }
  return `(${present.join(',')})`;
}

/** Percent-encodes a query parameter value (encodeURIComponent plus ! ' ( ) *). */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
