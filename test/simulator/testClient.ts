// Minimal HTTPS client for the simulator's own tests: trusts the simulator's CA, never disables verification.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { DemoUser, Simulator } from './types';

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export function call(sim: Simulator, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<TestResponse> {
  const url = new URL(path, sim.url);
  return new Promise((resolve, reject) => {
    const options = { method, headers, ca: sim.certificate?.caPem, agent: false as const };
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const XML_38 = 'application/*+xml;version=38.0';
export const JSON_38 = 'application/*+json;version=38.0';
export const CLOUD_38 = 'application/json;version=38.0';

/** Exchange an API token for an access token (refresh_token grant). */
export async function exchange(sim: Simulator, org: string, apiToken: string): Promise<TestResponse> {
  const path = org.toLowerCase() === 'system' ? '/oauth/provider/token' : `/oauth/tenant/${encodeURIComponent(org)}/token`;
  return call(sim, 'POST', path, { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    new URLSearchParams({ grant_type: 'refresh_token', refresh_token: apiToken }).toString());
}

export async function accessToken(sim: Simulator, who: DemoUser): Promise<string> {
  const creds = sim[who];
  const res = await exchange(sim, creds.org, creds.apiToken);
  if (res.status !== 200) throw new Error(`exchange failed: ${res.status} ${res.body}`);
  return res.json<{ access_token: string }>().access_token;
}

export async function login(sim: Simulator, who: DemoUser): Promise<string> {
  const creds = sim[who];
  const path = who === 'provider' ? '/cloudapi/1.0.0/sessions/provider' : '/cloudapi/1.0.0/sessions';
  const basic = Buffer.from(`${creds.user}@${creds.org}:${creds.password}`).toString('base64');
  const res = await call(sim, 'POST', path, { Authorization: `Basic ${basic}`, Accept: 'application/*;version=38.0' });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.body}`);
  return String(res.headers['x-vmware-vcloud-access-token']);
}

/** Attribute values of every element with this name in an XML text (simple regex reader for tests). */
export function xmlAttrs(xml: string, element: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<${element}\\s([^>]*?)/?>`, 'g');
  for (const m of xml.matchAll(re)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) {
      attrs[a[1]] = a[2].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    }
    out.push(attrs);
  }
  return out;
}
