// The redactor: every log line and every message built from server text goes through it.
// It removes credentials by where they appear (header, form field, JSON key, query parameter) and by shape (JWTs).

const MASK = '***';

/** Header names whose value is a credential. */
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'x-vmware-vcloud-access-token',
  'x-vcloud-authorization',
  'cookie',
  'set-cookie',
];

/** Field names (form, query, JSON) whose value is a credential. */
const SECRET_FIELDS = ['refresh_token', 'access_token', 'assertion', 'password', 'client_secret', 'id_token', 'token', 'apiToken', 'api_token', 'device_code'];

const headerPattern = new RegExp(`(^|[\\s{,;"'])(${SECRET_HEADERS.join('|')})(["']?\\s*[:=]\\s*["']?)([^\\r\\n"']*)`, 'gim');
const jsonPattern = new RegExp(`("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\s]+)`, 'gi');
const formPattern = new RegExp(`(^|[?&\\s;,])((?:${SECRET_FIELDS.join('|')})=)([^&\\s;,"']*)`, 'gi');
/** A JWT anywhere (access tokens are RS256 JWTs). */
const jwtPattern = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** `Bearer xxx` / `Basic xxx` anywhere, e.g. inside an error text. */
const schemePattern = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{6,}/gi;

/** Removes tokens, passwords and assertions from any text meant for a log or a message. */
export function redact(text: string): string {
  if (text === '') {
    return text;
  }
  return text
    .replace(headerPattern, (_m, lead: string, name: string, sep: string) => `${lead}${name}${sep}${MASK}`)
    .replace(jsonPattern, (_m, key: string, value: string) => `${key}${value === 'null' ? 'null' : `"${MASK}"`}`)
    .replace(formPattern, (_m, lead: string, key: string) => `${lead}${key}${MASK}`)
    .replace(jwtPattern, MASK)
    .replace(schemePattern, (_m, scheme: string, space: string) => `${scheme}${space}${MASK}`);
}

/** Removes known secret values (exact strings) and then everything `redact` removes. */
export function redactWith(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      out = out.split(secret).join(MASK);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) {
        out = out.split(encoded).join(MASK);
      }
    }
  }
  return redact(out);
}
