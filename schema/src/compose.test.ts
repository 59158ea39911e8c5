import { afterAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSources, composeSupergraph, CompositionError, readSubgraphSources } from './compose.ts';
import { supergraphPath } from './subgraphs.ts';

const dir = mkdtempSync(join(tmpdir(), 'bakylau-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeSchema(servicesDir: string, name: string, sdl: string): void {
  mkdirSync(join(servicesDir, name, 'src'), { recursive: true });
  writeFileSync(join(servicesDir, name, 'src', 'schema.graphql'), sdl);
}

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

describe('compose', () => {
  it('composes the services that have a schema and skips the others', () => {
    const services = join(dir, 'ok');
    writeSchema(services, 'appeals', `${link}\ntype Query { appeal(id: ID!): Appeal }\ntype Appeal @key(fields: "id") { id: ID! number: String! }`);
    writeSchema(services, 'audit', `${link}\ntype Appeal @key(fields: "id") { id: ID! auditTrail: [String!]! }`);
    mkdirSync(join(services, 'reception', 'src'), { recursive: true });

    const sources = readSubgraphSources(services);
    assert.deepEqual(
      sources.map((s) => [s.name, s.url]),
      [
        ['appeals', 'http://127.0.0.1:4001/graphql'],
        ['audit', 'http://127.0.0.1:4004/graphql'],
      ],
    );
    const { supergraphSdl } = composeSources(sources);
    assert.match(supergraphSdl, /join__graph\(name: "appeals", url: "http:\/\/127.0.0.1:4001\/graphql"\)/);
    assert.match(supergraphSdl, /auditTrail: \[String!\]! @join__field\(graph: AUDIT\)/);
  });

  it('reports every composition error with its code', () => {
    const sources = [
      { name: 'appeals', url: 'http://a', typeDefs: `${link}\ntype Query { x: Int }\ntype Appeal @key(fields: "id") { id: ID! n: String! }` },
      { name: 'audit', url: 'http://b', typeDefs: `${link}\ntype Appeal @key(fields: "id") { id: ID! n: Int! }` },
    ];
    assert.throws(
      () => composeSources(sources),
      (error: unknown) => error instanceof CompositionError && error.problems.some((p) => p.startsWith('[FIELD_TYPE_MISMATCH]') && p.includes('Appeal.n')),
    );
  });

  it('reports a syntax error with the file it is in', () => {
    const services = join(dir, 'broken');
    writeSchema(services, 'appeals', 'type Query {');
    assert.throws(() => composeSources(readSubgraphSources(services)), /services\/appeals\/src\/schema.graphql: Syntax Error|schema.graphql: Syntax Error/);
  });

  it('refuses a service folder that subgraphs.ts does not know', () => {
    const services = join(dir, 'unknown');
    writeSchema(services, 'payments', `${link}\ntype Query { x: Int }`);
    assert.throws(() => readSubgraphSources(services), /services\/payments .* schema\/src\/subgraphs.ts/);
  });

  it('keeps the committed supergraph of all four subgraphs up to date', () => {
    assert.deepEqual(
      readSubgraphSources().map((s) => s.name),
      ['appeals', 'audit', 'instructions', 'reception'],
    );
    assert.ok(existsSync(supergraphPath), 'schema/supergraph.graphql is missing: run `npm run compose`');
    const { supergraphSdl, hints } = composeSupergraph();
    assert.equal(readFileSync(supergraphPath, 'utf8'), supergraphSdl, 'stale supergraph: run `npm run compose`');
    // A stub's description that differs from the owner's would replace it in the supergraph (Sandbox docs).
    assert.deepEqual(
      hints.filter((h) => h.includes('INCONSISTENT_DESCRIPTION')),
      [],
    );
  });
});
