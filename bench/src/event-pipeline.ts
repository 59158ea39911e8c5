// The event pipeline: how long an event takes from the request that made it to a consumer
// (transactional outbox → relay → Kafka → kafkajs consumer), and how fast one relay drains a full outbox.
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { createOrm } from '@bakylau/platform/db/orm';
import { createIdempotentProducer, createKafkaClient } from '@bakylau/platform/kafka/kafka-client';
import { createLogger } from '@bakylau/platform/logging';
import { createOutboxRelay } from '@bakylau/platform/outbox/outbox-relay';
import { ensureTopics } from '@bakylau/infra/kafka-broker';
import { percentile } from './load.ts';

export type EventSample = {
  type: string;
  /** The CloudEvent `time`: set in the request, just before the transaction that records the event commits. */
  eventTime: number;
  /** The Kafka message timestamp: when the relay's producer sent it. */
  publishedAt: number;
  receivedAt: number;
};

export type Percentiles = { count: number; p50: number; p99: number; max: number };

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export type PipelineLatency = {
  events: number;
  /** Event time → consumer receipt (end to end). */
  endToEnd: Percentiles;
  /** Event time → Kafka message timestamp (outbox wait + relay). */
  toKafka: Percentiles;
};

export type LatencyProbe = {
  /** Latencies of the events of `type` whose time falls in one of the windows; waits (up to timeoutMs) until `expected` of them arrived. */
  latency(type: string, windows: [number, number][], expected: number, timeoutMs?: number): Promise<PipelineLatency>;
  stop(): Promise<void>;
};

/** A kafkajs consumer of its own group on `topic`, recording when each event arrives. */
export async function startLatencyProbe(brokers: string, topic: string): Promise<LatencyProbe> {
  const kafka = new Kafka({ clientId: 'bench-latency-probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench.latency-probe.${Date.now().toString(36)}`, maxWaitTimeInMs: 100 });
  const samples: EventSample[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ message }) => {
      const receivedAt = Date.now();
      try {
        const event = JSON.parse(message.value?.toString() ?? '') as { type?: string; time?: string };
        if (typeof event.type === 'string' && typeof event.time === 'string') {
          samples.push({ type: event.type, eventTime: Date.parse(event.time), publishedAt: Number(message.timestamp), receivedAt });
        }
      } catch {
        // not a JSON event: not ours to measure
      }
    },
  });
  await joined;
  return {
    async latency(type, windows, expected, timeoutMs = 60_000) {
      const pick = () => samples.filter((s) => s.type === type && windows.some(([from, to]) => s.eventTime >= from && s.eventTime <= to));
      const deadline = Date.now() + timeoutMs;
      while (pick().length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      const chosen = pick();
      return {
        events: chosen.length,
        endToEnd: percentiles(chosen.map((s) => s.receivedAt - s.eventTime)),
        toKafka: percentiles(chosen.map((s) => s.publishedAt - s.eventTime)),
      };
    },
    stop: () => consumer.disconnect(),
  };
}

export type RelayThroughput = { events: number; eventBytes: number; insertSeconds: number; drainSeconds: number; eventsPerSecond: number; batchSize: number };

/**
 * One outbox relay (the platform's, as every service runs it) over a scratch database: N events
 * are inserted in one transaction, and the clock runs from its commit until the last is marked
 * published (Kafka acknowledged it, acks=all). The events go to a topic of their own that no
 * service consumes.
 */
export async function measureRelayThroughput(options: {
  databaseUrl: string;
  brokers: string;
  events: number;
  eventBytes: number;
  log: (message: string) => void;
}): Promise<RelayThroughput> {
  const topic = 'bench.relay.v1';
  await ensureTopics(options.brokers, [{ topic, numPartitions: 3 }]);
  // The platform's migration 0000 gives the scratch database the outbox every service has.
  await (await createOrm({ databaseUrl: options.databaseUrl, entities: [], migrations: [] })).close();
  const logger = createLogger({ service: 'bench-relay', level: 'error' });
  const kafka = createKafkaClient({ brokers: options.brokers.split(','), clientId: 'bench-relay', logger });
  const relay = createOutboxRelay({ service: 'bench-relay', databaseUrl: options.databaseUrl, createProducer: () => createIdempotentProducer(kafka), logger });
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const batchSize = 500;
  const insert = (count: number) =>
    client.query(
      `insert into outbox (id, topic, message_key, type, event)
       select gen_random_uuid(), $1, 'aggregate-' || (i % 1000), 'kz.bakylau.bench.v1',
              jsonb_build_object('specversion', '1.0', 'id', gen_random_uuid(), 'source', '/bakylau/bench', 'type', 'kz.bakylau.bench.v1',
                                 'time', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'subject', 'aggregate-' || (i % 1000), 'datacontenttype', 'application/json',
                                 'data', jsonb_build_object('n', i, 'text', repeat('x', $2::int)))
         from generate_series(1, $3::int) as i`,
      [topic, Math.max(0, options.eventBytes - 330), count],
    );
  const drained = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ left: number; last: Date | null }>(
        `select count(*) filter (where status <> 'published')::int as left, max(published_at) as last from outbox`,
      );
      if (rows[0]?.left === 0) return rows[0].last;
      if (Date.now() > deadline) throw new Error(`the relay left ${rows[0]?.left} events unpublished after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await relay.start();
    // Warm up: the relay holds its lock and its producer is connected before the clock starts.
    await insert(10);
    await drained(60_000);
    const t0 = performance.now();
    await client.query('begin');
    await insert(options.events);
    await client.query('commit');
    const insertSeconds = (performance.now() - t0) / 1000;
    const committedAt = (await client.query<{ now: Date }>('select clock_timestamp() as now')).rows[0]?.now ?? new Date();
    const last = (await drained(180_000)) ?? committedAt;
    const { rows } = await client.query<{ bytes: number }>(`select avg(octet_length(event::text))::int as bytes from outbox`);
    const drainSeconds = (last.getTime() - committedAt.getTime()) / 1000;
    return { events: options.events, eventBytes: rows[0]?.bytes ?? 0, insertSeconds, drainSeconds, eventsPerSecond: options.events / drainSeconds, batchSize };
  } finally {
    await relay.stop();
    await client.end();
  }
}
