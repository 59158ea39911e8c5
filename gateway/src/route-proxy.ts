import { Kind, parse } from 'graphql';
import type { GatewayProof } from '@bakylau/platform/auth/gateway-proof';
import type { HttpRoute, HttpRouteResponse } from '@bakylau/platform/http/graphql-http-server';
import type { Logger } from '@bakylau/platform/logging';
import { forwardedHeaders } from './context.ts';
import { isUnreachable } from './subgraph-data-source.ts';

/** A path prefix the gateway passes on to a subgraph, with the error shape its clients read. */
export type ProxiedPrefix = {
  prefix: string;
  /** The body of an error the gateway itself answers (the subgraph down, slow or too large). */
  errorBody: (status: number, code: string, message: string) => unknown;
};

export type RouteProxyOptions = {
  prefixes: readonly ProxiedPrefix[];
  /** The subgraph's base URL, without `/graphql`, e.g. http://appeals:4001. */
  upstream: string;
  serviceName: string;
  /** The gateway's proof, sent with every proxied request (a production subgraph refuses requests without it). */
  proof: GatewayProof | null;
  timeoutMs: number;
  /** Answers are buffered (documents and pages are small); larger ones are refused with 502. */
  maxBodyBytes: number;
};

/** Headers of the subgraph's answer the client needs; hop-by-hop and length headers are the gateway's own. */
const copiedHeaders = ['content-type', 'content-disposition', 'cache-control', 'access-control-allow-origin', 'allow', 'www-authenticate'] as const;

/** The routing URL the supergraph holds for a subgraph (its `@join__graph`), or null. */
export function routingUrlOf(supergraphSdl: string, subgraph: string): string | null {
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const argument = (name: string) => {
        const node = directive?.arguments?.find((a) => a.name.value === name)?.value;
        return node?.kind === Kind.STRING ? node.value : null;
      };
      if (argument('name') === subgraph) return argument('url');
    }
  }
  return null;
}

/** A subgraph's base URL from its GraphQL endpoint: `http://appeals:4001/graphql` → `http://appeals:4001`. */
export function baseUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  return `${url.origin}${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/+$/, '')}`;
}

async function readCapped(response: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Plain GET routes of a subgraph (Open311, document downloads) reached through the gateway, so
 * clients know one origin. The caller's token, request id and trace context go along; the
 * subgraph verifies the token itself. A subgraph that is down answers 503, one that is too slow
 * 504, never a stack trace.
 */
export function createRouteProxy(options: RouteProxyOptions): HttpRoute[] {
  const upstream = new URL(options.upstream);
  const basePath = upstream.pathname.replace(/\/+$/, '');
  return options.prefixes.map(({ prefix, errorBody }) => {
    const refuse = (status: number, code: string, message: string): HttpRouteResponse => ({
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify(errorBody(status, code, message)),
    });
    const failed = (error: unknown, path: string, logger: Logger): HttpRouteResponse => {
      // AbortSignal.timeout() rejects with a DOMException named TimeoutError; matched by name, since a
      // DOMException of another realm (a test's vm context) is no instance of this realm's Error.
      if (typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError') {
        logger.warn({ path, timeoutMs: options.timeoutMs }, `${options.serviceName} did not answer in time`);
        return refuse(504, 'SERVICE_UNAVAILABLE', `The ${options.serviceName} service did not answer in time; try again later`);
      }
      if (isUnreachable(error)) logger.warn({ err: error, path }, `${options.serviceName} is unreachable`);
      else logger.error({ err: error, path }, `proxying to ${options.serviceName} failed`);
      return refuse(503, 'SERVICE_UNAVAILABLE', `The ${options.serviceName} service is unavailable; try again later`);
    };
    return {
      prefix,
      async handle({ req, requestId, logger }) {
        const target = new URL(`${upstream.origin}${basePath}${req.url ?? '/'}`);
        // URL resolves dot segments (also %2e%2e): `/open311/../graphql` must not reach the subgraph's /graphql.
        if (!target.pathname.startsWith(`${basePath}${prefix}`)) return refuse(404, 'NOT_FOUND', `No route for ${target.pathname.slice(basePath.length)}`);
        const headers: Record<string, string> = {};
        for (const name of forwardedHeaders) {
          const value = req.headers[name];
          if (typeof value === 'string' && value !== '') headers[name] = value;
        }
        headers['x-request-id'] = requestId;
        Object.assign(headers, options.proof?.headers());
        let response: Response;
        try {
          // HEAD goes up as GET: the gateway announces the length of the body it holds.
          response = await fetch(target, { method: 'GET', headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
        } catch (error) {
          return failed(error, target.pathname, logger);
        }
        let body: Uint8Array | null;
        try {
          body = await readCapped(response, options.maxBodyBytes);
        } catch (error) {
          // The subgraph went away, or stalled past the timeout, in the middle of its answer.
          return failed(error, target.pathname, logger);
        }
        if (!body) {
          logger.error({ path: target.pathname, limit: options.maxBodyBytes }, `${options.serviceName} answered more than the proxy buffers`);
          return refuse(502, 'INTERNAL_SERVER_ERROR', 'The answer is too large');
        }
        const copied: Record<string, string> = {};
        for (const name of copiedHeaders) {
          const value = response.headers.get(name);
          if (value !== null) copied[name] = value;
        }
        return { status: response.status, headers: copied, body };
      },
    };
  });
}
