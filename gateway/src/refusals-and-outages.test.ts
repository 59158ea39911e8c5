import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import { loadOrCreateDevKeyPair } from '@bakylau/platform/auth/dev-keys';
import { badUserInput } from '@bakylau/platform/errors';
import { startGraphQLHttpServer, type RunningGraphQLHttpServer } from '@bakylau/platform/http/graphql-http-server';
import { createLogger } from '@bakylau/platform/logging';
import { createSubgraphServer } from '@bakylau/platform/subgraph';
import { loadGatewayConfig } from './config.ts';
import { createGateway, type RunningGateway } from './gateway.ts';
import { isUnreachable } from './subgraph-data-source.ts';

const logger = createLogger({ service: 'gateway-test', level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'bakylau-gateway-down-'));
const keys = loadOrCreateDevKeyPair(join(dir, 'keys'));
const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
const thingsSdl = `${link}
scalar Day
type Query { thing(id: ID!): Thing thingOn(day: Day!): Thing }
type Mutation { rename(id: ID!, name: String!): Thing }
type Thing @key(fields: "id") { id: ID! name: String! }`;
const extrasSdl = `${link}
type Query { extra: String }
type Thing @key(fields: "id") { id: ID! extra: String }`;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let things: RunningGraphQLHttpServer;
const gateways: RunningGateway[] = [];

async function gatewayOver(production: boolean): Promise<RunningGateway> {
  const down = `http://127.0.0.1:${await closedPort()}/graphql`;
  const composed = composeServices([
    { name: 'things', url: things.url.replace('localhost', '127.0.0.1'), typeDefs: parse(thingsSdl) },
    { name: 'extras', url: down, typeDefs: parse(extrasSdl) },
  ]);
  assert.ok(composed.supergraphSdl, composed.errors?.map((e) => e.message).join('\n'));
  const path = join(dir, `supergraph-${production}.graphql`);
  writeFileSync(path, composed.supergraphSdl);
  const gateway = await createGateway(
    loadGatewayConfig({
      NODE_ENV: production ? 'production' : 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      SUPERGRAPH_PATH: path,
      JWT_PUBLIC_KEY: keys.publicKeyPem,
      GATEWAY_PROOF_KEYS: 'refusals-and-outages-test-gateway-proof',
    }),
    { logger },
  );
  gateways.push(gateway);
  return gateway;
}

beforeAll(async () => {
  things = await startGraphQLHttpServer({
    apollo: createSubgraphServer({
      typeDefs: parse(thingsSdl),
      resolvers: {
        Query: { thing: (_: unknown, args: { id: string }) => ({ id: args.id }), thingOn: () => ({ id: 'day' }) },
        // A use case's refusal, as a resolver throws it (a DomainError, not a scalar's parse error).
        Mutation: {
          rename: () => {
            throw badUserInput('The thing cannot be renamed', [{ field: 'name', message: 'is not a name' }]);
          },
        },
        // Like the platform's Date scalar: the subgraph, not the gateway, refuses a bad value (HTTP 400).
        Day: new GraphQLScalarType({
          name: 'Day',
          parseValue: (value) => {
            if (value !== 'monday') throw new GraphQLError('Day must be monday', { extensions: { code: 'BAD_USER_INPUT' } });
            return value;
          },
        }),
        Thing: { __resolveReference: (ref: { id: string }) => ref, name: (thing: { id: string }) => `Thing ${thing.id}` },
      },
      logger,
      production: false,
    }),
    port: 0,
    host: '127.0.0.1',
    metrics: { port: 0, host: '127.0.0.1' },
    logger,
    bodyLimitBytes: 1 << 20,
    readiness: async () => ({ ok: true, checks: {} }),
    context: async () => ({}),
  });
});

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.stop()));
  await things?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Body = { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

async function query(gateway: RunningGateway, text: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Body }> {
  const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

describe('a subgraph that cannot be reached', () => {
  for (const production of [false, true]) {
    it(`answers with the other subgraphs' data and a SERVICE_UNAVAILABLE error naming the subgraph (${production ? 'production' : 'development'})`, async () => {
      const gateway = await gatewayOver(production);
      const { status, body } = await query(gateway, '{ thing(id: "7") { id name extra } }');
      assert.equal(status, 200);
      assert.deepEqual(body.data, { thing: { id: '7', name: 'Thing 7', extra: null } });
      assert.equal(body.errors?.length, 1, JSON.stringify(body.errors));
      const error = body.errors?.[0];
      assert.equal(error?.extensions?.['code'], 'SERVICE_UNAVAILABLE');
      assert.equal(error?.extensions?.['serviceName'], 'extras');
      assert.match(error?.message ?? '', /extras service is unavailable/);
      if (production) assert.equal(error?.extensions?.['stacktrace'], undefined, 'no stack trace in production');

      const root = await query(gateway, '{ extra }');
      assert.equal(root.status, 200);
      assert.equal(root.body.errors?.[0]?.extensions?.['code'], 'SERVICE_UNAVAILABLE');
    });
  }

  it('tells network failures from answers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    assert.equal(isUnreachable(new TypeError('fetch failed', { cause: refused })), true);
    assert.equal(isUnreachable(new TypeError('fetch failed', { cause: new AggregateError([refused]) })), true);
    assert.equal(isUnreachable(new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) })), true);
    assert.equal(isUnreachable(new Error('Expected JSON response body')), false);
    assert.equal(isUnreachable('ECONNREFUSED'), false);
  });
});

describe("requests the gateway refuses as the client's mistake (HTTP 400 with a code, never 500)", () => {
  const expectRefusal = async (text: string, code: string, message: RegExp, variables: Record<string, unknown> = {}) => {
    const gateway = gateways[1] ?? (await gatewayOver(true));
    const { status, body } = await query(gateway, text, variables);
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.errors?.[0]?.extensions?.['code'], code, JSON.stringify(body));
    assert.match(body.errors?.[0]?.message ?? '', message);
    assert.equal(body.data, undefined);
  };

  it('a syntax error', () => expectRefusal('{ thing(', 'GRAPHQL_PARSE_FAILED', /Syntax Error/));
  it('more tokens than the limit', () => expectRefusal(`{ ${'__typename '.repeat(2_500)}}`, 'GRAPHQL_VALIDATION_FAILED', /Token limit/));
  it('several operations and no operationName', () =>
    expectRefusal('query A { __typename } query B { __typename }', 'OPERATION_RESOLUTION_FAILURE', /operation name/));
  it('a subscription', () => expectRefusal('subscription { thing(id: "1") { id } }', 'GRAPHQL_VALIDATION_FAILED', /Subscriptions are not supported/));
  it('a 200,000-character string', () =>
    expectRefusal('query($id: ID!) { thing(id: $id) { id } }', 'BAD_USER_INPUT', /at most 20000 characters/, { id: 'x'.repeat(200_000) }));

  it('a string with a bidirectional override', () =>
    expectRefusal('query($id: ID!) { thing(id: $id) { id } }', 'BAD_USER_INPUT', /bidirectional-override character \(U\+202E/, { id: 'a\u202eb' }));

  it('a body that is not UTF-8', async () => {
    const gateway = gateways[1] ?? (await gatewayOver(true));
    const body = Buffer.concat([Buffer.from('{"query":"{ thing(id: \\"'), Buffer.from([0xc0, 0xf1, 0xe0, 0xed]), Buffer.from('\\") { id } }"}')]);
    const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(response.status, 400);
    const answer = (await response.json()) as Body;
    assert.equal(answer.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
  });

  it("answers a subgraph use case's BAD_USER_INPUT with the same 400 as the gateway's own refusals", async () => {
    const gateway = gateways[1] ?? (await gatewayOver(true));
    const { status, body } = await query(gateway, 'mutation { rename(id: "1", name: "x") { id } }');
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.match(body.errors?.[0]?.message ?? '', /cannot be renamed/);
    assert.equal(body.data?.['rename'] ?? null, null);
  });

  it('passes on the code of a subgraph that refuses a variable with HTTP 400', async () => {
    const gateway = gateways[1] ?? (await gatewayOver(true));
    const fine = await query(gateway, 'query($d: Day!) { thingOn(day: $d) { id } }', { d: 'monday' });
    assert.deepEqual(fine.body, { data: { thingOn: { id: 'day' } } });
    const { status, body } = await query(gateway, 'query($d: Day!) { thingOn(day: $d) { id } }', { d: 'someday' });
    // 400, the status of every BAD_USER_INPUT refusal (platform/src/graphql/refusal-status.ts); it was 200 before that rule.
    assert.equal(status, 400);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', JSON.stringify(body));
    assert.match(body.errors?.[0]?.message ?? '', /Day must be monday/);
    assert.equal(body.errors?.[0]?.extensions?.['serviceName'], 'things');
  });
});
