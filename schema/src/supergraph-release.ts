// Clients are built against the released supergraph: a change that breaks one of their operations
// (a field, type, argument or enum value taken away, a type changed incompatibly) must not reach them
// unnoticed. schema/released/supergraph.graphql is the last released supergraph; the check diffs the
// API schema clients see (the federation's join__/link__ machinery stripped) released → current with
// @graphql-inspector/core and fails on each BREAKING change; dangerous and safe changes pass.
// `npm run schema:release` records the current supergraph as released, on purpose.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import { composeSupergraph, CompositionError } from './compose.ts';
import { repoRoot, supergraphPath } from './subgraphs.ts';

export const releasedSupergraphPath = `${dirname(supergraphPath)}/released/supergraph.graphql`;

/** The schema clients query through the gateway: the supergraph without the federation's own types and directives. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The changes from `released` to `current` that break a client operation valid against `released`. */
export async function breakingChanges(released: GraphQLSchema, current: GraphQLSchema): Promise<Change[]> {
  return (await diff(released, current)).filter((change) => change.criticality.level === CriticalityLevel.Breaking);
}

/** One line per change: where, what, and why it breaks when inspector says. */
export function describeChange(change: Change): string {
  const reason = change.criticality.reason ? ` (${change.criticality.reason})` : '';
  return `${change.path ?? change.type}: ${change.message}${reason}`;
}

export function readReleasedSupergraph(): string {
  if (!existsSync(releasedSupergraphPath)) {
    throw new Error(`${relative(repoRoot, releasedSupergraphPath)} is missing: run \`npm run schema:release\` once and commit it`);
  }
  return readFileSync(releasedSupergraphPath, 'utf8');
}

/**
 * CLI, `npm run schema:release`: writes the composed supergraph as the released one. It lists the
 * breaking changes it would release and refuses them without `--accept-breaking`, so a break is
 * released only by someone who read the list.
 */
async function main(argv: string[]): Promise<number> {
  let current: string;
  try {
    current = composeSupergraph().supergraphSdl;
  } catch (error) {
    if (error instanceof CompositionError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const target = relative(repoRoot, releasedSupergraphPath);
  if (existsSync(releasedSupergraphPath)) {
    const breaking = await breakingChanges(apiSchemaOf(readFileSync(releasedSupergraphPath, 'utf8')), apiSchemaOf(current));
    if (breaking.length > 0) {
      console.error(`Breaking changes against ${target}:\n${breaking.map((c) => `  - ${describeChange(c)}`).join('\n')}`);
      if (!argv.includes('--accept-breaking')) {
        console.error('Not released: the clients of the released graph would break. Re-run with --accept-breaking to release them anyway.');
        return 1;
      }
    }
  }
  if (existsSync(releasedSupergraphPath) && readFileSync(releasedSupergraphPath, 'utf8') === current) {
    console.log(`${target} unchanged: the services compose to the released supergraph`);
    return 0;
  }
  mkdirSync(dirname(releasedSupergraphPath), { recursive: true });
  writeFileSync(releasedSupergraphPath, current);
  console.log(`wrote ${target}`);
  return 0;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
