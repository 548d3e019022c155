// TokenService with a scripted exchange: caching until expires_in - margin, single-flight, invalidation of the
// current token only, rejected tokens fail fast, transient failures retried by the next call only, states.
import * as assert from 'node:assert/strict';
import { MemorySecretStore, TokenService, TokenState, apiTokenKey } from '../../../src/auth';
import { AccessTokenGrant, ConnectionOptions, VcdError } from '../../../src/vcd';

const conn: ConnectionOptions = { baseUrl: 'https://vcd.example.com' };
const site = { siteId: 's1', conn, org: 'acme' };

function scripted() {
  const calls: { org: string; apiToken: string }[] = [];
  let behaviour: 'ok' | 'reject' | 'network' = 'ok';
  let gate: Promise<void> | undefined;
  const exchange = async (_c: ConnectionOptions, org: string, apiToken: string): Promise<AccessTokenGrant> => {
    calls.push({ org, apiToken });
    if (gate) {
      await gate;
    }
    if (behaviour === 'reject') {
      throw new VcdError('tokenRejected', 'The API token was rejected by vcd.example.com for organization “acme”.', { code: 'invalid_grant' });
    }
    if (behaviour === 'network') {
      throw new VcdError('network', 'interrupted');
    }
    return { accessToken: `access-${calls.length}`, tokenType: 'Bearer', expiresIn: 1800 };
  };
  return {
    exchange,
    calls,
    set: (b: typeof behaviour) => (behaviour = b),
    hold: () => {
      let open!: () => void;
      gate = new Promise<void>((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

async function setup() {
  const secrets = new MemorySecretStore();
  await secrets.store(apiTokenKey('s1'), 'api-token-1');
  const ex = scripted();
  let now = 1_000_000;
  const service = new TokenService({ secrets, exchange: ex.exchange, now: () => now });
  const states: TokenState[] = [];
  service.onDidChangeState((id, state) => id === 's1' && states.push(state));
  return { secrets, ex, service, states, advance: (ms: number) => (now += ms) };
}

describe('TokenService', () => {
  it('exchanges once and reuses the token until expires_in minus the margin', async () => {
    const { ex, service, advance, states } = await setup();
    assert.equal(await service.getAccessToken(site), 'access-1');
    advance((1800 - 61) * 1000);
    assert.equal(await service.getAccessToken(site), 'access-1');
    advance(2000);
    assert.equal(await service.getAccessToken(site), 'access-2');
    assert.equal(ex.calls.length, 2);
    assert.deepEqual(ex.calls[0], { org: 'acme', apiToken: 'api-token-1' });
    assert.deepEqual(states, ['ok']);
    assert.equal(service.state('s1'), 'ok');
  });

  it('keeps the access token of a check that just exchanged the API token (Add Site): no second exchange', async () => {
    const { ex, service, secrets, advance, states } = await setup();
    await service.setVerifiedApiToken({ ...site, conn: { baseUrl: 'https://VCD.example.com' }, org: ' ACME ' }, 'api-token-2', {
      accessToken: 'checked', tokenType: 'Bearer', expiresIn: 1800,
    });
    assert.equal(await secrets.get(apiTokenKey('s1')), 'api-token-2', 'stored');
    assert.equal(await service.getAccessToken(site), 'checked', 'the same site as its client names it');
    assert.equal(ex.calls.length, 0);
    assert.equal(service.state('s1'), 'ok');
    advance(1800 * 1000);
    assert.equal(await service.getAccessToken(site), 'access-1', 'exchanged once it expires');
    assert.deepEqual(ex.calls, [{ org: 'acme', apiToken: 'api-token-2' }]);
    assert.deepEqual(states, ['unknown', 'ok']);
  });

  it('single-flight: 100 concurrent callers share one exchange', async () => {
    const { ex, service } = await setup();
    const open = ex.hold();
    const all = Promise.all(Array.from({ length: 100 }, () => service.getAccessToken(site)));
    open();
    const tokens = await all;
    assert.equal(ex.calls.length, 1);
    assert.ok(tokens.every((t) => t === 'access-1'));
  });

  it('a caller that aborts stops waiting without cancelling the exchange for the others', async () => {
    const { ex, service } = await setup();
    const open = ex.hold();
    const controller = new AbortController();
    const aborted = service.getAccessToken(site, controller.signal);
    const other = service.getAccessToken(site);
    controller.abort();
    await assert.rejects(aborted, (e: unknown) => e instanceof VcdError && e.kind === 'cancelled');
    open();
    assert.equal(await other, 'access-1');
    assert.equal(ex.calls.length, 1);
  });

  it('invalidates only the current token', async () => {
    const { ex, service } = await setup();
    const first = await service.getAccessToken(site);
    service.invalidate('s1', first);
    const second = await service.getAccessToken(site);
    assert.equal(second, 'access-2');
    service.invalidate('s1', first); // a late 401 for the old token must not throw away the new one
    assert.equal(await service.getAccessToken(site), 'access-2');
    assert.equal(ex.calls.length, 2);
    service.source(site).invalidate(second);
    assert.equal(await service.getAccessToken(site), 'access-3');
  });

  it('a rejected API token fails fast, without new exchanges, until the token changes', async () => {
    const { ex, service, states } = await setup();
    ex.set('reject');
    await assert.rejects(service.getAccessToken(site), (e: unknown) => e instanceof VcdError && e.kind === 'tokenRejected');
    assert.equal(service.state('s1'), 'rejected');
    for (let i = 0; i < 5; i++) {
      await assert.rejects(service.getAccessToken(site), (e: unknown) => e instanceof VcdError && e.kind === 'tokenRejected' && /acme/.test(e.message));
    }
    assert.equal(ex.calls.length, 1);
    ex.set('ok');
    await service.setApiToken('s1', 'api-token-2');
    assert.equal(service.state('s1'), 'unknown');
    assert.equal(await service.getAccessToken(site), 'access-2');
    assert.equal(ex.calls[1].apiToken, 'api-token-2');
    assert.deepEqual(states, ['rejected', 'unknown', 'ok']);
  });

  it('storing a token clears a rejection, also for the same token string; so does forget()', async () => {
    const { ex, service, states } = await setup();
    ex.set('reject');
    await assert.rejects(service.getAccessToken(site), (e: unknown) => e instanceof VcdError && e.kind === 'tokenRejected');
    ex.set('ok');
    await service.setApiToken('s1', 'api-token-1');
    assert.equal(service.state('s1'), 'unknown');
    assert.equal(await service.getAccessToken(site), 'access-2');
    assert.deepEqual(ex.calls.map((c) => c.apiToken), ['api-token-1', 'api-token-1']);
    ex.set('reject');
    service.invalidate('s1');
    await assert.rejects(service.getAccessToken(site), (e: unknown) => e instanceof VcdError && e.kind === 'tokenRejected');
    ex.set('ok');
    service.forget('s1');
    assert.equal(await service.getAccessToken(site), 'access-4');
    assert.deepEqual(states, ['rejected', 'unknown', 'ok', 'rejected', 'unknown', 'ok']);
  });

  it('a transient failure is not a rejection and is retried by the next call', async () => {
    const { ex, service } = await setup();
    ex.set('network');
    await assert.rejects(service.getAccessToken(site), (e: unknown) => e instanceof VcdError && e.kind === 'network');
    assert.equal(service.state('s1'), 'unknown');
    assert.equal(ex.calls.length, 1, 'no retry loop inside one call');
    ex.set('ok');
    assert.equal(await service.getAccessToken(site), 'access-2');
  });

  it('no token stored -> noToken and state missing; set/delete go through the SecretStore', async () => {
    const { secrets, ex, service, states } = await setup();
    await service.deleteApiToken('s1');
    assert.equal(await secrets.get(apiTokenKey('s1')), undefined);
    await assert.rejects(service.getAccessToken(site), (e: unknown) => e instanceof VcdError && e.kind === 'noToken');
    assert.equal(service.state('s1'), 'missing');
    assert.equal(ex.calls.length, 0);
    await service.setApiToken('s1', '  api-token-3 ');
    assert.equal(await service.getApiToken('s1'), 'api-token-3');
    assert.equal(await service.getAccessToken(site), 'access-1');
    assert.deepEqual(states, ['missing', 'unknown', 'ok']);
  });

  it('a token set while an exchange runs is not overwritten by the older result', async () => {
    const { ex, service } = await setup();
    const open = ex.hold();
    const old = service.getAccessToken(site);
    await service.setApiToken('s1', 'api-token-new');
    open();
    await old;
    assert.equal(await service.getAccessToken(site), 'access-2');
    assert.equal(ex.calls[1].apiToken, 'api-token-new');
  });

  it('forget drops the cached access token; another org or URL for the same site id starts afresh', async () => {
    const { ex, service } = await setup();
    await service.getAccessToken(site);
    service.forget('s1');
    assert.equal(await service.getAccessToken(site), 'access-2');
    assert.equal(await service.getAccessToken({ ...site, org: 'other' }), 'access-3');
    assert.equal(ex.calls[2].org, 'other');
  });
});
