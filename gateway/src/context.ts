import type { IncomingMessage } from 'node:http';
import type { Principal } from '@bakylau/platform/auth/principal';
import type { TokenVerifier } from '@bakylau/platform/auth/jwt';
import type { RequestInfo } from '@bakylau/platform/http/graphql-http-server';
import type { Logger } from '@bakylau/platform/logging';

/**
 * Headers the gateway passes on to every subgraph fetch: the caller's token (each subgraph
 * verifies it again and never trusts the gateway), the request id and the W3C trace context.
 */
export const forwardedHeaders = ['authorization', 'x-request-id', 'traceparent', 'tracestate'] as const;

export type GatewayContext = {
  requestId: string;
  /** The verified caller, or null for an anonymous request (subgraphs decide what anonymous callers may do). */
  principal: Principal | null;
  forwardHeaders: Partial<Record<(typeof forwardedHeaders)[number], string>>;
  logger: Logger;
};

/**
 * Builds the per-request context: a present but invalid token is refused here with
 * UNAUTHENTICATED (HTTP 401), before any subgraph is called.
 */
export function createGatewayContext(verifier: TokenVerifier) {
  return async (req: IncomingMessage, info: RequestInfo): Promise<GatewayContext> => {
    const principal = await verifier.verify(req.headers.authorization);
    const forwardHeaders: GatewayContext['forwardHeaders'] = {};
    for (const name of forwardedHeaders) {
      const value = req.headers[name];
      if (typeof value === 'string' && value !== '') forwardHeaders[name] = value;
    }
    forwardHeaders['x-request-id'] = info.requestId;
    const logger = principal ? info.logger.child({ subject: principal.subject, role: principal.role }) : info.logger;
    return { requestId: info.requestId, principal, forwardHeaders, logger };
  };
}
