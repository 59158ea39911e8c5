import { resolve } from 'node:path';

/** The repository root (schema/src → ../..). */
export const repoRoot = resolve(import.meta.dirname, '../..');

export type SubgraphName = 'appeals' | 'reception' | 'instructions' | 'audit';

export type SubgraphInfo = {
  /** The folder under services/ and the subgraph's name in the supergraph. */
  name: SubgraphName;
  /** Local development port; the gateway overrides URLs with SUBGRAPH_<NAME>_URL elsewhere. */
  port: number;
  /** The routing URL written into the supergraph. */
  url: string;
  /** services/<name>/src/schema.graphql, absolute. */
  schemaPath: string;
};

function subgraph(name: SubgraphName, port: number): SubgraphInfo {
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    schemaPath: resolve(repoRoot, 'services', name, 'src', 'schema.graphql'),
  };
}

/** Every subgraph of the graph, in the order the gateway and the local launcher start them. */
export const subgraphs: readonly SubgraphInfo[] = [
  subgraph('appeals', 4001),
  subgraph('reception', 4002),
  subgraph('instructions', 4003),
  subgraph('audit', 4004),
];

export const supergraphPath = resolve(repoRoot, 'schema', 'supergraph.graphql');
