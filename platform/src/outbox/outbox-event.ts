import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A domain event waiting in the service's database to be published. It is persisted in the same
 * flush as the state change it describes, so the change and its event commit or roll back together.
 * `seq` and `txid` are filled by the database and read only by the relay.
 */
export const OutboxEvent = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox',
  properties: {
    id: p.uuid().primary(),
    topic: p.text(),
    messageKey: p.text(),
    type: p.text(),
    event: p.json<Record<string, unknown>>(),
    headers: p.json<Record<string, string>>().defaultRaw("'{}'"),
    status: p.enum(['pending', 'published', 'dead'] as const).default('pending'),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .defaultRaw('now()'),
    publishedAt: p.datetime().nullable(),
  },
});
export type OutboxEvent = InferEntity<typeof OutboxEvent>;
