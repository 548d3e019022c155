// The redactor: every log line and every message built from server text goes through it.
// It removes credentials by where they appear (header, form field, JSON key, query parameter) and by shape (JWTs).
//
// Server text is untrusted and may be as large as the response cap, so redaction takes linear time:
// - no quantified part can match the same text in two ways; runs are single character-class loops, which the engine
//   backtracks cheaply (a repeated group costs a backtracking entry per repetition);
// - minimum lengths are spelled out (`x x x x x*`, not `x{4,}`): the engine compiles a counted loop into one that
//   keeps a backtracking entry per character;
// - the JWT pattern starts only where a run of base64url characters starts, so a long run (`eyJ-eyJ-…`) is tried
//   once, not once per `eyJ` inside it;
// - the one repeated group (escapes in a JSON string value) is bounded, so a value of a million backslashes costs
//   no more than any other text;
// - replacements are strings with one group, not callbacks, so a text made of nothing but matches stays cheap.

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

/** `n` characters of `set` followed by any number more. */
function atLeast(set: string, n: number): string {
  return `${set.repeat(n)}${set}*`;
}

const B64URL = '[A-Za-z0-9_-]';

/** `Authorization: value` up to the end of the line (or a quote), also as `"authorization":"value"`. */
const headerPattern = new RegExp(`((?:^|[\\s{,;"'])(?:${SECRET_HEADERS.join('|')})["']?\\s*[:=]\\s*["']?)[^\\r\\n"']*`, 'gim');
/**
 * `"token": "value"` or `"token": value`; `null` stays. A string value is the unrolled loop `"[^"\\]*(\\.[^"\\]*)*"`
 * with at most 256 escapes; a longer one is masked as a bare value (up to `,` `}` or white space).
 */
const jsonPattern = new RegExp(
  `("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*)(?!null\\b)(?:"[^"\\\\]*(?:\\\\[\\s\\S][^"\\\\]*){0,256}"|[^,}\\s]+)`,
  'gi',
);
/** `refresh_token=value` in a form body or a query string. */
const formPattern = new RegExp(`((?:^|[?&\\s;,])(?:${SECRET_FIELDS.join('|')})=)[^&\\s;,"']*`, 'gi');
/** A JWT anywhere (access tokens are RS256 JWTs): `eyJ` and three base64url segments, at the start of a run. */
const jwtPattern = new RegExp(`(?<!${B64URL})eyJ${atLeast(B64URL, 4)}\\.${atLeast(B64URL, 4)}\\.${B64URL}*`, 'g');
/** `Bearer xxx` / `Basic xxx` anywhere, e.g. inside an error text. */
const schemePattern = new RegExp(`\\b(Bearer|Basic)${atLeast('\\s', 1)}${atLeast('[A-Za-z0-9._~+/=-]', 6)}`, 'gi');

/** Removes tokens, passwords and assertions from any text meant for a log or a message. Linear in the text's length. */
export function redact(text: string): string {
  if (text === '') {
    return text;
  }
  return text
    .replace(headerPattern, `$1${MASK}`)
    .replace(jsonPattern, `$1"${MASK}"`)
    .replace(formPattern, `$1${MASK}`)
    .replace(jwtPattern, MASK)
    .replace(schemePattern, `$1 ${MASK}`);
}

/** Removes known secret values (exact strings, also URL-encoded) and nothing else: a body stays as it was otherwise. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
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
  return out;
}

/** Removes known secret values (exact strings) and then everything `redact` removes. */
export function redactWith(text: string, secrets: readonly string[]): string {
  return redact(maskSecrets(text, secrets));
}
