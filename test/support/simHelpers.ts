// Shared set-up for tests against the simulator over real HTTPS on 127.0.0.2:<port>, trusted through the site's CA list.
import { startSimulator, DemoUser, Simulator, SimulatorOptions } from '../simulator';
import { ConnectionOptions, LogEntry, VcdClient, isVcdError, VcdErrorKind } from '../../src/vcd';
import { MemorySecretStore, SiteCredentials, TokenService } from '../../src/auth';

export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ size: 'demo', ...options });
}

/**
 * One demo simulator for a describe block: started before its tests, closed after them, and with faults, counters
 * and latency reset before each test. `onStart` receives it (tests keep it in a local `sim`, and may sign in with
 * it); `options` change the inventory (e.g. `totalVms`). With `fresh: 'each test'` every test gets a new simulator
 * instead (for tests that change its tokens, sessions or inventory).
 */
export function useSimulator(
  onStart: (sim: Simulator) => unknown,
  options: SimulatorOptions = {},
  { fresh = 'each suite' }: { fresh?: 'each suite' | 'each test' } = {},
): void {
  let sim: Simulator | undefined;
  const open = async (): Promise<void> => {
    sim = await start(options);
    await onStart(sim);
  };
  const close = async (): Promise<void> => {
    await sim?.close();
    sim = undefined;
  };
  if (fresh === 'each test') {
    beforeEach(open);
    afterEach(close);
    return;
  }
  before(open);
  after(close);
  beforeEach(() => {
    sim?.clearFaults();
    sim?.resetCounters();
    sim?.setLatency(0);
  });
}

export interface Logged {
  conn: ConnectionOptions;
  logs: LogEntry[];
}

/** Connection options that trust the simulator's CA (never disabling verification) and collect every log entry. */
export function connFor(sim: Simulator, extra: Partial<ConnectionOptions> = {}, logs: LogEntry[] = []): Logged {
  const conn: ConnectionOptions = {
    baseUrl: sim.url,
    trust: { caCertificates: [sim.certificate!.caPem] },
    log: (entry) => logs.push(entry),
    logLevel: 'trace',
    ...extra,
  };
  return { conn, logs };
}

export interface SiteClient {
  tokens: TokenService;
  site: SiteCredentials;
  client: VcdClient;
  conn: ConnectionOptions;
}

/** A token service holding `apiToken` for the site, and a client using it. */
export async function siteClient(sim: Simulator, who: DemoUser, extra: Partial<ConnectionOptions> = {}, logs: LogEntry[] = []): Promise<SiteClient> {
  const { conn } = connFor(sim, extra, logs);
  const tokens = new TokenService({ secrets: new MemorySecretStore() });
  const creds = sim[who];
  const site: SiteCredentials = { siteId: `${who}-site`, conn, org: creds.org };
  await tokens.setApiToken(site.siteId, creds.apiToken);
  return { tokens, site, conn, client: new VcdClient(conn, tokens.source(site)) };
}

export function kind(expected: VcdErrorKind, check?: (e: Error) => boolean): (e: unknown) => boolean {
  return (e: unknown) => {
    if (!isVcdError(e)) {
      throw new Error(`expected a VcdError ${expected}, got ${String(e)}`);
    }
    if (e.kind !== expected) {
      throw new Error(`expected kind ${expected}, got ${e.kind}: ${e.message}`);
    }
    return check === undefined || check(e);
  };
}

export function routeCount(sim: Simulator, route: string): number {
  return sim.counters.byRoute[route] ?? 0;
}
