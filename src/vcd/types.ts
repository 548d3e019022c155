// Public types of the VCD API client (the pure core). No `vscode` import here or anywhere in src/vcd.
// This file is the contract between the core, the token service, the VS Code layer and the tests:
// extend it, but do not rename what is here without updating every user.
import type { ProbeProxy } from './tunnel';

/** Extra trust for one site, on top of the system CAs. Never a switch that turns verification off. */
export interface SiteTrust {
  /**
   * PEM text of extra trust anchors: CA certificates, and the server certificate a person chose to trust for this
   * site (self-signed, or a leaf of a private CA the server does not send). Node still checks the host name and the
   * validity period.
   */
  caCertificates?: string[];
  /**
   * Older settings only: the SHA-256 fingerprint (upper-case hex pairs joined by ':') of the trusted certificate,
   * without the certificate itself. On the first connection the certificate is read once and used as an anchor only
   * if it has exactly this fingerprint (see `ConnectionOptions.onTrustedCertificate`).
   */
  pinnedFingerprint256?: string;
}

/** How to reach one VCD endpoint. */
export interface ConnectionOptions {
  /** Normalised base URL: `https://host[:port]`, no path, no trailing slash. */
  baseUrl: string;
  trust?: SiteTrust;
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /**
   * Largest answer read, in bytes after decompression (default 32 MB). A larger one is abandoned and fails with kind
   * 'tooLarge'.
   */
  maxResponseBytes?: number;
  /** `auto` (default) negotiates from GET /api/versions; otherwise a version such as `38.0`. */
  apiVersion?: string;
  /** Receives one already-redacted line per request (and details at debug/trace). */
  log?: LogHook;
  /**
   * Lowest level produced for `log` (default 'debug'). Trace entries (redacted headers and bodies) cost time on large
   * listings, so they are only built when this is 'trace'.
   */
  logLevel?: LogLevel;
  /**
   * Format of query pages (default `json`: `application/*+json`, parsed by the engine's own JSON parser, an order
   * of magnitude faster than XML for 128-record pages). A page that comes back as XML anyway is parsed as XML.
   */
  queryFormat?: 'json' | 'xml';
  /** Sent as User-Agent. */
  userAgent?: string;
  /**
   * Receives the PEM of the certificate behind `trust.pinnedFingerprint256` once it was read and matched the pin,
   * so that the caller can store the certificate itself (the pin alone cannot be verified by Node).
   */
  onTrustedCertificate?: (pem: string) => void;
  /**
   * The HTTP proxy that requests to this site take (inside VS Code its network layer routes them), so that the
   * certificate probe, which cannot go through that layer, reads the certificate the same way.
   */
  probeProxy?: ProbeProxy;
  /**
   * Called when the server (or a proxy in front of it) answered 429 and the client waits `seconds` (at most 30, as
   * its `Retry-After` asked) before sending the request once more: for a status message. Not called when the client
   * gives up at once (a longer wait asked for); that request fails with kind 'rateLimited'.
   */
  onRateLimited?: (info: { host: string; seconds: number }) => void;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';
export interface LogEntry {
  level: LogLevel;
  /** Already redacted: never contains a token, password or assertion. */
  message: string;
}
export type LogHook = (entry: LogEntry) => void;

/** What the client needs from the token service (src/auth implements it for a site). */
export interface AccessTokenSource {
  /** A valid access token (JWT), exchanging the stored API token when needed (single-flight). */
  getAccessToken(signal?: AbortSignal): Promise<string>;
  /** The server answered 401 to this token: forget it so the next call exchanges again. */
  invalidate(accessToken: string): void;
}

/** Grant returned by POST /oauth/{tenant/org|provider}/token. */
export interface AccessTokenGrant {
  accessToken: string;
  tokenType: string;
  /** Seconds, as the server said. */
  expiresIn: number;
  /** Present when the server rotates (service accounts) or after a jwt-bearer grant (the new API token). */
  refreshToken?: string;
}

/** One entry of GET /api/versions. */
export interface VersionInfo {
  version: string;
  deprecated: boolean;
  loginUrl?: string;
  providerLoginUrl?: string;
}

export type QueryType = 'organization' | 'orgVdc' | 'adminOrgVdc' | 'vApp' | 'adminVApp' | 'vm' | 'adminVM' | 'task' | 'adminTask';

export type { ResourceStatus } from './status';
import type { ResourceStatus } from './status';

/** VDC status names (GOVCD VDCStatuses); numbers from entity GETs are mapped to these. */
export type VdcStatus = 'FAILED_CREATION' | 'NOT_READY' | 'READY' | 'UNKNOWN' | 'UNRECOGNIZED';

export interface OrgRecord {
  kind: 'org';
  href: string;
  name: string;
  /** `urn:vcloud:org:<uuid>` when the server sent it (entity documents, `idrecords`); plain records leave it out. */
  id?: string;
  displayName?: string;
  isEnabled?: boolean;
  numberOfVdcs?: number;
  numberOfVApps?: number;
}

export interface VdcRecord {
  kind: 'vdc';
  href: string;
  name: string;
  /** `urn:vcloud:vdc:<uuid>` when the server sent it (entity documents, `idrecords`); plain records leave it out. */
  id?: string;
  orgName?: string;
  /** Org href (admin query only). */
  org?: string;
  status?: VdcStatus;
  isEnabled?: boolean;
  allocationModel?: string;
  numberOfVApps?: number;
  numberOfVMs?: number;
  numberOfRunningVMs?: number;
  cpuUsedMhz?: number;
  memoryUsedMB?: number;
  storageUsedMB?: number;
}

export interface VAppRecord {
  kind: 'vapp';
  href: string;
  name: string;
  /** `urn:vcloud:vapp:<uuid>` when the server sent it (entity documents, `idrecords`); plain records leave it out. */
  id?: string;
  status: ResourceStatus;
  vdc?: string;
  vdcName?: string;
  /** Org href (admin query only). */
  org?: string;
  ownerName?: string;
  numberOfVMs?: number;
  numberOfCpus?: number;
  memoryAllocationMB?: number;
  isBusy?: boolean;
  isDeployed?: boolean;
  creationDate?: string;
  /** href of the vApp's latest task, and its status and operation name (non-XSD record attributes). */
  task?: string;
  taskStatus?: string;
  taskStatusName?: string;
}

export interface VmRecord {
  kind: 'vm';
  href: string;
  name: string;
  /** `urn:vcloud:vm:<uuid>` when the server sent it (entity documents, `idrecords`); plain records leave it out. */
  id?: string;
  status: ResourceStatus;
  /** href of the vApp (or vApp template) that contains the VM. */
  container?: string;
  containerName?: string;
  vdc?: string;
  vdcName?: string;
  /** Org href (admin query only). */
  org?: string;
  orgName?: string;
  ownerName?: string;
  guestOs?: string;
  numberOfCpus?: number;
  memoryMB?: number;
  ipAddress?: string;
  networkName?: string;
  hardwareVersion?: number;
  vmToolsStatus?: string;
  isBusy?: boolean;
  isDeployed?: boolean;
  /** True for VMs inside vApp templates: they are not VMs of vApps. */
  isVAppTemplate: boolean;
  /** href of the VM's latest task, and its status and operation name (non-XSD record attributes). */
  task?: string;
  taskStatus?: string;
  taskStatusName?: string;
}

/**
 * Status of a VCD task (TaskType@status). `queued`, `preRunning`, `running` and `postRunning` are still going on;
 * `success`, `error`, `canceled` and `aborted` are final. Anything else a server sends is `unknown`.
 */
export type TaskStatus = 'queued' | 'preRunning' | 'running' | 'postRunning' | 'success' | 'error' | 'canceled' | 'aborted' | 'unknown';

/** A TaskRecord (`task` query) or AdminTaskRecord (`adminTask`, System org only). */
export interface TaskRecord {
  kind: 'task';
  /** The task's href (`/api/task/{id}`). */
  href: string;
  /** The operation name, e.g. `vappUndeployPowerOff`. */
  name: string;
  /** e.g. `Stopping Virtual Machine web-01(uuid)`. */
  operationFull?: string;
  status: TaskStatus;
  progress?: number;
  startDate?: string;
  endDate?: string;
  /** Who started it. */
  ownerName?: string;
  /** href, type (`vm`, `vapp`, …) and name of the entity it works on. */
  object?: string;
  objectType?: string;
  objectName?: string;
  orgName?: string;
  /** Its error message, when it failed (TaskRecord only). */
  message?: string;
}

export type QueryRecord = OrgRecord | VdcRecord | VAppRecord | VmRecord | TaskRecord;

export interface QueryRecordMap {
  organization: OrgRecord;
  orgVdc: VdcRecord;
  adminOrgVdc: VdcRecord;
  vApp: VAppRecord;
  adminVApp: VAppRecord;
  vm: VmRecord;
  adminVM: VmRecord;
  task: TaskRecord;
  adminTask: TaskRecord;
}

export interface QueryOptions {
  /** A complete filter expression (build it with the helpers in query.ts so values are escaped). */
  filter?: string;
  sortAsc?: string;
  sortDesc?: string;
  /** 1..128, default 128. */
  pageSize?: number;
  /** Pages fetched at once after the first (default 8, at least 1). */
  concurrency?: number;
  /** Skip this many records (must be a multiple of pageSize). Default 0. */
  offset?: number;
  /** Stop after this many records (the result then says complete=false and carries total). */
  limit?: number;
  /** Called as pages arrive: records so far, and total. */
  onProgress?: (loaded: number, total: number) => void;
}

export interface QueryResult<R> {
  records: R[];
  /** `total` as the server reported it on the first page (of the last read, when the list was read twice). */
  total: number;
  /** True when `records` are every record from `offset` to `total`: false when `limit` stopped it, or when partial. */
  complete: boolean;
  /**
   * True when the list changed while it was read (another client created or deleted objects: the total, the page
   * size or the records of a page did not add up), twice in a row. `records` are what was read, each once, but some
   * may be missing; reading again (Refresh) shows the current state.
   */
  partial: boolean;
  /** Requests made for this listing (both reads, when the list was read twice). */
  requests: number;
}

/**
 * A power action as VCD users know it (the VCD portal's names):
 * - `powerOn`: POST …/power/action/powerOn;
 * - `powerOff`: undeploy with `powerOff` (VCD's "Power Off": the VM stops at once and is undeployed);
 * - `shutdown`: undeploy with `shutdown` (the guest OS shuts down through VMware Tools, which must be running);
 * - `reset`, `reboot` (Reboot Guest OS, needs VMware Tools), `suspend`: POST …/power/action/{action};
 * - `discardSuspendedState`: POST …/action/discardSuspendedState.
 */
export type PowerAction = 'powerOn' | 'powerOff' | 'shutdown' | 'reset' | 'reboot' | 'suspend' | 'discardSuspendedState';

/** A reference to an entity inside a task (Owner, User, Organization). */
export interface EntityReference {
  href?: string;
  name?: string;
  type?: string;
}

/** A VCD task (TaskType), read from an untrusted answer: every text is capped, numbers clamped. */
export interface TaskInfo {
  href: string;
  /** `urn:vcloud:task:{uuid}` (when the server sent it). */
  id?: string;
  status: TaskStatus;
  operationName?: string;
  /** e.g. `Stopping Virtual Machine web-01(uuid)`. */
  operation?: string;
  /** 0–100, when the server sent it. */
  progress?: number;
  startTime?: string;
  endTime?: string;
  /** The entity the task works on. */
  owner?: EntityReference;
  /** Who started it. */
  user?: EntityReference;
  organization?: EntityReference;
  /** The VCD error of a failed task. */
  error?: { message?: string; minorErrorCode?: string; majorErrorCode?: number };
  /** href of `Link rel="task:cancel"`, when VCD offers to cancel it. */
  cancelHref?: string;
  cancelRequested?: boolean;
  details?: string;
}

/** A vApp or VM as its GET tells it now: state, the action links it offers, and its running tasks. */
export interface EntityState {
  kind: 'vm' | 'vapp';
  href: string;
  name: string;
  status: ResourceStatus;
  deployed?: boolean;
  /** rel → href of its `Link`s (the first of each rel). */
  links: ReadonlyMap<string, string>;
  /** Its `<Tasks>`: queued or running tasks that keep it busy. */
  tasks: TaskInfo[];
}

/** The first page of a query (one request), for searches. */
export interface QueryFirstPage<R> {
  /** At most the page size asked for, in the server's order. */
  records: R[];
  /** How many records match in all, as the server reported it (never fewer than `records`). */
  total: number;
}

/** A raw API response, for the read-only documents. The body is exactly as received. */
export interface RawResponse {
  /** GET for raw documents; a request file's method for its answers (see apiRequest.ts). */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute URL requested. */
  url: string;
  /** e.g. `GET https://vcd.example.com/api/vApp/vm-1 HTTP/1.1` */
  requestLine: string;
  /** The Accept header sent (carries the API version). */
  accept: string;
  apiVersion: string;
  status: number;
  statusText: string;
  contentType?: string;
  requestId?: string;
  body: string;
  durationMs: number;
  /** ISO time the response arrived. */
  receivedAt: string;
  /** The Location header (a request file's answers: a 202 names its task there). */
  location?: string;
}

/** Subject, issuer, validity and fingerprint of a server certificate, for the user to decide trust. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Upper-case hex pairs joined by ':'. */
  fingerprint256: string;
  /** The certificate itself (public): what a site stores when the person trusts it. */
  pem: string;
  /** Set when the certificate's validity period is over or has not begun. */
  outOfValidity?: 'expired' | 'notYetValid';
  /** Whether the certificate names the site's host (DNS name or IP address). */
  namesHost: boolean;
  subjectAltNames?: string;
  /** Why normal verification failed (Node's error code, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, or ERR_TLS_CERT_ALTNAME_INVALID), if it did. */
  verifyError?: string;
  selfSigned: boolean;
}

/** An API token as GET /cloudapi/1.0.0/tokens lists it. */
export interface ApiTokenInfo {
  /** `urn:vcloud:token:<client_id>` */
  id: string;
  name: string;
  type: string;
  ownerName?: string;
  ownerId?: string;
  orgName?: string;
  expirationTimeUtc?: string;
}

/** A logged-in user session (password), needed to manage tokens. */
export interface UserSessionInfo {
  id: string;
  userName: string;
  orgName: string;
  roles: string[];
}
