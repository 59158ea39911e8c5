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

type Contracts = { envelope: ValidateFunction; data: Map<string, ValidateFunction> };
let contracts: Contracts | null = null;

// ajv-formats is CommonJS with a default export; under Node's ESM interop it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

function load(): Contracts {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-personal-data', schemaType: 'boolean' });
  const envelope = ajv.compile(JSON.parse(readFileSync(join(eventSchemasDir, 'cloudevent.schema.json'), 'utf8')) as object);
  const data = new Map<string, ValidateFunction>();
  for (const file of readdirSync(join(eventSchemasDir, 'data')).filter((f) => f.endsWith('.json')).sort()) {
    const schema = JSON.parse(readFileSync(join(eventSchemasDir, 'data', file), 'utf8')) as object;
    data.set(file.replace(/\.json$/, ''), ajv.compile(schema));
  }
  return { envelope, data };
}

function describe(validate: ValidateFunction, prefix: string): string[] {
  return (validate.errors ?? []).map((e) => `${prefix}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params['additionalProperty'])})` : ''}`);
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

export function assertEventContract(event: { type: string }): void {
  const problems = eventContractProblems(event);
  if (problems.length) throw new EventContractError(event.type, problems);
}

export function knownEventTypes(): string[] {
  contracts ??= load();
  return [...contracts.data.keys()];
}
