// XML parsing of untrusted server answers. fast-xml-parser, configured so that an answer cannot expand entities
// (no DOCTYPE at all, only the five predefined XML entities and character references are decoded), cannot pollute
// prototypes (dangerous names are renamed), and keeps attributes under their plain names without namespace prefixes.
import { XMLParser } from 'fast-xml-parser';

export type XmlValue = string | XmlElement | XmlValue[];
/** An element: attributes and child elements as own properties (text in '#text'). */
export interface XmlElement {
  [name: string]: XmlValue | undefined;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const CRITICAL = new Set(['__proto__', 'constructor', 'prototype']);

function safeName(name: string): string {
  return CRITICAL.has(name) ? `#${name}` : name;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references; anything else stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) {
    return text;
  }
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function createParser(arrayTags: ReadonlySet<string>): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    allowBooleanAttributes: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: 64,
    transformTagName: safeName,
    transformAttributeName: safeName,
    attributeValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
    tagValueProcessor: (_name: string, value: string) => decodeXmlEntities(value),
    isArray: (name: string) => arrayTags.has(name),
  });
}

/**
 * Parses an XML document into plain objects. Throws XmlSyntaxError for malformed text, a DOCTYPE, or an empty body.
 * `arrayTags` are element names that are always arrays (e.g. Link, VMRecord), so one child and many look alike.
 */
export function parseXml(text: string, arrayTags: Iterable<string> = [], options: { fullValidation?: boolean } = {}): XmlElement {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new XmlSyntaxError('The document declares a DOCTYPE or entities, which VCD never sends.');
  }
  const trimmed = text.trim();
  if (trimmed === '' || !trimmed.startsWith('<')) {
    throw new XmlSyntaxError('The answer is not XML.');
  }
  let parsed: unknown;
  try {
    // The library's separate validation pass (mismatched tags anywhere) is on by default. Query pages skip it
    // (it doubles the cost of a 128-record page) and rely on the parser itself plus the check below that the
    // document really ends with its root element, which a cut-off answer does not.
    parsed = createParser(new Set(arrayTags)).parse(trimmed, options.fullValidation ?? true);
  } catch (err) {
    throw new XmlSyntaxError(err instanceof Error ? err.message : String(err));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new XmlSyntaxError('The answer has no root element.');
  }
  const roots = Object.keys(parsed);
  if (roots.length !== 1) {
    throw new XmlSyntaxError(`Expected one root element, found ${roots.length}.`);
  }
  const root = roots[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const closed = new RegExp(`(</([A-Za-z_][\\w.-]*:)?${root}\\s*>|^<([A-Za-z_][\\w.-]*:)?${root}(\\s[^<>]*)?/>)$`);
  const tail = trimmed.slice(-(roots[0].length + 64));
  if (!closed.test(tail) && !closed.test(trimmed.replace(/^<\?xml[^>]*\?>\s*/, ''))) {
    throw new XmlSyntaxError('The document ends before its root element is closed.');
  }
  return parsed as XmlElement;
}

/** The single root element of a parsed document and its (prefix-less) name. */
export function rootElement(doc: XmlElement): { name: string; element: XmlElement } {
  const names = Object.keys(doc);
  if (names.length !== 1) {
    throw new XmlSyntaxError(`Expected one root element, found ${names.length}.`);
  }
  const name = names[0];
  const value = doc[name];
  if (typeof value === 'string' || value === undefined) {
    return { name, element: {} };
  }
  if (Array.isArray(value)) {
    throw new XmlSyntaxError('Expected one root element.');
  }
  return { name, element: value };
}

/** Children of an element with this name, always as an array of elements. */
export function childElements(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (value === undefined) {
    return [];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === 'string' ? { '#text': item } : Array.isArray(item) ? {} : item));
}

/** The text of a child element (or of an element given as a string). */
export function childText(element: XmlElement, name: string): string | undefined {
  const value = element[name];
  if (value === undefined) {
    return undefined;
  }
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') {
    return first;
  }
  if (first !== undefined && !Array.isArray(first)) {
    const text = first['#text'];
    return typeof text === 'string' ? text : '';
  }
  return undefined;
}

/** An attribute (a string-valued own property). */
export function attr(element: XmlElement, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(element, name)) {
    return undefined;
  }
  const value = element[name];
  return typeof value === 'string' ? value : undefined;
}
