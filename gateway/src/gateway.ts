import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { createGatewayProof, type GatewayProof } from '@bakylau/platform/auth/gateway-proof';
import { createConfiguredTokenVerifier } from '@bakylau/platform/auth/jwt';
import { createErrorFormatter } from '@bakylau/platform/errors';
import { apolloLogger } from '@bakylau/platform/http/apollo-logger';
import { startGraphQLHttpServer, type RunningGraphQLHttpServer } from '@bakylau/platform/http/graphql-http-server';
import { createLogger, type Logger } from '@bakylau/platform/logging';
import { createArmor } from './armor.ts';
import type { GatewayConfig } from './config.ts';
import { createGatewayContext, type GatewayContext } from './context.ts';
import { baseUrlOf, createRouteProxy, routingUrlOf } from './route-proxy.ts';
import { ForwardingDataSource } from './subgraph-data-source.ts';

export type RunningGateway = RunningGraphQLHttpServer;

/**
 * Builds and starts the gateway: verifies callers' JWTs, enforces operation limits, plans
 * queries over the committed supergraph and serves it at /graphql with health and metrics.
 */
export async function createGateway(config: GatewayConfig, options: { logger?: Logger; supergraphSdl?: string } = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger({ service: 'gateway', level: config.logLevel });
  const supergraphSdl = options.supergraphSdl ?? readSupergraph(config.supergraphPath);
  const verifier = createConfiguredTokenVerifier({ ...config.jwt, production: config.production });
  const proof = config.gatewayProofKeys ? createGatewayProof(config.gatewayProofKeys) : null;

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: apolloLogger(logger),
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name] ?? url;
      if (!target) throw new Error(`Subgraph ${name} has no URL in the supergraph and no SUBGRAPH_${name.toUpperCase()}_URL`);
      return new ForwardingDataSource(target, name, proof);
    },
  });

  const armor = createArmor(config.production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger(logger),
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    // main() owns shutdown (drain HTTP first); Apollo's own SIGTERM handler would re-raise the signal.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      config.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
    formatError: createErrorFormatter({
      includeStacktrace: !config.production,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error at the gateway'),
    }),
  });

  return startGraphQLHttpServer<GatewayContext>({
    apollo,
    port: config.port,
    host: config.host,
    metrics: config.metrics,
    logger,
    service: 'gateway',
    bodyLimitBytes: config.bodyLimitBytes,
    context: createGatewayContext(verifier),
    // The gateway is ready once the supergraph is loaded (startGraphQLHttpServer awaited that);
    // it doesn't fail readiness for a subgraph outage: queries touching other subgraphs still work.
    readiness: async () => ({ ok: true, checks: { supergraph: true } }),
    routes: appealsRoutes(config, supergraphSdl, proof),
  });
}

/** The error body of the Open311 GeoReport v2 spec, which Open311 clients read. */
const open311Error = (status: number, _code: string, message: string) => [{ code: status, description: message }];
/** The shape of every other error the platform answers outside GraphQL. */
const platformError = (_status: number, code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * The appeals subgraph's plain GET routes, at the gateway's origin: the public Open311 API and
 * document downloads (signed links). The target is SUBGRAPH_APPEALS_URL or the supergraph's
 * routing URL, without `/graphql`; with neither, the routes are absent (404).
 */
function appealsRoutes(config: GatewayConfig, supergraphSdl: string, proof: GatewayProof | null) {
  const graphqlUrl = config.subgraphUrls['appeals'] ?? routingUrlOf(supergraphSdl, 'appeals');
  if (!graphqlUrl) return [];
  return createRouteProxy({
    prefixes: [
      { prefix: '/open311/', errorBody: open311Error },
      { prefix: '/documents/', errorBody: platformError },
    ],
    upstream: baseUrlOf(graphqlUrl),
    serviceName: 'appeals',
    proof,
    ...config.routeProxy,
  });
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`The supergraph ${path} does not exist: run \`npm run compose\``, { cause: error });
    }
    throw error;
  }
}
