import type { Consumer, Kafka } from 'kafkajs';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import { parseCloudEvent, type CloudEvent } from '../events/cloud-event.ts';
import type { Logger } from '../logging.ts';
import { metrics } from '../metrics.ts';

export type EventHandler = (em: EntityManager, event: CloudEvent, meta: { topic: string; headers: Record<string, string> }) => Promise<void>;

export type InboxConsumer = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while the consumer is in its group (for readiness). */
  isRunning(): boolean;
  /** Resolves once the consumer has joined its group and begun fetching (tests wait for it). */
  fetching(): Promise<void>;
};

/** The Kafka consumer group of a service's consumer (tests find it by this name too). */
export function consumerGroupId(groupPrefix: string, service: string, name: string): string {
  return `${groupPrefix}${service}.${name}`;
}

/**
 * Applies `event` through `handle` unless this consumer already applied it: the event id goes into
 * `inbox` in the same transaction as the handler's effect. Returns false for a duplicate.
 */
export async function applyEventOnce(
  orm: MikroORM,
  consumer: string,
  event: CloudEvent,
  handle: EventHandler,
  meta: { topic: string; headers: Record<string, string> },
): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    const inserted = await em.execute<{ event_id: string }[]>(
      'insert into inbox (event_id, consumer, type) values (?, ?, ?) on conflict do nothing returning event_id',
      [event.id, consumer, event.type],
    );
    if (inserted.length === 0) return false;
    await handle(em, event, meta);
    return true;
  });
}

/**
 * Consumes topics at least once and applies each event exactly once: the event id is inserted
 * into `inbox` in the same transaction as the handler's effect, so a redelivered event (after a
 * rebalance, a crash, a relay republish) finds its id there and is skipped.
 * A handler error rolls the transaction back and kafkajs redelivers the message after a backoff.
 */
export function createInboxConsumer(options: {
  service: string;
  /** Names this consumer in the inbox and in the Kafka group id (`<groupPrefix><service>.<name>`). */
  name: string;
  groupPrefix?: string;
  kafka: Kafka;
  orm: MikroORM;
  topics: string[];
  handle: EventHandler;
  logger: Logger;
  fromBeginning?: boolean;
}): InboxConsumer {
  const log = options.logger.child({ component: 'inbox-consumer', consumer: options.name });
  const consumed = metrics.eventsConsumed().labels(options.service, options.name);
  const duplicates = metrics.eventsDuplicate().labels(options.service, options.name);
  let consumer: Consumer | null = null;
  let running = false;
  let markFetching: () => void = () => undefined;
  const fetching = new Promise<void>((resolve) => {
    markFetching = resolve;
  });

  return {
    async start() {
      consumer = options.kafka.consumer({
        groupId: consumerGroupId(options.groupPrefix ?? '', options.service, options.name),
        sessionTimeout: 15_000,
        heartbeatInterval: 3_000,
        // After a broker outage kafkajs gives up its retries; restarting the consumer keeps it alive.
        retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000, restartOnFailure: async () => true },
      });
      consumer.on(consumer.events.CRASH, (e) => log.warn({ err: String(e.payload.error) }, 'consumer crashed; restarting'));
      consumer.on(consumer.events.GROUP_JOIN, () => {
        running = true;
      });
      // The first fetch comes after the partitions' start offsets are resolved.
      consumer.on(consumer.events.FETCH_START, () => markFetching());
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
      await consumer.run({
        eachMessage: async ({ topic, message }) => {
          const parsed = parseCloudEvent(message.value?.toString('utf8') ?? '');
          if (!parsed.ok) {
            // Not ours to fix: a malformed message is logged (without its content) and passed over.
            log.error({ topic, offset: message.offset, reason: parsed.reason }, 'skipping a message that is not a CloudEvent');
            return;
          }
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) {
            if (value !== undefined) headers[name] = value.toString();
          }
          const applied = await applyEventOnce(options.orm, options.name, parsed.event, options.handle, { topic, headers });
          if (applied) consumed.inc();
          else duplicates.inc();
        },
      });
    },
    async stop() {
      running = false;
      await consumer?.disconnect();
      consumer = null;
    },
    isRunning: () => running,
    fetching: () => fetching,
  };
}
