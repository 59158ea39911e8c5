import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, OperationTypeNode, type ValidationRule } from 'graphql';
import { inputLimitsPlugin } from '@bakylau/platform/graphql/input-limits';
import { refusalStatusPlugin } from '@bakylau/platform/graphql/refusal-status';
import { createOperationLimits } from '@bakylau/platform/graphql/operation-limits';

/**
 * What the gateway refuses before planning: the operation limits every subgraph enforces too
 * (platform/src/graphql/operation-limits.ts), counted on the client's document; operations it
 * cannot run; and oversized or malformed string inputs.
 */
export function createArmor(production: boolean): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const limits = createOperationLimits({ production, site: 'gateway' });
  return {
    plugins: [...limits.plugins, operationGuard, inputLimitsPlugin<BaseContext>(), refusalStatusPlugin<BaseContext>()],
    validationRules: limits.validationRules,
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
