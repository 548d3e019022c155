// Contract of the VCD simulator: what tests, the benchmark and `npm start` use.
// Implementation: test/simulator/index.ts exports `startSimulator(options): Promise<Simulator>`.

export interface InventorySize {
  /** Tenant organizations (the System org is extra). */
  orgs: number;
  vdcsPerOrg: number;
  vappsPerVdc: number;
  vmsPerVapp: number;
  /** vApp templates per VDC (their VMs have isVAppTemplate=true and must not appear as vApp VMs). */
  templatesPerVdc?: number;
}

export interface SimulatorOptions {
  /** 'demo' (a few orgs with odd names, ~100 VMs), or an explicit size. Default 'demo'. */
  size?: 'demo' | InventorySize;
  /** Total VMs to generate instead of a per-level size (spread over orgs/VDCs/vApps); for paging and the bench. */
  totalVms?: number;
  /** Seed of the deterministic generator (default 1). Same seed + size = same inventory, names and ids. */
  seed?: number;
  /** Default true: HTTPS with a self-signed certificate made at start. */
  https?: boolean;
  /** Default 127.0.0.2: an address VS Code's network layer does not exempt (it exempts 127.0.0.1 and localhost). */
  host?: string;
  port?: number; // default 0
  /** Versions served (default 36.0..39.1 plus deprecated ones, unsorted as VCD lists them). */
  supportedVersions?: string[];
  /** expires_in of access tokens, seconds (default 1800). */
  accessTokenTtlSeconds?: number;
  /** Idle timeout of sessions/access tokens, seconds (default 1800). */
  idleTimeoutSeconds?: number;
  /** HTTP status for invalid_grant (default 400). */
  invalidGrantStatus?: 400 | 401;
  /** May an API-token session revoke its own token? (default false: 403) */
  allowSelfRevoke?: boolean;
  /** Does revoking an API token kill access tokens already issued from it? (default false) */
  revokeKillsSessions?: boolean;
  /**
   * Largest page size served by /api/query and CloudAPI lists (default 128, as VCD). Larger requests are clamped to it
   * and the answer reports the size used, like installations that serve smaller pages.
   */
  maxPageSize?: number;
  /** Latency added to every response, ms (default 0). */
  latencyMs?: number;
  /**
   * Deprecated versions also served on /api (default 33.0, 34.0, 35.0, 35.2; 5.5 is always listed last).
   * CloudAPI answers 405 for these (removed there), 406 for unknown versions.
   */
  deprecatedVersions?: string[];
  /**
   * Serve this certificate instead of a fresh self-signed one (e.g. an expired one, one for the wrong host, or a
   * leaf signed by a test CA from `makeCaAndLeaf` in certificates.ts). `caPem` is what `certificate.caPem` reports
   * (defaults to certPem). This is how TLS error tests get a server that otherwise answers like VCD.
   */
  certificate?: { certPem: string; keyPem: string; caPem?: string };
  /**
   * Accept connections only from these client addresses (like a firewall that lets only the proxy through): with a
   * test proxy that connects from one of them, the simulator is reachable through that proxy only.
   */
  acceptFrom?: string[];
  /** How tasks of power actions move (default: by the clock, 0.3 s queued then 2.5 s running). See TaskTimingOptions. */
  tasks?: TaskTimingOptions;
}

/**
 * How a task moves from `queued` through `running` to its end (vcd-api.md §10.5). Two ways:
 * - `time` (default): by the simulator's clock, `queuedMs` queued, then `runningMs` running with Progress growing with
 *   the time, then it ends. `sim.advanceClock()` moves the clock, so tests can step it without waiting.
 * - `polls`: one step per GET of the task document, whatever the time: the first GET finds it running, Progress grows
 *   by 100/(runningPolls+1) per GET, and the GET after `runningPolls` running answers finds it ended. Tests that drive
 *   a client use this: the outcome does not depend on how fast the machine is.
 * `sim.tasks.hold()` keeps every running task running (Progress stops at 90) until `sim.tasks.release()`.
 */
export interface TaskTimingOptions {
  advance?: 'time' | 'polls';
  /** `time`: milliseconds a task stays queued (default 300). */
  queuedMs?: number;
  /** `time`: milliseconds a task runs (default 2500). */
  runningMs?: number;
  /** `polls`: GETs that find the task running before the one that finds it ended (default 2). */
  runningPolls?: number;
}

/** A vApp VM as the simulator holds it, for assertions and to set up states. */
export interface SimVmInfo {
  name: string;
  href: string;
  /** The status name as query records carry it, e.g. POWERED_ON, POWERED_OFF, SUSPENDED. */
  status: string;
  deployed: boolean;
  /** VMware Tools run in the guest (only while it is powered on): Shut Down and Reboot Guest OS work. */
  toolsRunning: boolean;
  /** A task of it, or of its vApp, is queued or running. */
  busy: boolean;
  vappName: string;
  vappHref: string;
  vdcName: string;
  orgName: string;
}

/** A task as the simulator holds it. */
export interface SimTaskInfo {
  id: string;
  href: string;
  status: 'queued' | 'running' | 'success' | 'error' | 'canceled' | 'aborted';
  operationName: string;
  progress: number;
  targetName: string;
  targetHref: string;
  userName: string;
  orgName: string;
}

export interface DemoCredentials {
  org: string;
  user: string;
  password: string;
  /** An API token of that user, valid at start. */
  apiToken: string;
}

/** Which demo user's view an inventory helper answers for (default: everything, as the System org sees it). */
export type DemoUser = 'tenant' | 'provider' | 'vappUser';

export interface InventoryFilter {
  orgName?: string;
  visibleTo?: DemoUser;
}

export interface SimulatorCounters {
  /** Every HTTP request received. */
  requests: number;
  /** Successful + failed POST /oauth/.../token with grant_type=refresh_token. */
  exchanges: number;
  /** Requests per `METHOD path` without query string, e.g. `GET /api/query`. */
  byRoute: Record<string, number>;
  /** Highest number of requests in flight at once. */
  maxInFlight: number;
  /** Connections cut off because they did not come from an `acceptFrom` address. */
  refusedConnections: number;
  /** Requests whose connection the client closed before the answer was complete (it cancelled them or gave up). */
  abandonedByClient: number;
}

export type Fault =
  /**
   * Answer the n-th (1-based, counted from when the fault is set) matching request with this status: VCD's error body
   * for the area (401 => empty body), or exactly `body` (with `contentType`, none by default) when given — e.g. `''`
   * for an empty 400 from a load balancer, or RFC 6749's `{"error":"invalid_grant"}`. `headers` are added.
   */
  | { kind: 'status'; status: number; nth?: number; times?: number; path?: RegExp; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Destroy the socket without answering. */
  | { kind: 'reset'; nth?: number; times?: number; path?: RegExp }
  /** Send headers, then the body very slowly (bytes per second). */
  | { kind: 'slowBody'; bytesPerSecond: number; path?: RegExp; times?: number }
  /** Answer 200 with truncated/malformed XML. */
  | { kind: 'malformedXml'; path?: RegExp; times?: number }
  /** Answer with an HTML page (like a proxy or a non-VCD web server). */
  | { kind: 'html'; status?: number; path?: RegExp; times?: number }
  /** Never answer (for timeouts). */
  | { kind: 'hang'; path?: RegExp; times?: number }
  /** Fail this fraction (0..1) of matching requests with 500/503, deterministically from the seed. */
  | { kind: 'errorRate'; rate: number; status?: number; path?: RegExp }
  /**
   * Answer with an error (default 400) whose message repeats the credential the request presented: the `refresh_token`
   * or `assertion` of a form body on /oauth, else the Authorization value after its scheme (a bearer token, or Basic
   * `user@org:password` in base64). Like a proxy or a badly written endpoint that echoes what it was sent.
   */
  | { kind: 'echoCredential'; status?: number; nth?: number; times?: number; path?: RegExp }
  /**
   * 429 Too Many Requests as a proxy or API gateway in front of VCD sends it (VCD documents none): a small web page,
   * with `Retry-After: <retryAfter>` when given (delay-seconds or an HTTP-date). Counted like `status`.
   */
  | { kind: 'rateLimit'; retryAfter?: string; nth?: number; times?: number; path?: RegExp }
  /**
   * A power action (POST /api/vApp/{vapp|vm}-…/power/action/… or …/action/…) is accepted as usual (202 + Task), but the
   * task ends with status `error` and this VCD error (default: 500 INTERNAL_SERVER_ERROR, a resources message) instead
   * of changing the entity. Counted like `status` (once by default); by default it matches power actions only.
   */
  | { kind: 'failTask'; message?: string; minorErrorCode?: string; majorErrorCode?: number; nth?: number; times?: number; path?: RegExp }
  /** Answer as usual, with the body padded by trailing white space (still valid XML/JSON) to `bytes` bytes. */
  | { kind: 'largeBody'; bytes: number; path?: RegExp; times?: number }
  /**
   * Rewrite the envelope of a page answer (200 only) with these values, whatever they are (0.001, -1, 1e12): the
   * `pageSize`/`total` of a query page (JSON or XML), the `pageSize`/`pageCount`/`resultTotal` of a CloudAPI page.
   * `ignorePage`: answer page 1 whatever page was asked (a broken server or cache that ignores `page`).
   */
  | { kind: 'pageEnvelope'; pageSize?: number; total?: number; pageCount?: number; resultTotal?: number; ignorePage?: boolean; path?: RegExp; times?: number };

export interface CertificateMaterial {
  /** PEM of the server certificate (self-signed by default). */
  certPem: string;
  /** PEM of the CA that signed it (same as certPem when self-signed). */
  caPem: string;
  /** Upper-case hex pairs joined by ':'. */
  fingerprint256: string;
}

export interface Simulator {
  /** `https://127.0.0.2:<port>` (or http://). */
  readonly url: string;
  readonly port: number;
  readonly certificate?: CertificateMaterial;
  /** Demo users: tenant org admin and System administrator. */
  readonly tenant: DemoCredentials;
  readonly provider: DemoCredentials;
  /**
   * A non-admin user of the tenant org (`tenant.org`), role "vApp User", with its own API token. Like VCD, the server
   * refuses it the `organization` and admin* query types (403) and shows it only the vApps (and their VMs) it owns or
   * that are shared with the org: some in the org's first VDC, none in the others. Other vApps and VMs answer 403.
   */
  readonly vappUser: DemoCredentials;
  readonly counters: SimulatorCounters;
  resetCounters(): void;
  /** Add a fault; returns a function that removes it. */
  inject(fault: Fault): () => void;
  clearFaults(): void;
  /** Change latency at run time. */
  setLatency(ms: number): void;
  /** Create another API token for a user (as if made in the portal); returns the token string. */
  createApiToken(org: string, user: string, name: string): string;
  /** Revoke an API token by its token string (as if revoked in the portal). */
  revokeApiToken(token: string): void;
  /** Expire every access token and session now (the next API call gets 401). */
  expireAllSessions(): void;
  /** Move the simulator's clock forward (idle timeout and access-token expiry follow it). */
  advanceClock(seconds: number): void;
  /** Inventory facts for assertions: counts per query type as a System admin sees them, and names. */
  readonly inventory: {
    orgNames(): string[];
    count(type: 'organization' | 'adminOrgVdc' | 'adminVApp' | 'adminVM', filter?: { orgName?: string }): number;
    /**
     * VM names (non-template) sorted by name as the query service sorts them (sortAsc=name). `visibleTo` keeps only
     * what that demo user may view (`vappUser`: VMs of the vApps it owns or that are shared with the org).
     */
    vmNames(filter?: InventoryFilter): string[];
    /** vApp names (no templates), sorted like vmNames, with the same filter, and optionally one VDC's by name. */
    vappNames(filter?: InventoryFilter & { vdcName?: string }): string[];
    /**
     * Delete `count` vApp VMs at once, as another client would: the first ones in name order, so every later page of a
     * listing sorted by name shifts. Totals and pages change from the next request on. Returns their names.
     */
    removeVms(count: number): string[];
    /**
     * Create `count` VMs at once, as another client would, in the first vApp of the first tenant org, named
     * `000-new-<n>` so that they sort first. Totals and pages change from the next request on. Returns their names.
     */
    addVms(count: number): string[];
    /** vApp VMs (no template VMs) as they are now, sorted like vmNames, with the same filter. */
    vms(filter?: InventoryFilter): SimVmInfo[];
    /**
     * Set a VM's power state at once, as another client (or vCenter) would, without a task: POWERED_ON (deployed, its
     * tools running when `tools` is not false), POWERED_OFF (undeployed) or SUSPENDED. Its vApp's status follows.
     * `tools` also decides whether VMware Tools are installed. `vm` is its href or its name (the first with that name).
     */
    setPowerState(vm: string, status: 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED', options?: { tools?: boolean }): SimVmInfo;
  };
  /** The tasks of power actions (see TaskTimingOptions). */
  readonly tasks: {
    setTiming(timing: TaskTimingOptions): void;
    /** Running tasks stay running (Progress at most 90) until release(). */
    hold(): void;
    /** Held tasks end at their next step (the next GET with `polls` timing, the next request with `time`). */
    release(): void;
    /** Every task the simulator keeps, oldest first. */
    list(): SimTaskInfo[];
  };
  close(): Promise<void>;
}
