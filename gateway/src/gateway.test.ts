import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import type { Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A dependency of @apollo/gateway; the real supergraph comes from schema/src/compose.ts.
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadOrCreateDevKeyPair, mintToken } from '@bakylau/platform/auth/dev-keys';
import { createGatewayProof, gatewayProofHeader } from '@bakylau/platform/auth/gateway-proof';
import { createTokenVerifier } from '@bakylau/platform/auth/jwt';
import type { Principal } from '@bakylau/platform/auth/principal';
import { startGraphQLHttpServer, type RunningGraphQLHttpServer } from '@bakylau/platform/http/graphql-http-server';
import { createLogger } from '@bakylau/platform/logging';
import { createSubgraphServer } from '@bakylau/platform/subgraph';
import { loadGatewayConfig } from './config.ts';
import { createGateway, type RunningGateway } from './gateway.ts';

const logger = createLogger({ service: 'gateway-test', level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'bakylau-gateway-'));
const keys = loadOrCreateDevKeyPair(join(dir, 'keys'));
const jwt = { issuer: 'bakylau-test', audience: 'bakylau' };
const verifier = createTokenVerifier({ ...jwt, publicKeyPem: keys.publicKeyPem });
// Rotation under way: the gateways send the new key, the subgraphs still accept the old one too.
const proofKeys = { gateway: 'gateway-test-proof-key-new-0123456789', old: 'gateway-test-proof-key-old-0123456789' };
const subgraphProof = createGatewayProof([proofKeys.old, proofKeys.gateway]);

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
/** Owns Thing. */
const thingsSdl = `${link}
type Query { thing(id: ID!): Thing }
type Thing @key(fields: "id") { id: ID! name: String! related: Thing }`;
/** Extends Thing with fields that echo what the subgraph received. */
const extrasSdl = `${link}
type Thing @key(fields: "id") { id: ID! viewer: String requestId: String! traceparent: String }`;

type SubgraphContext = { principal: Principal | null; requestId: string; traceparent: string | undefined };

const subgraphs: RunningGraphQLHttpServer[] = [];
const extrasSockets = new Set<Socket>();
let gateway: RunningGateway;
let production: RunningGateway;

async function startSubgraph(typeDefs: string, resolvers: Parameters<typeof createSubgraphServer<SubgraphContext>>[0]['resolvers'], sockets?: Set<Socket>) {
  const server = await startGraphQLHttpServer<SubgraphContext>({
    apollo: createSubgraphServer<SubgraphContext>({ typeDefs: parse(typeDefs), resolvers, logger, production: false }),
    port: 0,
    host: '127.0.0.1',
    metrics: { port: 0, host: '127.0.0.1' },
    logger,
    bodyLimitBytes: 1 << 20,
    readiness: async () => ({ ok: true, checks: {} }),
    // Like a production subgraph: nothing but the gateway is served.
    admits: (req) => subgraphProof.admits(req.headers),
    // Like every subgraph: verify the forwarded token again, trust no bare header.
    context: async (req, { requestId }) => {
      sockets?.add(req.socket);
      return {
        principal: await verifier.verify(req.headers.authorization),
        requestId,
        traceparent: typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined,
      };
    },
  });
  subgraphs.push(server);
  return server;
}

beforeAll(async () => {
  const things = await startSubgraph(thingsSdl, {
    Query: { thing: (_: unknown, args: { id: string }) => ({ id: args.id }) },
    Thing: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      name: (thing: { id: string }) => `Thing ${thing.id}`,
      related: (thing: { id: string }) => ({ id: `${thing.id}+` }),
    },
  });
  const extras = await startSubgraph(
    extrasSdl,
    {
      Thing: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        viewer: (_: unknown, __: unknown, ctx: SubgraphContext) => ctx.principal?.subject ?? null,
        requestId: (_: unknown, __: unknown, ctx: SubgraphContext) => ctx.requestId,
        traceparent: (_: unknown, __: unknown, ctx: SubgraphContext) => ctx.traceparent ?? null,
      },
    },
    extrasSockets,
  );

  // The supergraph names a dead URL for "extras"; SUBGRAPH_EXTRAS_URL must win.
  const composed = composeServices([
    { name: 'things', url: things.url.replace('localhost', '127.0.0.1'), typeDefs: parse(thingsSdl) },
    { name: 'extras', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(extrasSdl) },
  ]);
  assert.ok(composed.supergraphSdl, composed.errors?.map((e) => e.message).join('\n'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);

  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_EXTRAS_URL: `http://127.0.0.1:${extras.port}/graphql`,
    JWT_ISSUER: jwt.issuer,
    JWT_AUDIENCE: jwt.audience,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    GATEWAY_PROOF_KEYS: `${proofKeys.gateway},${proofKeys.old}`,
  };
  gateway = await createGateway(loadGatewayConfig(env), { logger });
  production = await createGateway(loadGatewayConfig({ ...env, NODE_ENV: 'production' }), { logger });
  // The subgraphs accept the old key; the gateways send the new one, so no test passes on the old alone.
  assert.notEqual(env.GATEWAY_PROOF_KEYS.split(',')[0], proofKeys.old);
});

afterAll(async () => {
  await Promise.all([gateway?.stop(), production?.stop()]);
  await Promise.all(subgraphs.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

type GraphQLBody = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };

async function query(target: RunningGateway, text: string, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${target.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: text }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
}

function token(subject: string) {
  return mintToken({ privateKeyPem: keys.privateKeyPem, ...jwt, subject, role: 'registrar', organizationId: null, expiresIn: 300 });
}

describe('gateway', () => {
  it('joins an entity across two subgraphs and forwards the caller token, request id and trace context', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const { status, headers, body } = await query(gateway, '{ thing(id: "7") { id name viewer requestId traceparent } }', {
      authorization: `Bearer ${await token('user-7')}`,
      'x-request-id': 'req-gw-1',
      traceparent,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(headers.get('x-request-id'), 'req-gw-1');
    assert.deepEqual(body, {
      data: { thing: { id: '7', name: 'Thing 7', viewer: 'user-7', requestId: 'req-gw-1', traceparent } },
    });
  });

  it("proves itself to the subgraphs, which refuse a call without the gateway's proof", async () => {
    // Both subgraphs admit only the proof, and the gateway's fetches get through to each.
    for (const target of [gateway, production]) {
      const { status, body } = await query(target, '{ thing(id: "3") { name viewer } }');
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(body, { data: { thing: { name: 'Thing 3', viewer: null } } });
    }
    const direct = (headers: Record<string, string>) =>
      fetch(subgraphs[0]?.url.replace('localhost', '127.0.0.1') ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ thing(id: "3") { name } }' }),
      });
    const refused = await direct({});
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { errors: [{ message: 'This service answers only the gateway', extensions: { code: 'FORBIDDEN' } }] });
    assert.equal((await direct({ [gatewayProofHeader]: proofKeys.old })).status, 200, 'a key still listed on the subgraph');
  });

  it('lets anonymous callers through; the subgraph sees no principal', async () => {
    const { body } = await query(gateway, '{ thing(id: "1") { name viewer } }');
    assert.deepEqual(body, { data: { thing: { name: 'Thing 1', viewer: null } } });
  });

  it('refuses an invalid token with UNAUTHENTICATED before calling any subgraph', async () => {
    const forged = (await token('user-1')).slice(0, -4) + 'AAAA';
    const { status, body } = await query(gateway, '{ thing(id: "1") { name } }', { authorization: `Bearer ${forged}` });
    assert.equal(status, 401);
    assert.equal(body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    assert.equal(body.data, undefined);
  });

  it('refuses an operation deeper than the limit', async () => {
    const fine = await query(gateway, `{ thing(id: "1") { ${'related { '.repeat(9)}id${' }'.repeat(9)} } }`);
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
    const deep = `{ thing(id: "1") { ${'related { '.repeat(13)}id${' }'.repeat(13)} } }`;
    const { status, body } = await query(gateway, deep);
    assert.equal(status, 400);
    assert.equal(body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(body.errors?.[0]?.message ?? '', /depth limit/i);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: thing(id: "${i}") { id }`).join(' ');
    const { status, body } = await query(gateway, `{ ${aliases} }`);
    assert.equal(status, 400);
    assert.match(body.errors?.[0]?.message ?? '', /aliases/i);
  });

  it('reuses kept-alive connections to a subgraph', async () => {
    extrasSockets.clear();
    for (let i = 0; i < 5; i++) await query(gateway, `{ thing(id: "${i}") { viewer } }`);
    assert.equal(extrasSockets.size, 1);
  });

  it('in production: no introspection, no field suggestions', async () => {
    const introspection = await query(production, '{ __schema { queryType { name } } }');
    assert.equal(introspection.status, 400);
    assert.match(introspection.body.errors?.[0]?.message ?? '', /introspection/i);

    const typo = await query(production, '{ thing(id: "1") { nam } }');
    assert.equal(typo.status, 400);
    assert.doesNotMatch(typo.body.errors?.[0]?.message ?? '', /Did you mean/);

    const dev = await query(gateway, '{ thing(id: "1") { nam } }');
    assert.match(dev.body.errors?.[0]?.message ?? '', /Did you mean "name"/);
  });

  it('serves Apollo Sandbox to browsers outside production only', async () => {
    const html = { accept: 'text/html' };
    const dev = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, { headers: html });
    assert.match(await dev.text(), /new window\.EmbeddedSandbox/);
    const prod = await fetch(`http://127.0.0.1:${production.port}/graphql`, { headers: html });
    const prodHtml = await prod.text();
    assert.doesNotMatch(prodHtml, /EmbeddedSandbox/);
    assert.match(prodHtml, /isProd%22%3Atrue/);
  });
});
