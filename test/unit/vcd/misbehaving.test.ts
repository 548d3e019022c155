// A server or network that misbehaves must not break the extension: secrets echoed in errors, bad answers from the
// token endpoint, rate limits, oversized answers. (Paging bounds and changing totals: paging.test.ts, client.test.ts.)
import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator';
import { LogEntry, VcdError, isVcdError, login } from '../../../src/vcd';
import { connFor, siteClient, useSimulator } from './simHelpers';

describe('a server that misbehaves', function () {
  this.timeout(30_000);
  let sim: Simulator;
  useSimulator((started) => (sim = started));

  async function failure(promise: Promise<unknown>): Promise<VcdError> {
    const outcome = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(isVcdError(outcome), `expected a VcdError, got ${String(outcome)}`);
    return outcome;
  }

  function assertClean(texts: (string | undefined)[], secrets: string[]): void {
    for (const text of texts) {
      for (const secret of secrets) {
        assert.ok(!(text ?? '').includes(secret), `a secret reached the person: ${String(text).slice(0, 300)}`);
      }
    }
  }

  describe('secrets echoed in errors', () => {
    it('an echoed API token, access token or password reaches neither the error (message, server text) nor the log', async () => {
      const logs: LogEntry[] = [];
      const { client, tokens, site } = await siteClient(sim, 'tenant', {}, logs);
      const apiToken = sim.tenant.apiToken;
      // The token endpoint repeats the API token (32 characters, no pattern recognises it).
      sim.inject({ kind: 'echoCredential', path: /^\/oauth\//, times: 1 });
      const exchange = await failure(client.query('vm'));
      assert.match(exchange.serverMessage ?? '', /The credential \*\*\* is not valid/, 'the server text is kept, the token masked');
      // An API call repeats the bearer token; the query, a raw document and a CloudAPI call.
      const accessToken = await tokens.getAccessToken(site);
      sim.inject({ kind: 'echoCredential', path: /^\/api\/query/, times: 1 });
      const query = await failure(client.query('vm'));
      sim.inject({ kind: 'echoCredential', status: 403, path: /^\/api\/org/, times: 1 });
      const raw = await failure(client.getRaw('/api/org'));
      sim.inject({ kind: 'echoCredential', path: /^\/cloudapi\//, times: 1 });
      const cloud = await failure(client.currentSession());
      // A login repeats the Basic credential (user@org:password in base64).
      const basic = Buffer.from(`${sim.tenant.user}@${sim.tenant.org}:${sim.tenant.password}`).toString('base64');
      sim.inject({ kind: 'echoCredential', path: /^\/cloudapi\/1\.0\.0\/sessions$/, times: 1 });
      const { conn } = connFor(sim, {}, logs);
      const signIn = await failure(login(conn, sim.tenant.org, sim.tenant.user, sim.tenant.password));

      const secrets = [apiToken, accessToken, sim.tenant.password, basic];
      for (const e of [exchange, query, raw, cloud, signIn]) {
        assert.ok(e.serverMessage !== undefined && e.serverMessage.includes('***'), `${e.kind}: the server's words are shown, masked`);
        assertClean([e.message, e.serverMessage, e.code, e.requestId, e.request], secrets);
      }
      assert.ok(logs.some((l) => l.level === 'trace' && /The credential \*\*\* is not valid/.test(l.message)), 'the echo was logged, masked');
      assertClean(
        logs.map((l) => l.message),
        secrets,
      );
    });
  });
});
