// The published event contracts, checked in CI: the AsyncAPI document is current and valid, every
// event type the services emit has a JSON Schema with a clean example, and no published version
// has been broken.
import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { eventContractProblems } from '@bakylau/platform/events/event-contracts';
import { findPersonalData } from '@bakylau/platform/events/personal-data-scan';
import { developmentSealingKeyring, openSealedText, type SealedText } from '@bakylau/platform/events/sealed-text';
import { asyncapiPath, buildAsyncApi } from './asyncapi.ts';
import { readEventContracts, topicOf, type EventContract, type JsonSchema } from './catalog.ts';
import { breakingChanges, readPublished, shapeOf } from './compatibility.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const servicesDir = join(repoRoot, 'services');
const contracts = readEventContracts();
const contractTypes = new Set(contracts.map((c) => c.type));

/**
 * Types a service consumes but no service produces yet, so they have no published contract. Each
 * entry names its consumer; when a producer appears, its schema goes to schema/events/data and the
 * entry leaves this list (the test below insists).
 */
// Empty now: `notification.delivered` is produced by the notifiers of appeals and reception, and
// `appeal.extension-notice-sent` was dropped, since the delivered APPEAL_EXTENDED notice is the notice.
const consumedNotYetProduced = new Map<string, string>();

/**
 * Versions no service produces now but consumers still read, because they sit in the topics'
 * history: their schemas stay (agencies replaying a topic need them) and are marked `deprecated`,
 * which makes recordEvent refuse them. Each entry names its successor and who still reads it.
 * These four carried officials' free text in plain; their v2 seal it (platform/src/events/sealed-text.ts).
 */
const consumedNoLongerProduced = new Map<string, { successor: string; readBy: string }>([
  ['kz.bakylau.reception.appeal-requested.v1', { successor: 'kz.bakylau.reception.appeal-requested.v2', readBy: 'appeals (reception-appeal-requests)' }],
  ['kz.bakylau.reception.instruction-given.v1', { successor: 'kz.bakylau.reception.instruction-given.v2', readBy: 'instructions (reception-events)' }],
  ['kz.bakylau.appeal.extended.v1', { successor: 'kz.bakylau.appeal.extended.v2', readBy: 'appeals (applicant-notices), audit (audit-trail)' }],
  ['kz.bakylau.instruction.extended.v1', { successor: 'kz.bakylau.instruction.extended.v2', readBy: 'appeals (instruction-facts)' }],
]);

/** Properties named `sealed…`, anywhere in `schema`, with their JSON pointer. */
function sealedProperties(schema: JsonSchema, path = ''): { path: string; schema: JsonSchema }[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, sub]) => [
    ...(/^sealed[A-Z]/.test(name) ? [{ path: `${path}/properties/${name}`, schema: sub }] : []),
    ...sealedProperties(sub, `${path}/properties/${name}`),
  ]);
}

/** The sealed fields of an example, at every depth. */
function sealedValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(sealedValues);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => [...(/^sealed[A-Z]/.test(key) ? [item] : []), ...sealedValues(item)]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `kz.bakylau.<context>.<fact>.v<N>` literal in the services' source, with where it occurs. */
function eventTypeLiterals(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const service of readdirSync(servicesDir)) {
    const src = join(servicesDir, service, 'src');
    let files: string[];
    try {
      files = sourceFiles(src);
    } catch {
      continue; // a service without src/ yet
    }
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"`](kz\.bakylau\.[a-z-]+(?:\.[a-z-]+)+\.v[0-9]+)['"`]/g)) {
        const type = match[1] as string;
        found.set(type, [...(found.get(type) ?? []), relative(repoRoot, file)]);
      }
    }
  }
  return found;
}

function envelope(type: string, data: unknown) {
  return {
    specversion: '1.0',
    id: '6f1c1a8e-2f57-4d5b-9d47-0a9b8f0c1d2e',
    source: `/bakylau/${topicOf(type).split('.')[1]}`,
    type,
    time: '2026-11-25T10:00:00.000Z',
    subject: '3e2d6b0a-7c4f-4e0e-8f77-5b1f0f0b9a10',
    datacontenttype: 'application/json',
    data,
  };
}

/** Object schemas nested anywhere in `schema` (itself included), with their JSON pointer. */
function objectSchemas(schema: JsonSchema, path = ''): { path: string; schema: JsonSchema }[] {
  const nested = [
    ...Object.entries(schema.properties ?? {}).map(([name, sub]) => objectSchemas(sub, `${path}/properties/${name}`)),
    ...(schema['items'] && typeof schema['items'] === 'object' ? [objectSchemas(schema['items'] as JsonSchema, `${path}/items`)] : []),
  ].flat();
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  return isObject ? [{ path: path || '/', schema }, ...nested] : nested;
}

describe('event contracts: the AsyncAPI document', () => {
  it('is up to date with the schemas (run `npm run events:docs` after changing schema/events)', () => {
    assert.equal(readFileSync(asyncapiPath, 'utf8'), buildAsyncApi(), 'schema/events/asyncapi.yaml is stale: run `npm run events:docs` and commit the result');
  });

  it('parses as AsyncAPI without errors and lists every event type as a message', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(asyncapiPath, 'utf8'));
    // 0 is DiagnosticSeverity.Error; the diagnostics carry another copy of @stoplight/types' enum than the parser exports.
    const errors = diagnostics.filter((d) => (d.severity as number) === 0).map((d) => `${d.path.join('/')}: ${d.message}`);
    assert.deepEqual(errors, []);
    assert.ok(document, 'the parser returned no document');
    const messageNames = new Set(
      document
        .allMessages()
        .all()
        .map((m) => m.name()),
    );
    for (const type of contractTypes) assert.ok(messageNames.has(type), `${type} is not a message of asyncapi.yaml`);
  });
});

describe('event contracts: the schemas', () => {
  it('exist for every event type the services use, except the listed consumed-only ones', () => {
    const literals = eventTypeLiterals();
    const missing = [...literals]
      .filter(([type]) => !contractTypes.has(type) && !consumedNotYetProduced.has(type))
      .map(([type, files]) => `${type} (${[...new Set(files)].join(', ')}): add schema/events/data/${type}.json`);
    assert.deepEqual(missing, []);
  });

  it('keep the consumed-only list honest: its types are still used and have no schema yet', () => {
    const literals = eventTypeLiterals();
    for (const type of consumedNotYetProduced.keys()) {
      assert.ok(!contractTypes.has(type), `${type} now has a schema: remove it from consumedNotYetProduced`);
      assert.ok(literals.has(type), `${type} is no longer used by any service: remove it from consumedNotYetProduced`);
    }
  });

  it('keep the no-longer-produced list honest: retired (deprecated) schemas, still read, each with a successor', () => {
    const literals = eventTypeLiterals();
    const deprecated = contracts
      .filter((c) => c.schema['deprecated'] === true)
      .map((c) => c.type)
      .sort();
    assert.deepEqual(deprecated, [...consumedNoLongerProduced.keys()].sort(), 'every deprecated schema is listed, every listed one deprecated');
    for (const [type, { successor }] of consumedNoLongerProduced) {
      assert.ok(literals.has(type), `${type} is no longer read by a service: drop it from consumedNoLongerProduced (keep its schema for agencies)`);
      const next = contracts.find((c) => c.type === successor);
      assert.ok(next && next.schema['deprecated'] !== true, `${type}: its successor ${successor} has a live schema`);
      assert.ok(literals.has(successor), `${successor} is used by the services`);
    }
  });

  it('declare every sealed field with one shape: the sealed-text object of platform/src/events/sealed-text.ts', () => {
    const sealed = contracts.flatMap((c) => sealedProperties(c.schema).map((p) => ({ ...p, type: c.type })));
    assert.ok(sealed.length >= 4, 'the sealed fields of the reception and extension events');
    const { description: _description, ...reference } = sealed[0]!.schema;
    for (const { type, path, schema } of sealed) {
      const { description, ...shape } = schema;
      assert.ok(description, `${type}${path}: says what text it seals`);
      assert.deepEqual(shape, reference, `${type}${path}: the shared sealed-text shape`);
    }
  });

  it('describe only types some service uses (no orphan contract)', () => {
    const literals = eventTypeLiterals();
    assert.deepEqual(
      contracts.filter((c) => !literals.has(c.type)).map((c) => c.type),
      [],
    );
  });

  for (const contract of contracts) {
    describe(contract.type, () => {
      const { schema } = contract;

      it('is a documented draft 2020-12 object schema that declares every field', () => {
        assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
        assert.ok(schema.title, 'title');
        assert.ok(schema.description && schema.description.length > 20, 'description says what fact the event records');
        for (const { path, schema: object } of objectSchemas(schema)) {
          assert.equal(object['additionalProperties'], false, `${path}: additionalProperties must be false`);
          for (const field of object.required ?? []) assert.ok(object.properties?.[field], `${path}: required field ${field} is not declared`);
          for (const [name, property] of Object.entries(object.properties ?? {})) {
            assert.ok(property.description, `${path}/properties/${name}: description`);
            assert.ok(property.type || 'const' in property || 'enum' in property, `${path}/properties/${name}: a type`);
          }
        }
        assert.ok(schema.required?.includes('actor'), 'every event names its actor');
      });

      it('declares the actor exactly as every other contract does', () => {
        const reference = contracts[0]?.schema.properties?.['actor'];
        assert.deepEqual(schema.properties?.['actor'], reference);
      });

      it('has exactly one example, which keeps the contract and carries no personal data', () => {
        assert.equal(schema.examples?.length, 1, 'exactly one example');
        const example = schema.examples?.[0];
        assert.deepEqual(eventContractProblems(envelope(contract.type, example)), []);
        assert.deepEqual(findPersonalData(example), []);
        // Sealed examples are real: sealed with the published development keyring, so they open.
        for (const sealed of sealedValues(example)) assert.ok(openSealedText(sealed as SealedText, developmentSealingKeyring).length > 0);
      });
    });
  }
});

describe('event contracts: compatibility with what was published', () => {
  it('breaks no published event type (a breaking change needs a new version)', () => {
    assert.deepEqual(breakingChanges(readPublished(), contracts), []);
  });

  it('records every contract in schema/events/published.json (run `npm run events:baseline`)', () => {
    const published = readPublished();
    assert.deepEqual(
      contracts.filter((c) => !(c.type in published)).map((c) => c.type),
      [],
    );
  });

  describe('breakingChanges', () => {
    const original: EventContract = {
      type: 'kz.bakylau.appeal.sample.v1',
      topic: 'bakylau.appeals.v1',
      topics: ['bakylau.appeals.v1'],
      file: 'kz.bakylau.appeal.sample.v1.json',
      schema: {
        type: 'object',
        required: ['appealId', 'round', 'dueDate'],
        properties: {
          appealId: { type: 'string', format: 'uuid' },
          round: { type: 'integer' },
          dueDate: { type: ['string', 'null'], format: 'date' },
        },
      },
    };
    const published = { [original.type]: shapeOf(original) };
    const changed = (change: (schema: JsonSchema) => JsonSchema): EventContract[] => [{ ...original, schema: change(structuredClone(original.schema)) }];

    it('reports nothing for an unchanged contract', () => {
      assert.deepEqual(breakingChanges(published, [original]), []);
    });

    it('reports a removed required field', () => {
      const problems = breakingChanges(
        published,
        changed((s) => ({ ...s, required: ['appealId', 'dueDate'] })),
      );
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /"round" was removed or made optional/);
    });

    it('reports a retyped required field', () => {
      const problems = breakingChanges(
        published,
        changed((s) => ({ ...s, properties: { ...s.properties, dueDate: { type: 'string', format: 'date' } } })),
      );
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /"dueDate" changed type null\|string → string/);
    });

    it('does not report an added optional field', () => {
      assert.deepEqual(
        breakingChanges(
          published,
          changed((s) => ({ ...s, properties: { ...s.properties, note: { type: 'string' } } })),
        ),
        [],
      );
    });

    it('reports a published type whose schema was removed', () => {
      assert.match(breakingChanges(published, []).join(), /published, but its schema was removed/);
    });
  });
});
