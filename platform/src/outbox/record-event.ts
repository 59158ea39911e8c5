import type { EntityManager } from '@mikro-orm/core';
import { createCloudEvent, type CloudEvent } from '../events/cloud-event.ts';
import { assertEventContract } from '../events/event-contracts.ts';
import { OutboxEvent } from './outbox-event.ts';

export type TraceHeaders = { traceparent?: string; 'x-request-id'?: string; 'x-correlation-id'?: string };

/**
 * Queues a domain event in the outbox of the unit of work `em`; it is written by the same flush
 * (and transaction) as the entities it describes. Publishing to Kafka happens later, in the relay:
 * never inside or after the transaction (no dual write).
 *
 * The event is checked against its published contract (schema/events) first: an unknown type or
 * a payload that breaks its schema is a programming error, so it throws and nothing is queued.
 */
export function recordEvent<TData>(
  em: EntityManager,
  input: { topic: string; source: string; type: string; subject: string; data: TData; trace?: TraceHeaders },
): CloudEvent<TData> {
  const event = createCloudEvent({ source: input.source, type: input.type, subject: input.subject, data: input.data });
  assertEventContract(event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.trace ?? {})) if (value) headers[name] = value;
  em.create(OutboxEvent, {
    id: event.id,
    topic: input.topic,
    messageKey: input.subject,
    type: input.type,
    event,
    headers,
  });
  return event;
}
