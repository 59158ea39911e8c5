import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, type GraphQLError } from 'graphql';
import { repoRoot, subgraphs, supergraphPath } from './subgraphs.ts';

export type SubgraphSource = { name: string; url: string; typeDefs: string; path?: string };

/** Composition failed; `problems` lists every error, one line each, ready to print. */
export class CompositionError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Supergraph composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
    this.problems = problems;
  }
}

/**
 * Reads services/<name>/src/schema.graphql for every service folder that has one; a folder whose
 * schema does not exist yet is skipped. A schema in a folder missing from subgraphs.ts is an
 * error, since it would have no routing URL.
 */
export function readSubgraphSources(servicesDir = join(repoRoot, 'services')): SubgraphSource[] {
  const folders = existsSync(servicesDir)
    ? readdirSync(servicesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  const sources: SubgraphSource[] = [];
  for (const folder of folders) {
    const path = join(servicesDir, folder, 'src', 'schema.graphql');
    if (!existsSync(path)) continue;
    const known = subgraphs.find((s) => s.name === folder);
    if (!known) {
      throw new CompositionError([`services/${folder} has a schema.graphql but no entry (port, URL) in schema/src/subgraphs.ts`]);
    }
    sources.push({ name: folder, url: known.url, typeDefs: readFileSync(path, 'utf8'), path });
  }
  return sources;
}

/** Composes subgraph SDL into a supergraph with @apollo/composition (Federation 2). */
export function composeSources(sources: SubgraphSource[]): { supergraphSdl: string; hints: string[] } {
  if (sources.length === 0) {
    throw new CompositionError(['No subgraph schema found (services/*/src/schema.graphql)']);
  }
  const parseProblems: string[] = [];
  const services = sources.flatMap((source) => {
    try {
      return [{ name: source.name, url: source.url, typeDefs: parse(source.typeDefs) }];
    } catch (error) {
      const where = source.path ? relative(repoRoot, source.path) : source.name;
      parseProblems.push(`${where}: ${(error as Error).message}`);
      return [];
    }
  });
  if (parseProblems.length > 0) throw new CompositionError(parseProblems);
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map(describeError));
  return {
    supergraphSdl: result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`,
    hints: result.hints.map((hint) => `[${hint.definition.code}] ${hint.message}`),
  };
}

/** Composes the services' committed schemas (what `npm run compose` writes to schema/supergraph.graphql). */
export function composeSupergraph(): { supergraphSdl: string; hints: string[] } {
  return composeSources(readSubgraphSources());
}

function describeError(error: GraphQLError): string {
  const code = error.extensions['code'];
  const locations = (error.nodes ?? []).map((node) => node.loc && `${node.loc.source.name}:${node.loc.startToken.line}`).filter(Boolean);
  return `${typeof code === 'string' && code ? `[${code}] ` : ''}${error.message}${locations.length ? ` (${locations.join(', ')})` : ''}`;
}

/**
 * CLI: `npm run compose` writes schema/supergraph.graphql; `npm run compose -- --check` only
 * compares and fails when the committed file is stale (CI). Exits 1 on any composition error.
 */
function main(argv: string[]): number {
  const check = argv.includes('--check');
  let composed: { supergraphSdl: string; hints: string[] };
  try {
    composed = composeSupergraph();
  } catch (error) {
    if (error instanceof CompositionError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  for (const hint of composed.hints) console.error(`hint: ${hint}`);
  const target = relative(repoRoot, supergraphPath);
  const current = existsSync(supergraphPath) ? readFileSync(supergraphPath, 'utf8') : null;
  if (check) {
    if (current === composed.supergraphSdl) {
      console.log(`${target} is up to date`);
      return 0;
    }
    console.error(`${target} is ${current === null ? 'missing' : 'stale'}: run \`npm run compose\` and commit the result`);
    return 1;
  }
  if (current === composed.supergraphSdl) {
    console.log(`${target} unchanged`);
  } else {
    writeFileSync(supergraphPath, composed.supergraphSdl);
    console.log(`wrote ${target}`);
  }
  return 0;
}

if (import.meta.main) {
  process.exitCode = main(process.argv.slice(2));
}
