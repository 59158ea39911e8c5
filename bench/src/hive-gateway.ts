// The peer gateway of the comparison, run as its own process like ours: Hive Gateway's runtime
// (@graphql-hive/gateway-runtime, the engine the `hive-gateway` CLI of @graphql-hive/gateway
// serves) over the same committed supergraph, with the routing URLs replaced by the running
// subgraphs' (SUBGRAPH_<NAME>_URL, as our gateway reads them) and the caller's Authorization
// header forwarded to every subgraph, which verifies the JWT itself; like ours, it sends the
// gateway's proof (platform/src/auth/gateway-proof.ts), without which the subgraphs refuse it.
//
// Environment: PORT, SUPERGRAPH_PATH, SUBGRAPH_<NAME>_URL, GATEWAY_PROOF_KEYS. Health: /healthcheck, /readiness.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { createGatewayProof, gatewayProofKeysSchema } from '@bakylau/platform/auth/gateway-proof';

/**
 * The peer is loaded through a computed specifier so its type declarations stay out of the
 * project's single type-checked program: they augment global fetch and GraphQL error types
 * and would break our own code's types. This is the slice of its API the bench uses.
 */
type HiveRuntime = RequestListener & { dispose(): Promise<void> | void };
type HiveModule = {
  createGatewayRuntime: (options: {
    supergraph: string;
    transportEntries: Record<string, { location: string }>;
    propagateHeaders: { fromClientToSubgraphs: (input: { request: Request }) => Record<string, string | null> };
    logging: string;
    graphiql: boolean;
    landingPage: boolean;
    maskedErrors: boolean;
  }) => HiveRuntime;
};
const hivePackage: string = '@graphql-hive/gateway-runtime';
const { createGatewayRuntime } = (await import(hivePackage)) as HiveModule;

const supergraphPath = process.env['SUPERGRAPH_PATH'];
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH is required');

const proofHeaders = createGatewayProof(gatewayProofKeysSchema.parse(process.env['GATEWAY_PROOF_KEYS'] ?? '')).headers();

const transportEntries: Record<string, { location: string }> = {};
for (const [variable, value] of Object.entries(process.env)) {
  const name = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(variable)?.[1];
  if (name && value) transportEntries[name.toLowerCase()] = { location: value };
}

const gateway = createGatewayRuntime({
  supergraph: readFileSync(supergraphPath, 'utf8'),
  transportEntries,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization'),
      'x-request-id': request.headers.get('x-request-id'),
      traceparent: request.headers.get('traceparent'),
      ...proofHeaders,
    }),
  },
  // Like ours under LOG_LEVEL=warn: no per-request log lines.
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  // Subgraph errors reach the client as they are (ours does that outside production too).
  maskedErrors: false,
});

const server = createServer(gateway);
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  console.log(`hive gateway ready on port ${(server.address() as AddressInfo).port}`);
});

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
