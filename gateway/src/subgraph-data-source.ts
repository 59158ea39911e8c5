import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.ts';

/**
 * Sends the gateway's subgraph requests with the caller's forwarded headers.
 *
 * Fetcher: Node 24's built-in fetch (undici), whose global dispatcher keeps connections alive
 * and pools them per origin, so a burst of queries reuses a few sockets per subgraph instead of
 * a TCP handshake per fetch. (Apollo's default, make-fetch-happen, adds an HTTP cache we don't
 * want between gateway and subgraphs.)
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string) {
    super({ url, fetcher: fetch });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Health checks and schema loading run without a request context.
    const forward: Record<string, string | undefined> = 'forwardHeaders' in options.context ? options.context.forwardHeaders : {};
    const headers = options.request.http?.headers;
    if (!headers) return;
    for (const [name, value] of Object.entries(forward)) {
      if (value) headers.set(name, value);
    }
  }
}
