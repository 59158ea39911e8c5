import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import { createErrorFormatter } from './errors.ts';
import { inputLimitsPlugin } from './graphql/input-limits.ts';
import { refusalStatusPlugin } from './graphql/refusal-status.ts';
import { createOperationLimits } from './graphql/operation-limits.ts';
import { apolloLogger } from './http/apollo-logger.ts';
import type { Logger } from './logging.ts';

export type { GraphQLResolverMap };

export type SubgraphServerOptions<TContext extends BaseContext> = {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  logger: Logger;
  production: boolean;
};

/**
 * The Apollo Server every subgraph runs: a federation schema, errors that keep their domain code
 * and lose their stack in production, the gateway's operation limits, and no landing page, since
 * people use the gateway, not subgraphs. Introspection only outside production: the gateway plans
 * over the committed supergraph and `npm run compose` reads the SDL files, so nothing needs it
 * there (`_service { sdl }` is an ordinary field, behind the gateway's proof like every other).
 * Serve it with startGraphQLHttpServer (platform/src/http/graphql-http-server.ts).
 */
export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>): ApolloServer<TContext> {
  const { logger } = options;
  const limits = createOperationLimits({ production: options.production, site: 'subgraph' });
  return new ApolloServer<TContext>({
    schema: buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
    introspection: !options.production,
    validationRules: limits.validationRules,
    // main() owns shutdown (drain HTTP first); Apollo's own SIGTERM handler would re-raise the signal.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !options.production,
    formatError: createErrorFormatter({
      includeStacktrace: !options.production,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error in a resolver'),
    }),
    logger: apolloLogger(logger),
    // Oversized or malformed strings (NUL, controls, bidi overrides) are refused before any resolver
    // runs; a use case's BAD_USER_INPUT refusal gets the same HTTP 400 as those.
    plugins: [ApolloServerPluginLandingPageDisabled(), ...limits.plugins, inputLimitsPlugin<TContext>(), refusalStatusPlugin<TContext>()],
  });
}
