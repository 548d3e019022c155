// The HTTP(S) front: request ids, counters, latency, faults, sending replies (optionally slowly), socket tracking.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { cloudError, Ctx, legacyError, Reply } from './http';
import type { FaultSet } from './faults';
import { route } from './router';
import type { SimState } from './state';
import type { Fault, SimulatorCounters } from './types';
import { highest, versionFromAccept } from './versions';

const MAX_BODY = 1024 * 1024;

const MINOR: Record<number, string> = {
  400: 'BAD_REQUEST', 403: 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', 404: 'RESOURCE_NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT', 429: 'TOO_MANY_REQUESTS', 500: 'INTERNAL_SERVER_ERROR', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT',
};

export class Transport {
  readonly counters: SimulatorCounters = { requests: 0, exchanges: 0, byRoute: {}, maxInFlight: 0, refusedConnections: 0, abandonedByClient: 0 };
  latencyMs = 0;
  private inFlight = 0;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  base = '';

  constructor(private readonly state: () => SimState, private readonly faults: FaultSet) {}

  /** `acceptFrom`: client addresses allowed to connect (others are cut off at once, like a firewall). */
  attach(server: Server, acceptFrom?: readonly string[]): void {
    server.on('connection', (socket: Socket) => {
      const from = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      if (acceptFrom !== undefined && !acceptFrom.includes(from)) {
        this.counters.refusedConnections++;
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        } else res.destroy();
      });
    });
  }

  resetCounters(): void {
    this.counters.requests = 0;
    this.counters.exchanges = 0;
    this.counters.maxInFlight = this.inFlight;
    this.counters.refusedConnections = 0;
    this.counters.abandonedByClient = 0;
    for (const k of Object.keys(this.counters.byRoute)) delete this.counters.byRoute[k];
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const c = this.counters;
    c.requests++;
    this.inFlight++;
    c.maxInFlight = Math.max(c.maxInFlight, this.inFlight);
    let done = false;
    /** The simulator itself cut the connection (a `reset` fault): not the client's doing. */
    let cutHere = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        this.inFlight--;
      }
    };
    res.on('finish', finish);
    res.on('close', () => {
      // Closed before the whole answer was sent: the client gave up on it (cancelled, timed out).
      if (!done && !cutHere && !this.closed) c.abandonedByClient++;
      finish();
    });

    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const routeKey = `${method} ${url.pathname}`;
    c.byRoute[routeKey] = (c.byRoute[routeKey] ?? 0) + 1;
    const clientId = req.headers['x-vmware-vcloud-client-request-id'];
    const requestId = typeof clientId === 'string' && /^[A-Za-z0-9-]+$/.test(clientId) ? `${clientId.slice(0, 128)}-${randomUUID()}` : randomUUID();
    const accept = String(req.headers.accept ?? '');
    let bodyPromise: Promise<string> | undefined;
    const ctx: Ctx = {
      req, method, path: url.pathname, query: url.searchParams, rawQuery: url.search, requestId, base: this.base, accept,
      acceptVersion: versionFromAccept(accept), version: highest(this.state().versions),
      body: () => (bodyPromise ??= readBody(req)),
    };

    // Every refresh_token grant counts, also those a fault answers.
    if (method === 'POST' && /^\/oauth\/(provider|tenant\/[^/]+)\/token$/.test(url.pathname)) {
      const form = new URLSearchParams(await ctx.body().catch(() => ''));
      if (form.get('grant_type') === 'refresh_token') c.exchanges++;
    }
    const fault = this.faults.pick(url.pathname + url.search, method);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'reset') {
      cutHere = true;
      req.socket.destroy();
      return;
    }
    if (this.latencyMs > 0) await this.delay(this.latencyMs);
    if (this.closed) return;

    let reply: Reply;
    if (fault?.kind === 'status') {
      reply = fault.body === undefined ? faultReply(ctx, fault.status) : { status: fault.status, headers: fault.contentType ? { 'Content-Type': fault.contentType } : {}, body: fault.body };
      Object.assign(reply.headers, fault.headers);
    } else if (fault?.kind === 'errorRate') {
      reply = faultReply(ctx, fault.status ?? 503);
    } else if (fault?.kind === 'rateLimit') {
      reply = {
        status: 429,
        headers: { 'Content-Type': 'text/html', ...(fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter }) },
        body: '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n</body>\r\n</html>\r\n',
      };
    } else if (fault?.kind === 'echoCredential') {
      reply = await echoCredentialReply(ctx, fault.status ?? 400);
    } else if (fault?.kind === 'html') {
      reply = { status: fault.status ?? 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html>\n<html><head><title>Welcome</title></head><body><h1>It works!</h1><p>This is not the API you are looking for.</p></body></html>\n' };
    } else {
      if (fault?.kind === 'pageEnvelope' && fault.ignorePage) ctx.query.set('page', '1');
      if (fault?.kind === 'failTask') ctx.failTask = fault;
      reply = await route(this.state(), ctx);
    }
    if (fault?.kind === 'pageEnvelope' && reply.status === 200 && reply.body !== undefined) {
      reply = { ...reply, body: rewriteEnvelope(Buffer.isBuffer(reply.body) ? reply.body.toString('utf8') : reply.body, fault) };
    }
    if (fault?.kind === 'largeBody') {
      const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body, 'utf8');
      reply = { ...reply, body: Buffer.concat([body, Buffer.alloc(Math.max(0, fault.bytes - body.length), 0x20)]) };
    }
    if (fault?.kind === 'malformedXml') {
      const text = typeof reply.body === 'string' && reply.body.length > 40 ? reply.body : '<?xml version="1.0" encoding="UTF-8"?>\n<QueryResultRecords xmlns="http://www.vmware.com/vcloud/v1.5" total="3"><VMRecord name="a"/><VMRecord name=';
      reply = { status: 200, headers: { 'Content-Type': `application/vnd.vmware.vcloud.query.records+xml;version=${ctx.version}` }, body: text.slice(0, Math.floor(text.length / 2)) + '<Broken attr="' };
    }
    this.send(res, reply, requestId, started, fault?.kind === 'slowBody' ? fault.bytesPerSecond : undefined);
  }

  private send(res: ServerResponse, reply: Reply, requestId: string, started: number, bytesPerSecond?: number): void {
    if (res.destroyed) return;
    const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body, 'utf8');
    res.statusCode = reply.status;
    for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
    res.setHeader('X-VMWARE-VCLOUD-REQUEST-ID', requestId);
    res.setHeader('X-VMWARE-VCLOUD-REQUEST-EXECUTION-TIME', String(Math.max(0, Math.round(performance.now() - started))));
    res.setHeader('Content-Length', String(body.length));
    res.setHeader('Cache-Control', 'no-store, must-revalidate');
    if (!bytesPerSecond) {
      res.end(body);
      return;
    }
    res.flushHeaders();
    const chunk = Math.max(1, Math.floor(bytesPerSecond / 10));
    let offset = 0;
    const tick = (): void => {
      if (res.destroyed || this.closed) return;
      const next = body.subarray(offset, offset + chunk);
      offset += next.length;
      if (offset >= body.length) {
        res.end(next);
        return;
      }
      res.write(next);
      const t = setTimeout(() => {
        this.timers.delete(t);
        tick();
      }, 100);
      this.timers.add(t);
    };
    tick();
  }

  async close(server: Server): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closing = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closing;
  }
}

function faultReply(ctx: Ctx, status: number): Reply {
  if (status === 401) return { status, headers: {} };
  const minor = MINOR[status] ?? 'INTERNAL_SERVER_ERROR';
  const message = status >= 500 ? 'The server is temporarily unable to handle the request.' : `Injected fault ${status}.`;
  if (ctx.path.startsWith('/api/')) return legacyError(ctx, status, minor, message);
  return cloudError(ctx, status, minor, message);
}

/** An error whose message repeats the credential the request presented (see Fault `echoCredential`). */
async function echoCredentialReply(ctx: Ctx, status: number): Promise<Reply> {
  const authorization = String(ctx.req.headers.authorization ?? '');
  let presented = authorization.replace(/^\S+\s+/, '');
  if (ctx.method === 'POST' && ctx.path.startsWith('/oauth/')) {
    const form = new URLSearchParams(await ctx.body().catch(() => ''));
    presented = form.get('refresh_token') ?? form.get('assertion') ?? presented;
  }
  const minor = MINOR[status] ?? 'BAD_REQUEST';
  const message = `The credential ${presented} is not valid for this request.`;
  if (ctx.path.startsWith('/api/')) return legacyError(ctx, status, minor, message);
  return cloudError(ctx, status, minor, message);
}

/** A page answer with the envelope values of a `pageEnvelope` fault, whatever they are. */
function rewriteEnvelope(body: string, fault: Extract<Fault, { kind: 'pageEnvelope' }>): string {
  const values: [string, number | undefined][] = [
    ['pageSize', fault.pageSize], ['total', fault.total], ['pageCount', fault.pageCount], ['resultTotal', fault.resultTotal],
  ];
  if (body.trimStart().startsWith('{')) {
    const page = JSON.parse(body) as Record<string, unknown>;
    for (const [name, value] of values) if (value !== undefined) page[name] = value;
    return JSON.stringify(page);
  }
  // XML: the attributes of the root element only.
  const end = body.indexOf('>', body.indexOf('<QueryResult'));
  if (end < 0) return body;
  let root = body.slice(0, end);
  for (const [name, value] of values) if (value !== undefined) root = root.replace(new RegExp(` ${name}="[^"]*"`), ` ${name}="${value}"`);
  return root + body.slice(end);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export type { Fault };
