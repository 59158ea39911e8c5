import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '../errors.ts';

type ResultShape = { data?: Record<string, unknown> | null; errors?: readonly { extensions?: Record<string, unknown> }[] };

/**
 * The HTTP status of a refusal of the caller's input, whichever layer refused it: Apollo's variable
 * coercion and our input limits answer BAD_USER_INPUT with 400, a use case's DomainError would
 * come back with 200 inside a result. The rule: a result whose errors are all BAD_USER_INPUT and
 * that carries no data (none, or only null top-level fields) is a refusal, 400. Anything with data
 * stays 200 (a partial result is an answer); null when the rule does not apply.
 */
export function refusalStatus(result: ResultShape): number | null {
  const errors = result.errors ?? [];
  if (errors.length === 0 || !errors.every((error) => error.extensions?.['code'] === ErrorCode.BAD_USER_INPUT)) return null;
  const data = result.data;
  const noData = data === undefined || data === null || Object.values(data).every((value) => value === null);
  return noData ? 400 : null;
}

/**
 * Applies refusalStatus to every single (non-incremental) response. Used by every subgraph and the
 * gateway, so a client sees the same status for the same refusal whether a subgraph's use case or
 * the gateway's limits produced it.
 */
export function refusalStatusPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const status = refusalStatus(response.body.singleResult);
          if (status !== null) response.http.status = status;
        },
      };
    },
  };
}
