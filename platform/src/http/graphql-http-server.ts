import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { metrics, register } from '../metrics.ts';

export type ReadinessReport = { ok: boolean; checks: Record<string, boolean> };

/** What the server knows about a request before the service builds its GraphQL context. */
export type RequestInfo = { requestId: string; logger: Logger };

/** What a plain HTTP route gets: the parsed URL and the request's own id and logger. */
export type HttpRouteRequest = {
  req: IncomingMessage;
  path: string;
  query: URLSearchParams;
  requestId: string;
  logger: Logger;
};

export type HttpRouteResponse = { status: number; headers?: Record<string, string>; body: string | Uint8Array };

/**
 * A read-only HTTP endpoint beside /graphql (a downloadable document, a public REST API). GET and
 * HEAD only; a DomainError thrown by `handle` becomes a JSON error with its code and fitting status.
 */
export type HttpRoute = {
  /** Every path starting with this prefix is routed here, e.g. `/open311/v2/`. */
  prefix: string;
  handle(request: HttpRouteRequest): Promise<HttpRouteResponse>;
};

export type GraphQLHttpServerOptions<TContext extends BaseContext> = {
  /** Not yet started: this function starts it, and stop() stops it. */
  apollo: ApolloServer<TContext>;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /**
   * Where /metrics is served: a listener of its own, so the public port (the gateway's, clients')
   * never shows the process's metrics; 0 picks a free port (tests).
   */
  metrics: { port: number; host: string };
  /**
   * Builds the per-request context. A DomainError thrown here (say, UNAUTHENTICATED for a bad
   * token) reaches the client with its code and a matching HTTP status.
   */
  context: (req: IncomingMessage, info: RequestInfo) => Promise<TContext>;
  readiness: () => Promise<ReadinessReport>;
  /**
   * Whether a request may be served at all (a subgraph: does it carry the gateway's proof?).
   * Asked for /graphql and the routes, not for /health/*, which orchestrators probe without it;
   * a refused request gets 403 FORBIDDEN before its body is read. Absent: everything is admitted.
   */
  admits?: (req: IncomingMessage) => boolean;
  logger: Logger;
  /** Largest accepted request body; larger ones get 413 without being buffered. */
  bodyLimitBytes: number;
  /** The `service` label of the HTTP metrics; defaults to the logger's `service` binding. */
  service?: string;
  /** How long stop() waits for in-flight requests before cutting connections. */
  shutdownGraceMs?: number;
  routes?: readonly HttpRoute[];
};

export type RunningGraphQLHttpServer = {
  url: string;
  port: number;
  /** The address it listens on, as the socket reports it (127.0.0.1 for loopback only). */
  listenAddress: string;
  /** Prometheus's scrape URL, on the metrics listener. */
  metricsUrl: string;
  /** Stops accepting, drains in-flight requests, then stops Apollo (and its gateway). Idempotent. */
  stop(): Promise<void>;
};

/** Answered whatever `admits` says: liveness and readiness probes carry no credentials. */
const openPaths = new Set(['/health/live', '/health/ready']);
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;
const jsonMediaType = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * A small node:http front for Apollo Server 5 through its documented integration API
 * (`executeHTTPGraphQLRequest`), plus the operational endpoints every service exposes:
 * /health/live, /health/ready and /metrics. Apollo's CSRF prevention stays on (it is enforced
 * inside executeHTTPGraphQLRequest).
 */
export async function startGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpServerOptions<TContext>): Promise<RunningGraphQLHttpServer> {
  const { apollo, logger, bodyLimitBytes } = options;
  const service = options.service ?? String(logger.bindings()['service'] ?? 'unknown');
  const duration = metrics.httpDuration();
  let inFlight = 0;
  let stopping: Promise<void> | null = null;

  await apollo.start();

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = pickRequestId(req.headers['x-request-id']);
    // Downstream code (the gateway's data sources, loggers) reads it from the headers too.
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    if (stopping) res.setHeader('connection', 'close');
    const requestLogger = logger.child({ requestId });
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const route = routeOf(path);
    inFlight++;
    res.on('close', () => {
      inFlight--;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ service, route, status: String(res.statusCode) }, seconds);
      const entry = { method: req.method, path, status: res.statusCode, durationMs: Math.round(seconds * 1000) };
      if (route === 'graphql') requestLogger.info(entry, 'request completed');
      else requestLogger.debug(entry, 'request completed');
      // While stopping, a connection that just finished its last request is idle: close it now.
      if (stopping) server.closeIdleConnections();
    });
    handle(req, res, path, requestId, requestLogger).catch((error: unknown) => {
      requestLogger.error({ err: error }, 'unhandled error while serving a request');
      if (!res.headersSent) sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  // Requests Node's parser refuses before any handler runs (headers over 16 KB, malformed request
  // lines) get the same JSON error shape as every other refusal, not an empty body.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const text = JSON.stringify({
      errors: [{ message: `The request could not be read: ${STATUS_CODES[status] ?? 'Bad Request'}`, extensions: { code: 'BAD_REQUEST' } }],
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string, requestId: string, requestLogger: Logger): Promise<void> {
    if (options.admits && !openPaths.has(path) && !options.admits(req)) {
      requestLogger.warn({ method: req.method, path }, 'request refused: not admitted');
      // The body is not read: close the connection rather than leave it to be drained.
      res.setHeader('connection', 'close');
      sendJsonError(res, 403, ErrorCode.FORBIDDEN, 'This service answers only the gateway');
      return;
    }
    switch (path) {
      case '/graphql':
        return serveGraphQL(req, res, requestId, requestLogger);
      case '/health/live':
        sendJson(res, 200, { status: 'ok' });
        return;
      case '/health/ready': {
        let report: ReadinessReport;
        try {
          report = stopping ? { ok: false, checks: { stopping: false } } : await options.readiness();
        } catch (error) {
          requestLogger.warn({ err: error }, 'readiness check threw');
          report = { ok: false, checks: {} };
        }
        sendJson(res, report.ok ? 200 : 503, { status: report.ok ? 'ok' : 'unavailable', checks: report.checks });
        return;
      }
      default: {
        const route = options.routes?.find((candidate) => path.startsWith(candidate.prefix));
        if (!route) {
          sendJsonError(res, 404, 'NOT_FOUND', `No route for ${path}`);
          return;
        }
        return serveRoute(route, req, res, path, requestId, requestLogger);
      }
    }
  }

  async function serveRoute(
    route: HttpRoute,
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    requestId: string,
    requestLogger: Logger,
  ): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJsonError(res, 405, 'BAD_REQUEST', `${req.method ?? 'This method'} is not allowed here`);
      return;
    }
    const url = req.url ?? '';
    const queryStart = url.indexOf('?');
    let response: HttpRouteResponse;
    try {
      response = await route.handle({
        req,
        path,
        query: new URLSearchParams(queryStart >= 0 ? url.slice(queryStart + 1) : ''),
        requestId,
        logger: requestLogger,
      });
    } catch (error) {
      if (error instanceof DomainError) {
        sendJsonError(res, routeStatusByCode[error.code] ?? 500, error.code, error.message);
        return;
      }
      requestLogger.error({ err: error, path }, 'route failed');
      sendJsonError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
      return;
    }
    const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string, requestLogger: Logger): Promise<void> {
    let body: unknown = undefined;
    if (req.method === 'POST') {
      const read = await readBody(req, bodyLimitBytes);
      if (!read.ok && read.reason === 'too-large') {
        // Closing the connection stops the client's upload instead of reading it to the end.
        res.setHeader('connection', 'close');
        sendJsonError(res, 413, 'BAD_REQUEST', `Request body is larger than ${bodyLimitBytes} bytes`);
        return;
      }
      if (!read.ok) {
        sendJsonError(res, 400, ErrorCode.BAD_USER_INPUT, 'Request body is not valid UTF-8 text');
        return;
      }
      const contentType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim() ?? '';
      if (jsonMediaType.test(contentType) && read.text.trim() !== '') {
        try {
          body = JSON.parse(read.text);
        } catch {
          sendJsonError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
          return;
        }
      } else {
        // Apollo answers non-JSON bodies itself (CSRF prevention, "POST body missing").
        body = read.text === '' ? undefined : read.text;
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const queryStart = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: queryStart >= 0 ? url.slice(queryStart) : '',
        body,
      },
      context: async () => {
        try {
          return await options.context(req, { requestId, logger: requestLogger });
        } catch (error) {
          throw contextError(error);
        }
      },
    });
    await writeApolloResponse(res, response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address: listenAddress } = server.address() as AddressInfo;
  const metricsServer = await startMetricsServer(options.metrics, logger);
  const metricsAddress = metricsServer.address() as AddressInfo;
  const metricsUrl = `http://${options.metrics.host === '0.0.0.0' ? 'localhost' : options.metrics.host}:${metricsAddress.port}/metrics`;
  const displayHost = !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${displayHost}:${port}/graphql`;

  async function drain(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = setTimeout(() => {
      logger.warn({ inFlight }, 'shutdown grace period over; closing remaining connections');
      server.closeAllConnections();
    }, options.shutdownGraceMs ?? 10_000);
    grace.unref();
    await closed;
    clearTimeout(grace);
    await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
    await apollo.stop();
  }

  return {
    url,
    port,
    listenAddress,
    metricsUrl,
    stop() {
      stopping ??= drain();
      return stopping;
    },
  };
}

/** GET /metrics: the process-wide registry of platform/src/metrics.ts (HTTP, outbox, consumers); nothing else. */
async function startMetricsServer(listen: { port: number; host: string }, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://metrics').pathname;
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      sendJsonError(res, 404, 'NOT_FOUND', `No route for ${path}`);
      return;
    }
    register.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': register.contentType });
        res.end(text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'collecting metrics failed');
        sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Metrics could not be collected');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function pickRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && requestIdPattern.test(value) ? value : randomUUID();
}

function routeOf(path: string): string {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/health/')) return 'health';
  if (path === '/metrics') return 'metrics';
  return 'other';
}

type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'not-utf8' };

/**
 * Reads the body as UTF-8, refusing (without buffering the rest) once it passes `limit` bytes.
 * Bytes that are not UTF-8 are refused, not replaced by U+FFFD: a name or a text with its letters
 * silently turned into question marks would be stored as if the sender had written them.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: 'too-large' };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return { ok: false, reason: 'too-large' };
    chunks.push(buffer);
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, reason: 'not-utf8' };
  }
}

const statusByCode: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

const routeStatusByCode: Partial<Record<string, number>> = {
  ...statusByCode,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

/**
 * Apollo answers a throwing context function with status 500 unless the GraphQLError names
 * another; a DomainError keeps its code (the error formatter reads originalError) and gets the
 * fitting status, e.g. 401 with WWW-Authenticate for a bad token.
 */
function contextError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const status = statusByCode[error.code] ?? 500;
  const headers = new HeaderMap();
  if (status === 401) headers.set('www-authenticate', 'Bearer');
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, http: { status, headers } },
  });
}

async function writeApolloResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  // Incremental delivery (@defer): write parts as Apollo produces them.
  for await (const chunk of response.body.asyncIterator) {
    if (res.destroyed) break;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Errors the server itself produces use the GraphQL response shape, with no stack trace. */
function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}
