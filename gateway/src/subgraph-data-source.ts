import { isAnyRealmError } from '@bakylau/platform/any-realm-error';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayProof } from '@bakylau/platform/auth/gateway-proof';
import type { GatewayContext } from './context.ts';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/**
 * Sends the gateway's subgraph requests with the caller's forwarded headers and the gateway's
 * proof (platform/src/auth/gateway-proof.ts), without which a production subgraph answers 403.
 *
 * Fetcher: Node 24's built-in fetch (undici), whose global dispatcher keeps connections alive
 * and pools them per origin, so a burst of queries reuses a few sockets per subgraph instead of
 * a TCP handshake per fetch. (Apollo's default, make-fetch-happen, adds an HTTP cache we don't
 * want between gateway and subgraphs.)
 *
 * A subgraph that cannot be reached (down, restarting, closing its connections) does not fail
 * the whole operation: its part answers with a SERVICE_UNAVAILABLE error naming the subgraph
 * (`extensions.serviceName`), its fields come back null, and the other subgraphs' data still comes back.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly serviceName: string;
  readonly #proof: GatewayProof | null;

  constructor(url: string, serviceName = 'subgraph', proof: GatewayProof | null = null) {
    super({ url, fetcher: fetch });
    this.serviceName = serviceName;
    this.#proof = proof;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Health checks and schema loading run without a request context.
    const forward = (options.context as Partial<GatewayContext>).forwardHeaders ?? {};
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const [name, value] of Object.entries(forward)) {
      if (value) headers.set(name, value);
    }
    // Set last, on every call (health checks too): nothing a client sends can stand in for it.
    for (const [name, value] of Object.entries(this.#proof?.headers() ?? {})) headers.set(name, value);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      // A subgraph refusing a request with a 4xx (say, BAD_USER_INPUT for a variable its scalar
      // rejects) still answers in GraphQL: pass its errors on with their codes, not "400: Bad Request".
      const answered = graphQLErrorsOf(error);
      if (answered) return { errors: answered };
      if (!isUnreachable(error)) throw error;
      // Returned (not thrown): the gateway then reports it as this subgraph's error, with its serviceName.
      return {
        errors: [{ message: `The ${this.serviceName} service is unavailable; try again later`, extensions: { code: 'SERVICE_UNAVAILABLE' } }],
      };
    }
  }
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * A network failure of the fetch (undici's `TypeError: fetch failed` and its cause), not an answer.
 * Native errors are recognised by `isAnyRealmError`, not `instanceof`: undici's errors belong to Node's
 * realm, which is not the caller's in a vm context (jest's).
 */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (!isAnyRealmError(error) || depth > 4) return false;
  const { code, errors } = error as Error & { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && unreachableCodes.has(code)) return true;
  if (Array.isArray(errors) && errors.some((e) => isUnreachable(e, depth + 1))) return true;
  return isUnreachable(error.cause, depth + 1);
}

type SubgraphError = { message: string; extensions?: Record<string, unknown> };

/** The GraphQL errors in the body of a non-2xx subgraph answer (RemoteGraphQLDataSource.errorFromResponse), when it carries errors. */
export function graphQLErrorsOf(error: unknown): SubgraphError[] | null {
  // Duck-typed: @apollo/gateway throws the CommonJS build's GraphQLError, not the ESM one we import.
  if (!(error instanceof Error) || !('extensions' in error)) return null;
  const response = (error.extensions as { response?: { status?: unknown; body?: unknown } } | undefined)?.response;
  const status = typeof response?.status === 'number' ? response.status : 0;
  if (status < 400) return null;
  const errors = (response?.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const valid = errors.filter((e): e is SubgraphError => typeof (e as { message?: unknown }).message === 'string');
  return valid.length === errors.length ? valid : null;
}
