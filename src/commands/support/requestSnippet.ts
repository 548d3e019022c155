// The GET of one API resource as a command to paste into a shell: curl (POSIX shells) or PowerShell. The access
// token is never in it: the command reads it from a variable ($VCD_TOKEN, $env:VCD_TOKEN), and a comment line above
// says how to fill that variable from an API token with the exchange VCD documents (vcd-api.md §2.2:
// POST /oauth/tenant/{org}/token or /oauth/provider/token, grant_type=refresh_token). Every value that comes from
// the server or the settings (URLs, Accept) is quoted for the target shell. Pure: no vscode import.
import { posixQuote, powerShellQuote } from './shellQuote';

export interface RequestSnippetInput {
  /** Absolute URL of the resource on the site (from the site's address and the resource's API path). */
  url: string;
  /** The Accept header with the negotiated API version, e.g. `application/*+xml;version=39.1`. */
  accept: string;
  /** Where the site's API token is exchanged for an access token, e.g. `https://vcd.example.com/oauth/tenant/acme/token`. */
  tokenUrl: string;
}

/** Variables the snippets read: the access token, and the API token the comment exchanges for it. */
export const TokenVariables = {
  curl: { access: 'VCD_TOKEN', api: 'VCD_API_TOKEN' },
  powerShell: { access: 'env:VCD_TOKEN', api: 'env:VCD_API_TOKEN' },
} as const;

/** Two lines: a comment with the token exchange (needs jq), then the GET with curl. */
export function curlSnippet(input: RequestSnippetInput): string {
  const { access, api } = TokenVariables.curl;
  const exchange =
    `export ${access}="$(curl -sS -X POST ${posixQuote(input.tokenUrl)} -H 'Accept: application/json'` +
    ` -d grant_type=refresh_token --data-urlencode "refresh_token=$${api}" | jq -r .access_token)"`;
  return [
    `# Access token for $${access}, from your API token in $${api}: ${exchange}`,
    `curl -sS ${posixQuote(input.url)} -H ${posixQuote(`Accept: ${input.accept}`)} -H "Authorization: Bearer $${access}"`,
  ].join('\n');
}

/** Two lines: a comment with the token exchange, then the GET with Invoke-RestMethod. */
export function powerShellSnippet(input: RequestSnippetInput): string {
  const { access, api } = TokenVariables.powerShell;
  const exchange =
    `$${access} = (Invoke-RestMethod -Method Post -Uri ${powerShellQuote(input.tokenUrl)} -Headers @{ Accept = 'application/json' }` +
    ` -Body @{ grant_type = 'refresh_token'; refresh_token = $${api} }).access_token`;
  return [
    `# Access token for $${access}, from your API token in $${api}: ${exchange}`,
    `Invoke-RestMethod -Uri ${powerShellQuote(input.url)} -Headers @{ Accept = ${powerShellQuote(input.accept)}; Authorization = "Bearer $${access}" }`,
  ].join('\n');
}
