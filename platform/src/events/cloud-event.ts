import { randomUUID } from 'node:crypto';

/** Who caused an event: the subject and role from the caller's token (never personal data). */
export type Actor = { subject: string; role: string };

/**
 * A CloudEvents 1.0 event in structured JSON mode, the envelope of every message Bakylau
 * publishes (ARCHITECTURE.md, "Events"). `subject` is the aggregate id, also the Kafka key.
 */
export type CloudEvent<TData = unknown> = {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: TData;
};

export function createCloudEvent<TData>(input: { source: string; type: string; subject: string; data: TData; id?: string; time?: Date }): CloudEvent<TData> {
  return {
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    data: input.data,
  };
}

const requiredStrings = ['id', 'source', 'type', 'time', 'subject'] as const;

/** Parses a Kafka message value into a CloudEvent, or explains why it is not one. */
export function parseCloudEvent(raw: string): { ok: true; event: CloudEvent } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not an object' };
  const record = value as Record<string, unknown>;
  if (record['specversion'] !== '1.0') return { ok: false, reason: 'specversion is not 1.0' };
  for (const key of requiredStrings) {
    if (typeof record[key] !== 'string' || record[key] === '') return { ok: false, reason: `${key} missing` };
  }
  return { ok: true, event: value as CloudEvent };
}
