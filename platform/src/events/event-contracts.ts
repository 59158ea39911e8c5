import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * The published contract of every event: the CloudEvents envelope plus one JSON Schema per event
 * type and version under schema/events/data/<type>.json. recordEvent checks each event before it
 * is written, so a service can neither emit an unknown type nor break its own contract.
 */
export const eventSchemasDir = resolve(import.meta.dirname, '../../../schema/events');

export class EventContractError extends Error {
  readonly problems: string[];
  constructor(type: string, problems: string[]) {
    super(`Event ${type} breaks its contract: ${problems.join('; ')}`);
    this.name = 'EventContractError';
    this.problems = problems;
  }
}

/** `retired`: versions marked `deprecated` in their schema, superseded and no longer produced, kept to read history. */
type Contracts = { envelope: ValidateFunction; data: Map<string, ValidateFunction>; retired: Set<string> };
let contracts: Contracts | null = null;

// ajv-formats is CommonJS with a default export; under Node's ESM interop it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

function load(): Contracts {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-personal-data', schemaType: 'boolean' });
  const envelope = ajv.compile(JSON.parse(readFileSync(join(eventSchemasDir, 'cloudevent.schema.json'), 'utf8')) as object);
  const data = new Map<string, ValidateFunction>();
  const retired = new Set<string>();
  for (const file of readdirSync(join(eventSchemasDir, 'data'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(eventSchemasDir, 'data', file), 'utf8')) as { deprecated?: boolean };
    const type = file.replace(/\.json$/, '');
    data.set(type, ajv.compile(schema));
    if (schema.deprecated === true) retired.add(type);
  }
  return { envelope, data, retired };
}

function describe(validate: ValidateFunction, prefix: string): string[] {
  return (validate.errors ?? []).map(
    (e) =>
      `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : ''}`,
  );
}

/** Every way `event` departs from its contract; empty when it conforms. */
export function eventContractProblems(event: unknown): string[] {
  contracts ??= load();
  if (!contracts.envelope(event)) return describe(contracts.envelope, 'envelope');
  const { type, data } = event as { type: string; data: unknown };
  const validateData = contracts.data.get(type);
  if (!validateData) return [`unknown event type ${type}: add schema/events/data/${type}.json`];
  return validateData(data) ? [] : describe(validateData, 'data');
}

/**
 * Throws unless `event` may be recorded now: it keeps its contract, and its type is not a retired
 * version (those stay readable for the history on the topics, but new facts go out as their successor).
 */
export function assertEventContract(event: { type: string }): void {
  contracts ??= load();
  const problems = contracts.retired.has(event.type)
    ? [`${event.type} is retired (its schema is deprecated): record its successor version`]
    : eventContractProblems(event);
  if (problems.length) throw new EventContractError(event.type, problems);
}

export function retiredEventTypes(): string[] {
  contracts ??= load();
  return [...contracts.retired];
}

export function knownEventTypes(): string[] {
  contracts ??= load();
  return [...contracts.data.keys()];
}
