// VcdClient: one site, one token source. Negotiates the API version once (single-flight), sends authorized
// requests (401 -> invalidate the token, then exactly one retry with a fresh one), lists queries, and reads raw
// documents and session/token information.
import { acceptFor, isCloudApiPath, isLegacyApiPath } from './accept';
import { acceptWithVersion, prepareApiRequest, sentResponse, type ApiRequest } from './apiRequest';
import { raceWithSignal } from './abort';
import { VcdError } from './errors';
import { HttpRequest, HttpResponse, HttpTransport } from './http';
import { errorFromResponse, malformedResponse } from './mapError';
import { DEFAULT_CONCURRENCY, listAll, MAX_PAGE_SIZE, queryPath, type QueryUrlOptions } from './query';
import { parseQueryAnswer, type QueryPage } from './records';
import { checkRawResponse, toRawResponse } from './raw';
import { toUserSessionInfo } from './session';
import { toApiTokenInfo } from './tokens';
import { parseOrgDocument, parseOrgList } from './orgs';
import { AccessTokenSource, ApiTokenInfo, ConnectionOptions, EntityState, OrgRecord, PowerAction, QueryFirstPage, QueryOptions, QueryRecordMap, QueryResult, QueryType, RawResponse, TaskInfo, TaskRecord, UserSessionInfo } from './types';
import { busyTasks, parseEntity, powerActionLabel, powerRequest, refusalByEntity } from './power';
import { parseTask, waitForTask, type TaskWaitOptions } from './tasks';
import { resolveSameHost } from './url';
import { fetchVersionsWith, negotiateVersion } from './versions';
import { parseJsonObject } from './json';
import { hostOf } from './url';

/** What a query type lists, for messages. */
const QUERY_NOUNS: Record<QueryType, string> = {
  organization: 'organizations',
  orgVdc: 'VDCs',
  adminOrgVdc: 'VDCs',
  vApp: 'vApps',
  adminVApp: 'vApps',
  vm: 'VMs',
  adminVM: 'VMs',
  task: 'tasks',
  adminTask: 'tasks',
};

export class VcdClient {
  private readonly transport: HttpTransport;
  private version?: Promise<string>;
  /** Query types whose `fields` this server refused: asked for with every attribute from then on. */
  private readonly allFields = new Set<QueryType>();

  constructor(
    readonly conn: ConnectionOptions,
    private readonly tokens: AccessTokenSource,
  ) {
    this.transport = new HttpTransport(conn, { maxSockets: DEFAULT_CONCURRENCY * 2 });
  }

  /** The API version used for every request: negotiated from GET /api/versions once (or the override, checked). */
  apiVersion(signal?: AbortSignal): Promise<string> {
    if (this.version === undefined) {
      const attempt = fetchVersionsWith(this.transport).then((server) => negotiateVersion(server, this.conn.apiVersion, hostOf(this.conn.baseUrl)));
      this.version = attempt;
      // A failed negotiation is not cached: the next call tries again.
      attempt.catch(() => {
        if (this.version === attempt) {
          this.version = undefined;
        }
      });
    }
    return raceWithSignal(this.version, signal);
  }

  /** Lists every record of a query (all pages; see QueryOptions). */
  async query<K extends QueryType>(type: K, options: QueryOptions = {}, signal?: AbortSignal): Promise<QueryResult<QueryRecordMap[K]>> {
    const version = await this.apiVersion(signal);
    return listAll(
      (page, pageSize, pageSignal) => this.queryPage(type, { filter: options.filter, sortAsc: options.sortAsc, sortDesc: options.sortDesc, page, pageSize }, version, pageSignal),
      options,
      signal,
      { host: hostOf(this.conn.baseUrl), noun: QUERY_NOUNS[type], keyOf: (record) => record.href },
    );
  }

  /**
   * The first page of a query and the server's total, in exactly one request (after the version negotiation and
   * token exchange, which are shared and done once): for searches, which show the first matches and say how many
   * more there are. Never more records than `pageSize` (1..128) asked for; the total is checked like a listing's.
   */
  async queryFirstPage<K extends QueryType>(
    type: K,
    options: Pick<QueryOptions, 'filter' | 'sortAsc' | 'sortDesc'> & { pageSize: number },
    signal?: AbortSignal,
  ): Promise<QueryFirstPage<QueryRecordMap[K]>> {
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > MAX_PAGE_SIZE) {
      throw new VcdError('invalidInput', `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${options.pageSize}.`);
    }
    const version = await this.apiVersion(signal);
    const page = await this.queryPage(type, { ...options, page: 1, fields: 'search' }, version, signal);
    const host = hostOf(this.conn.baseUrl);
    if (!Number.isSafeInteger(page.total) || page.total < 0) {
      throw new VcdError('malformedResponse', `${host} sent a list page with a total of ${String(page.total)}; it must be a whole number of at least 0. The answer cannot be trusted, so the list was not read.`);
    }
    const records = page.records.length > options.pageSize ? page.records.slice(0, options.pageSize) : page.records;
    // A total below what the page holds cannot be: the page is what the server has at least.
    return { records, total: Math.max(page.total, records.length) };
  }

  /** One page of a query: GET /api/query in the query format, parsed; an error answer becomes a VcdError. */
  private async queryPage<K extends QueryType>(type: K, url: QueryUrlOptions, version: string, signal?: AbortSignal): Promise<QueryPage<QueryRecordMap[K]>> {
    const accept = `application/*+${this.conn.queryFormat ?? 'json'};version=${version}`;
    const send = (fields: QueryUrlOptions['fields']): Promise<HttpResponse> =>
      this.authorized({ method: 'GET', url: queryPath(type, { ...url, fields }), headers: { Accept: accept }, signal, apiVersion: version });
    let res = await send(this.allFields.has(type) ? 'all' : url.fields);
    if (res.status === 400 && !this.allFields.has(type)) {
      // A VCD whose records of this type lack an attribute asked for (another version's schema) refuses the page: ask
      // once more for every attribute. When that works, this type is asked for in full from now on.
      res = await send('all');
      if (res.status === 200) this.allFields.add(type);
    }
    const ctx = this.transport.context(res, { apiVersion: version });
    if (res.status !== 200) {
      throw errorFromResponse(res, ctx);
    }
    try {
      return parseQueryAnswer(type, res.body, res.contentType);
    } catch (cause) {
      throw malformedResponse(res, ctx, 'a query page', cause);
    }
  }

  /** GET of '/api/...', '/cloudapi/...' or an absolute href on this site; the body exactly as received. */
  async getRaw(pathOrHref: string, options: { format?: 'xml' | 'json' } = {}, signal?: AbortSignal): Promise<RawResponse> {
    const url = resolveSameHost(this.conn.baseUrl, pathOrHref);
    if (!isLegacyApiPath(url.pathname) && !isCloudApiPath(url.pathname)) {
      throw new VcdError('invalidInput', `Only /api and /cloudapi documents can be opened, not ${url.pathname}.`);
    }
    const version = await this.apiVersion(signal);
    const accept = acceptFor(url.pathname, version, options.format ?? 'xml');
    const res = await this.authorized({ method: 'GET', url: url.href, headers: { Accept: accept }, signal, apiVersion: version });
    checkRawResponse(res, this.transport.context(res, { apiVersion: version }));
    return toRawResponse(res, accept, version);
  }

  /**
   * Sends a request a person wrote (a request file): checked first, without a request, by prepareApiRequest (a path
   * on this site, no credential header); then with the session's token, the API version and an Accept (see
   * acceptWithVersion). Resolves with the answer whatever its status, the token masked out of it.
   */
  async sendRequest(request: ApiRequest, signal?: AbortSignal): Promise<RawResponse> {
    const { method, url, headers, body } = prepareApiRequest(this.conn.baseUrl, request);
    const version = await this.apiVersion(signal);
    headers.Accept = acceptWithVersion(headers.Accept, url.pathname, version);
    const res = await this.authorized({ method, url: url.href, headers, body, signal, apiVersion: version });
    return sentResponse(res, method, headers.Accept, version);
  }

  /**
   * The organization `orgName` as the session sees it, read in a way every role may use: GET /api/org lists the
   * session's organizations (the `organization` query is for org and System administrators only), the entry named
   * `orgName` (any case) is picked, and GET of that org adds its full name and VDC count (left out when the server
   * refuses that one document). Throws `forbidden` in the user's terms when the session belongs to another org.
   */
  async sessionOrganization(orgName: string, signal?: AbortSignal): Promise<OrgRecord> {
    const list = await this.legacyDocument('/api/org', 'the organization list', parseOrgList, signal);
    const wanted = orgName.trim().toLowerCase();
    const entry = list.find((o) => o.name.toLowerCase() === wanted);
    const host = hostOf(this.conn.baseUrl);
    if (entry === undefined) {
      const others = list.slice(0, 3).map((o) => `“${o.name.length > 80 ? `${o.name.slice(0, 79)}…` : o.name}”`);
      const more = list.length > 3 ? ` and ${list.length - 3} more` : '';
      throw new VcdError(
        'forbidden',
        others.length === 0
          ? `${host} shows this API token's session no organization, so organization “${orgName}” cannot be listed. Set an API token of a user of “${orgName}”.`
          : `This API token signs in to organization ${others.join(', ')}${more} on ${host}, not to “${orgName}”. Set an API token of a user of “${orgName}”, or add a site for the token's organization.`,
      );
    }
    // The href comes from the server: followed only on this site (never sends the token elsewhere).
    const href = resolveSameHost(this.conn.baseUrl, entry.href).href;
    const record: OrgRecord = { kind: 'org', href, name: entry.name };
    let doc;
    try {
      doc = await this.legacyDocument(href, 'the organization', parseOrgDocument, signal);
    } catch (err) {
      if (err instanceof VcdError && (err.kind === 'forbidden' || err.kind === 'notFound')) {
        return record;
      }
      throw err;
    }
    if (doc.fullName !== undefined) record.displayName = doc.fullName;
    record.numberOfVdcs = doc.vdcCount;
    return record;
  }

  /** GET /cloudapi/1.0.0/sessions/current: who the access token belongs to. */
  async currentSession(signal?: AbortSignal): Promise<UserSessionInfo> {
    const json = await this.cloudApiJson('/cloudapi/1.0.0/sessions/current', signal);
    const info = toUserSessionInfo(json.body);
    if (info === undefined) {
      throw malformedResponse(json.res, this.transport.context(json.res, {}), 'a session without an id');
    }
    return info;
  }

  /** The API token behind this session (GET /cloudapi/1.0.0/sessions/{id}/token); undefined when there is none. */
  async currentApiToken(signal?: AbortSignal): Promise<ApiTokenInfo | undefined> {
    const session = await this.currentSession(signal);
    let json;
    try {
      json = await this.cloudApiJson(`/cloudapi/1.0.0/sessions/${encodeURIComponent(session.id)}/token`, signal);
    } catch (err) {
      if (err instanceof VcdError && (err.kind === 'notFound' || err.kind === 'badRequest' || err.kind === 'forbidden')) {
        return undefined;
      }
      throw err;
    }
    return toApiTokenInfo(json.body);
  }

  /** GET of a VM or vApp (an href on this site): its state now, the action links it offers and its running tasks. */
  async entity(href: string, signal?: AbortSignal): Promise<EntityState> {
    // The href comes from a listing of this site: followed only on this site (never sends the token elsewhere).
    return this.legacyDocument(resolveSameHost(this.conn.baseUrl, href).href, 'the VM or vApp', parseEntity, signal);
  }

  /**
   * Starts a power action on the entity as it is now (read it with `entity` just before): refuses at once, without a
   * request, when the entity does not offer the action (kind badRequest) or is busy with a task of its own (kind busy);
   * otherwise POSTs to the link the entity offers (on this site only) and resolves with the task VCD answers with
   * (202 + Task). VCD's own refusals: 400 BAD_REQUEST (badRequest), 400 BUSY_ENTITY (busy), 403 (forbidden).
   */
  async startPowerAction(entity: EntityState, action: PowerAction, signal?: AbortSignal): Promise<TaskInfo> {
    const refusal = refusalByEntity(action, entity);
    if (refusal !== undefined) throw new VcdError('badRequest', `“${entity.name}”: ${refusal}`);
    const running = busyTasks(entity)[0];
    if (running !== undefined) {
      const what = running.operation?.replace(/\([0-9a-f-]{36}\)$/i, '') ?? running.operationName ?? 'another operation';
      const by = running.user?.name ? ` started by ${running.user.name}` : '';
      const progress = running.progress !== undefined && running.status === 'running' ? `, ${running.progress}%` : '';
      throw new VcdError('busy', `“${entity.name}” is busy: ${what}${by} is ${running.status}${progress}. Try again when it has finished.`, { request: `GET ${running.href}` });
    }
    const request = powerRequest(action, entity);
    const url = resolveSameHost(this.conn.baseUrl, request.href);
    const version = await this.apiVersion(signal);
    const accept = `application/*+${this.conn.queryFormat ?? 'json'};version=${version}`;
    const headers: Record<string, string> = { Accept: accept };
    if (request.body !== undefined) headers['Content-Type'] = `${request.body.contentType};version=${version}`;
    const res = await this.authorized({ method: 'POST', url: url.href, headers, body: request.body?.text, signal, apiVersion: version });
    const ctx = this.transport.context(res, { apiVersion: version });
    if (res.status !== 202 && res.status !== 200) {
      throw errorFromResponse(res, ctx);
    }
    if (res.body.trim() === '') {
      // VCD sends the Task; an empty answer still names it in Location.
      const location = res.headers.location;
      if (location === undefined) throw malformedResponse(res, ctx, `an answer to ${powerActionLabel(action)} without its task`);
      return this.task(location, signal);
    }
    try {
      return parseTask(res.body, res.contentType);
    } catch (cause) {
      throw malformedResponse(res, ctx, `the task of ${powerActionLabel(action)}`, cause);
    }
  }

  /** GET of a task (an href on this site). */
  async task(href: string, signal?: AbortSignal): Promise<TaskInfo> {
    return this.legacyDocument(resolveSameHost(this.conn.baseUrl, href).href, 'a task', parseTask, signal);
  }

  /** Reads the task again until it is final (see waitForTask in tasks.ts: 1 s up to 5 s between reads, bounded). */
  waitForTask(task: TaskInfo, options: TaskWaitOptions = {}): Promise<TaskInfo> {
    return waitForTask((signal) => this.task(task.href, signal), task, options);
  }

  /**
   * Asks VCD to cancel the task through the `task:cancel` link it offers (read the task just before). Refuses, without
   * a request, when there is no such link (the task ended, or VCD does not let this user cancel it).
   */
  async cancelTask(task: TaskInfo, signal?: AbortSignal): Promise<void> {
    if (task.cancelHref === undefined) {
      throw new VcdError('badRequest', `VCD does not offer to cancel this task${task.status === 'queued' || task.status === 'running' ? ' for you' : `: it is ${task.status}`}.`);
    }
    const url = resolveSameHost(this.conn.baseUrl, task.cancelHref);
    const version = await this.apiVersion(signal);
    const accept = `application/*+${this.conn.queryFormat ?? 'json'};version=${version}`;
    const res = await this.authorized({ method: 'POST', url: url.href, headers: { Accept: accept }, signal, apiVersion: version });
    if (res.status < 200 || res.status >= 300) {
      throw errorFromResponse(res, this.transport.context(res, { apiVersion: version }));
    }
  }

  /**
   * The site's most recent tasks from the query service, newest first: `task` (the session's organization; what a
   * non-admin may see) or `adminTask` (a System session: every organization). At most `limit` (one page).
   */
  async recentTasks(options: { admin: boolean; limit: number }, signal?: AbortSignal): Promise<TaskRecord[]> {
    const limit = Math.max(1, Math.min(128, Math.floor(options.limit)));
    const result = await this.query(options.admin ? 'adminTask' : 'task', { sortDesc: 'startDate', pageSize: limit, limit, concurrency: 1 }, signal);
    return result.records.slice(0, limit);
  }

  /** Closes pooled connections (the client can still be used; it reconnects). */
  dispose(): void {
    this.transport.close();
  }

  /** GET of a legacy /api document in the query format (JSON by default), parsed by `parse` (which throws on bad input). */
  private async legacyDocument<T>(pathOrHref: string, what: string, parse: (body: string, contentType: string | undefined) => T, signal?: AbortSignal): Promise<T> {
    const version = await this.apiVersion(signal);
    const accept = `application/*+${this.conn.queryFormat ?? 'json'};version=${version}`;
    const res = await this.authorized({ method: 'GET', url: pathOrHref, headers: { Accept: accept }, signal, apiVersion: version });
    const ctx = this.transport.context(res, { apiVersion: version });
    if (res.status !== 200) {
      throw errorFromResponse(res, ctx);
    }
    try {
      return parse(res.body, res.contentType);
    } catch (cause) {
      throw malformedResponse(res, ctx, what, cause);
    }
  }

  private async cloudApiJson(path: string, signal?: AbortSignal): Promise<{ res: HttpResponse; body: ReturnType<typeof parseJsonObject> }> {
    const version = await this.apiVersion(signal);
    const res = await this.authorized({ method: 'GET', url: path, headers: { Accept: acceptFor(path, version) }, signal, apiVersion: version });
    const ctx = this.transport.context(res, { apiVersion: version });
    if (res.status !== 200) {
      throw errorFromResponse(res, ctx);
    }
    try {
      return { res, body: parseJsonObject(res.body) };
    } catch (cause) {
      throw malformedResponse(res, ctx, 'a JSON answer', cause);
    }
  }

  /** Sends with `Authorization: Bearer`; on 401 invalidates that token and retries exactly once with a fresh one. */
  private async authorized(req: HttpRequest): Promise<HttpResponse> {
    let token = await this.tokens.getAccessToken(req.signal);
    for (let attempt = 0; ; attempt++) {
      const res = await this.transport.send({
        ...req,
        headers: { ...req.headers, Authorization: `Bearer ${token}` },
        secrets: [...(req.secrets ?? []), token],
      });
      if (res.status !== 401 || attempt > 0) {
        return res;
      }
      this.tokens.invalidate(token);
      token = await this.tokens.getAccessToken(req.signal);
    }
  }
}
