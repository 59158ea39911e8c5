// Published event versions never break: a required field of a published type keeps its type and
// stays required. schema/events/published.json records, per type, the required fields and their
// JSON types at publication; `npm run events:baseline` adds newly published types to it and never
// rewrites an entry. A breaking change needs a new version (….v2) instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventSchemasDir, readEventContracts, type EventContract, type JsonSchema } from './catalog.ts';

export type PublishedShape = Record<string, Record<string, string>>;
export const publishedPath = join(eventSchemasDir, 'published.json');

function jsonType(schema: JsonSchema | undefined): string {
  if (!schema) return 'unknown';
  if (schema.type) return Array.isArray(schema.type) ? [...schema.type].sort().join('|') : schema.type;
  if ('const' in schema) return `const:${JSON.stringify(schema['const'])}`;
  if (Array.isArray(schema['enum'])) return 'enum';
  return 'any';
}

export function shapeOf(contract: EventContract): Record<string, string> {
  const shape: Record<string, string> = {};
  for (const field of contract.schema.required ?? []) shape[field] = jsonType(contract.schema.properties?.[field]);
  return shape;
}

/** Breaking changes of the current contracts against the published shapes. */
export function breakingChanges(published: PublishedShape, contracts: EventContract[]): string[] {
  const problems: string[] = [];
  for (const [type, fields] of Object.entries(published)) {
    const contract = contracts.find((c) => c.type === type);
    if (!contract) {
      problems.push(`${type}: published, but its schema was removed`);
      continue;
    }
    const now = shapeOf(contract);
    for (const [field, was] of Object.entries(fields)) {
      if (!(field in now)) problems.push(`${type}: required field "${field}" was removed or made optional (bump the version)`);
      else if (now[field] !== was) problems.push(`${type}: required field "${field}" changed type ${was} → ${now[field]} (bump the version)`);
    }
  }
  return problems;
}

export function readPublished(): PublishedShape {
  return existsSync(publishedPath) ? (JSON.parse(readFileSync(publishedPath, 'utf8')) as PublishedShape) : {};
}

if (import.meta.main) {
  const published = readPublished();
  const contracts = readEventContracts();
  const problems = breakingChanges(published, contracts);
  if (problems.length) {
    console.error(`Breaking changes to published events:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  for (const contract of contracts) published[contract.type] ??= shapeOf(contract);
  const sorted = Object.fromEntries(Object.entries(published).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(publishedPath, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`${publishedPath}: ${Object.keys(sorted).length} published event types`);
}
