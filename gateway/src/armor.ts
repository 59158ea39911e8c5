import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, OperationTypeNode, type ValidationRule } from 'graphql';
import { inputLimitsPlugin } from '@bakylau/platform/graphql/input-limits';
import { refusalStatusPlugin } from '@bakylau/platform/graphql/refusal-status';

/**
 * Limits on what one operation may ask for (ARCHITECTURE.md, "Security"). Sized for the
 * heaviest screens we know (a page of 100 appeals with instructions, visits and audit trails is
 * depth ~6 and cost ~1,500); introspection queries are exempt from the depth limit.
 * Rejections surface as GRAPHQL_VALIDATION_FAILED (HTTP 400) before any subgraph is called.
 */
export function createArmor(production: boolean): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    costLimit: { maxCost: 5000 },
    maxTokens: { n: 2000 },
    maxDirectives: { n: 50 },
    // Field suggestions ("Did you mean ...?") reveal the schema; only hide them where introspection is off.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  // graphql-armor's typings come from @apollo/server's CommonJS build and ours from its ESM
  // build; HeaderMap's private brand makes them nominally different, though identical at runtime.
  const armorPlugins = armor.plugins as unknown as ApolloServerPlugin[];
  return {
    plugins: [...armorPlugins.map(refusingWithBadRequest), operationGuard, inputLimitsPlugin<BaseContext>(), refusalStatusPlugin<BaseContext>()],
    validationRules: armor.validationRules,
  };
}

const refusals = new WeakSet<Error>();

/**
 * graphql-armor's token limit parses the document in `parsingDidStart`, where Apollo answers any
 * error (a syntax error as much as the limit) with HTTP 500. Those are the client's mistakes: 400.
 */
function refusingWithBadRequest(plugin: ApolloServerPlugin): ApolloServerPlugin {
  const requestDidStart = plugin.requestDidStart?.bind(plugin);
  if (!requestDidStart) return plugin;
  const unexpected = plugin.unexpectedErrorProcessingRequest?.bind(plugin);
  return {
    ...plugin,
    // An error escaping parsingDidStart ends up here; graphql-armor's own hook would replace our
    // refusal with a status-less error (HTTP 500). Rethrown as is, Apollo answers with its status.
    async unexpectedErrorProcessingRequest(event) {
      if (refusals.has(event.error)) throw event.error;
      await unexpected?.(event);
    },
    async requestDidStart(requestContext) {
      const listener = await requestDidStart(requestContext);
      const parsingDidStart = listener?.parsingDidStart?.bind(listener);
      if (!listener || !parsingDidStart) return listener;
      const wrapped: GraphQLRequestListener<BaseContext> = Object.create(listener) as GraphQLRequestListener<BaseContext>;
      wrapped.parsingDidStart = async (context) => {
        try {
          return await parsingDidStart(context);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          // The token limit keeps the code of every other limit; anything else is a plain syntax error.
          const code = /token limit/i.test(message) ? 'GRAPHQL_VALIDATION_FAILED' : 'GRAPHQL_PARSE_FAILED';
          const refusal = new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
          refusals.add(refusal);
          throw refusal;
        }
      };
      return wrapped;
    },
  };
}

/**
 * Refuses, with 400 before planning, operations the gateway cannot run: a document with several
 * operations and no (or an unknown) operationName, and subscriptions (the supergraph has none).
 * Left to the gateway's executor they become HTTP 500 INTERNAL_SERVER_ERROR.
 */
const operationGuard: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (!operation) {
          throw new GraphQLError(
            request.operationName
              ? `Unknown operation named "${request.operationName}".`
              : 'Must provide operation name if query contains multiple operations.',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        }
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          throw new GraphQLError('Subscriptions are not supported: the graph has no subscription type', {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
        }
      },
    };
  },
};
