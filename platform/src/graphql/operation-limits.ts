import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Limits on what one operation may ask for (ARCHITECTURE.md, "Security"), the same at the gateway
 * and on every subgraph. Sized for the heaviest screens we know (a page of 100 appeals with
 * instructions, visits and audit trails is depth ~6 and cost ~1,500).
 */
export const operationLimits = { maxDepth: 12, maxAliases: 15, maxCost: 5000, maxTokens: 2000, maxDirectives: 50 } as const;

/**
 * Where the limits are counted:
 * - `gateway`: the client's document, as written.
 * - `subgraph`: the query planner's fetches. The planner wraps every entity fetch in an inline
 *   fragment (`_entities { ... on Appeal { … } }`) and adds `... on T` for abstract types, so
 *   fragments add no depth or cost there (graphql-armor's `flattenFragments`); it also inlines the
 *   client's fragments and adds key fields and `__typename`, so a fetch has several times the
 *   tokens of the operation it came from: the subgraph's token limit, which only bounds parsing,
 *   is ten times the gateway's. Counted so, no fetch of an operation the gateway accepted is
 *   deeper, has more aliases or (but for the added keys) costs more than that operation.
 */
export type OperationLimitsSite = 'gateway' | 'subgraph';

/**
 * graphql-armor's plugins and validation rules for an Apollo Server. Rejections surface as
 * GRAPHQL_VALIDATION_FAILED (HTTP 400) before anything executes; introspection queries are
 * exempt from the depth and cost limits.
 */
export function createOperationLimits(options: { production: boolean; site: OperationLimitsSite }): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
} {
  const flattenFragments = options.site === 'subgraph';
  const armor = new ApolloArmor({
    maxDepth: { n: operationLimits.maxDepth, flattenFragments },
    maxAliases: { n: operationLimits.maxAliases },
    costLimit: { maxCost: operationLimits.maxCost, flattenFragments },
    maxTokens: { n: options.site === 'subgraph' ? operationLimits.maxTokens * 10 : operationLimits.maxTokens },
    maxDirectives: { n: operationLimits.maxDirectives },
    // Field suggestions ("Did you mean ...?") reveal the schema; only hide them where introspection is off.
    blockFieldSuggestion: { enabled: options.production },
  }).protect();
  // graphql-armor's typings come from @apollo/server's CommonJS build and ours from its ESM
  // build; HeaderMap's private brand makes them nominally different, though identical at runtime.
  const armorPlugins = armor.plugins as unknown as ApolloServerPlugin[];
  return { plugins: armorPlugins.map(refusingWithBadRequest), validationRules: armor.validationRules };
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
