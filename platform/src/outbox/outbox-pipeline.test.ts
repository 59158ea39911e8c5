import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migration } from '@mikro-orm/migrations';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Producer } from 'kafkajs';
import pg from 'pg';
import { startKafkaBroker, ensureTopics, type KafkaBroker } from '@bakylau/infra/kafka-broker';
import { allMigrations, createOrm } from '../db/orm.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { createIdempotentProducer, createKafkaClient } from '../kafka/kafka-client.ts';
import { consumerGroupId, createInboxConsumer } from '../inbox/inbox-consumer.ts';
import { createLogger } from '../logging.ts';
import { waitForConsumersCaughtUp } from '../testkit/consumers-caught-up.ts';
import { eventually, testEnv } from '../testkit/test-env.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { recordEvent } from './record-event.ts';

/** The consumer's effect: one row per applied event, with no unique key, so a double apply would show. */
class CreateReceived extends Migration {
  override up() {
    this.addSql('create table received (n bigint generated always as identity, event_id text not null, aggregate text not null, seq int not null)');
  }
}
const migrations = [{ name: '0001-test-received', class: CreateReceived }];
const topic = 'bakylau.platform-test.v1';
/** A second topic, so that one produce request can carry a partition Kafka accepts and one it refuses. */
const otherTopic = 'bakylau.platform-test-other.v1';
const logger = createLogger({ service: 'outbox-test', level: 'silent' });

/**
 * Queues one event of `aggregate` in the unit of work. recordEvent accepts only published contracts,
 * so a sequence number rides in a real event: the n-th return for rework.
 */
function recordRework(em: EntityManager, aggregate: string, reworkCount: number) {
  const data = {
    appealId: aggregate,
    organizationId: null,
    round: 1,
    reworkCount,
    reworkDueDate: null,
    passed: false,
    actor: { subject: 'system', role: 'system' },
  };
  return recordEvent(em, { topic, source: '/bakylau/appeals', type: 'kz.bakylau.appeal.returned-for-rework.v1', subject: aggregate, data });
}

describe('outbox → Kafka → inbox, with the broker stopped mid-way', () => {
  let broker: KafkaBroker;
  let dataDir: string;
  let orm: MikroORM;
  let dropDatabase: () => Promise<void>;
  let databaseUrl: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bakylau-kafka-'));
    broker = await startKafkaBroker({ dataDir });
    await ensureTopics(broker.brokers, [
      { topic, numPartitions: 3 },
      { topic: otherTopic, numPartitions: 1 },
    ]);
    const db = await createTestDatabase({
      baseUrl: testEnv.databaseUrl,
      service: 'platform',
      migrationNames: allMigrations(migrations).map((m) => m.name),
      migrate: async (url) => (await createOrm({ databaseUrl: url, entities: [], migrations })).close(),
    });
    dropDatabase = db.drop;
    databaseUrl = db.url;
    orm = await createOrm({ databaseUrl: db.url, entities: [], migrations });
  });

  afterAll(async () => {
    await orm?.close();
    await dropDatabase?.();
    await broker?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every event once, in order per aggregate, across a broker outage', async () => {
    const kafka = createKafkaClient({ brokers: broker.brokers.split(','), clientId: 'outbox-test', logger });
    const relay = createOutboxRelay({
      service: 'outbox-test',
      databaseUrl,
      createProducer: () => createIdempotentProducer(kafka),
      logger,
      pollIntervalMs: 200,
      maxBackoffMs: 1000,
    });
    const consumer = createInboxConsumer({
      service: 'outbox-test',
      name: 'received',
      kafka,
      orm,
      topics: [topic],
      logger,
      handle: async (em, event) => {
        const data = event.data as { reworkCount: number };
        await em.execute('insert into received (event_id, aggregate, seq) values (?, ?, ?)', [event.id, event.subject, data.reworkCount - 1]);
      },
    });
    await relay.start();
    await consumer.start();

    const aggregates = Array.from({ length: 4 }, () => randomUUID());
    const perAggregate = 30;
    let written = 0;
    const writeRound = async (round: number) => {
      // Each "mutation" commits its state change and its event together.
      for (const aggregate of aggregates) {
        const em = orm.em.fork();
        recordRework(em, aggregate, round + 1);
        await em.flush();
        written += 1;
      }
    };
    const countReceived = async () => Number((await orm.em.fork().execute<{ n: string }[]>('select count(*) as n from received'))[0]?.n);

    for (let round = 0; round < perAggregate / 3; round += 1) await writeRound(round);
    await eventually(async () => (await countReceived()) > 0, 'first events delivered', 120_000);

    await broker.stop();
    // Mutations go on while Kafka is down: the events wait in the outbox.
    for (let round = perAggregate / 3; round < (2 * perAggregate) / 3; round += 1) await writeRound(round);
    const waiting = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from outbox where status = 'pending'`);
    assert.ok(Number(waiting[0]?.n) > 0, 'events wait in the outbox while Kafka is down');

    await broker.restart();
    for (let round = (2 * perAggregate) / 3; round < perAggregate; round += 1) await writeRound(round);

    await eventually(async () => (await countReceived()) >= written, `all ${written} events delivered`, 120_000);

    // A relay that crashed after publishing but before marking would publish again: simulate it.
    const producer = createIdempotentProducer(kafka);
    await producer.connect();
    const again = await orm.em.fork().execute<{ message_key: string; event: unknown }[]>('select message_key, event from outbox order by seq limit 5');
    await producer.send({ topic, messages: again.map((row) => ({ key: row.message_key, value: JSON.stringify(row.event) })) });
    await producer.disconnect();
    // Counted once the consumer has applied (or dropped) everything on the topic, the copies included.
    await waitForConsumersCaughtUp({
      brokers: broker.brokers.split(','),
      groups: [{ groupId: consumerGroupId('', 'outbox-test', 'received'), topics: [topic] }],
      until: 'quiet',
    });

    const rows = await orm.em
      .fork()
      .execute<{ event_id: string; aggregate: string; seq: number }[]>('select event_id, aggregate, seq from received order by n');
    assert.equal(rows.length, written, 'each event applied exactly once');
    assert.equal(new Set(rows.map((r) => r.event_id)).size, written);
    for (const aggregate of aggregates) {
      const seqs = rows.filter((r) => r.aggregate === aggregate).map((r) => r.seq);
      assert.deepEqual(seqs, [...Array(perAggregate).keys()], `events of ${aggregate} arrive in order`);
    }
    const unpublished = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from outbox where status <> 'published'`);
    assert.equal(Number(unpublished[0]?.n), 0);

    await consumer.stop();
    await relay.stop();
  }, 180_000);

  it('publishes a row committed while a batch is in flight without waiting for the slow poll', async () => {
    const kafka = createKafkaClient({ brokers: broker.brokers.split(','), clientId: 'outbox-test-wake', logger });
    const real = createIdempotentProducer(kafka);
    // The real producer, held at its first batch until the test has committed a second row.
    let batchStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (batchStarted = resolve));
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let first = true;
    const producer: Producer = {
      ...real,
      sendBatch: async (batch) => {
        if (first) {
          first = false;
          batchStarted();
          await gate;
        }
        return real.sendBatch(batch);
      },
    };
    // A slow poll far longer than the test's patience: only a notification can publish in time.
    const relay = createOutboxRelay({ service: 'outbox-test', databaseUrl, createProducer: () => producer, logger, pollIntervalMs: 300_000 });
    await relay.start();
    try {
      // Whether the first row finds the relay idle or still in its first pass, it is published at once.
      await eventually(async () => relay.isActive(), 'relay active');

      const write = async () => {
        const em = orm.em.fork();
        const aggregate = randomUUID();
        const event = recordRework(em, aggregate, 1);
        await em.flush();
        return event.id;
      };
      const statusOf = async (id: string) => (await orm.em.fork().execute<{ status: string }[]>('select status from outbox where id = ?', [id]))[0]?.status;

      const firstId = await write();
      // Bounded, so the relay is stopped below whatever happens. Any transaction on the server (another
      // test's system seeding its demo region, say) holds rows back: the waits allow for one that long.
      await Promise.race([started, new Promise((_, reject) => setTimeout(() => reject(new Error('the first batch never started')), 120_000).unref())]);
      const secondId = await write();
      // Its notification should reach the relay while the first batch is still in flight. Nothing outside
      // the relay shows that it arrived, so this pause only makes that order likely (the test passes
      // in the other order too); it synchronises nothing the assertions depend on.
      await new Promise((resolve) => setTimeout(resolve, 500));
      openGate();

      await eventually(async () => (await statusOf(firstId)) === 'published', 'the first row published', 90_000);
      await eventually(async () => (await statusOf(secondId)) === 'published', 'the row committed during the batch published without the slow poll', 90_000);
    } finally {
      openGate();
      await relay.stop();
    }
  }, 330_000);

  it('publishes a row a running transaction deferred once that transaction ends, without the slow poll', async () => {
    // A transaction that began before the row committed (here an unrelated one; on a shared server
    // any service's) keeps it below pg_snapshot_xmin. Its end sends no notification.
    const kafka = createKafkaClient({ brokers: broker.brokers.split(','), clientId: 'outbox-test-deferred', logger });
    const relay = createOutboxRelay({
      service: 'outbox-test',
      databaseUrl,
      createProducer: () => createIdempotentProducer(kafka),
      logger,
      pollIntervalMs: 300_000,
    });
    const holder = new pg.Client({ connectionString: testEnv.databaseUrl });
    await holder.connect();
    await relay.start();
    try {
      await eventually(async () => relay.isActive(), 'relay active');
      await holder.query('begin');
      await holder.query('select pg_current_xact_id()');
      const em = orm.em.fork();
      const aggregate = randomUUID();
      const event = recordRework(em, aggregate, 1);
      await em.flush();
      const statusOf = async () => (await orm.em.fork().execute<{ status: string }[]>('select status from outbox where id = ?', [event.id]))[0]?.status;
      // The notification has come and gone; the row stays pending while the holder runs.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(await statusOf(), 'pending', 'a row below xmin is not published yet');
      await holder.query('commit');
      await eventually(async () => (await statusOf()) === 'published', 'the deferred row published after the holder ended', 120_000);
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
      await relay.stop();
    }
  }, 180_000);

  it('goes on publishing after Kafka appended part of a failed batch (a fresh producer, not a desynchronised one)', async () => {
    // One produce request carries a partition the broker appends and one it refuses (a message over
    // message.max.bytes). kafkajs then rolls back the sequence numbers of both partitions, so the
    // idempotent producer is one batch behind the broker on the appended partition, and the relay's
    // next batch (a different one: it isolates rows one by one) is refused as out of order, for ever.
    // A broker stopping mid-request (NOT_LEADER on some partitions) leaves the producer the same way.
    const kafka = createKafkaClient({ brokers: broker.brokers.split(','), clientId: 'outbox-test-partial', logger });
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const aggregate = randomUUID();
    const row = (t: string, n: number, padding = '') => ({ id: randomUUID(), topic: t, key: aggregate, event: { id: randomUUID(), n, padding } });
    const accepted = [row(topic, 1), row(topic, 2), row(topic, 4), row(topic, 5)];
    const tooLarge = row(otherTopic, 3, 'x'.repeat(2_000_000));
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const r of [...accepted.slice(0, 2), tooLarge, ...accepted.slice(2)]) {
        await client.query(`insert into outbox (id, topic, message_key, type, event) values ($1, $2, $3, 'kz.bakylau.test.v1', $4)`, [
          r.id,
          r.topic,
          r.key,
          r.event,
        ]);
      }
      await client.query('commit');
    } finally {
      client.release();
    }
    const relay = createOutboxRelay({
      service: 'outbox-test',
      databaseUrl,
      createProducer: () => createIdempotentProducer(kafka),
      logger,
      pollIntervalMs: 200,
      maxBackoffMs: 500,
    });
    const ids = [...accepted, tooLarge].map((r) => r.id);
    let last: { id: string; status: string; last_error: string | null }[] = [];
    const statusOf = (id: string) => last.find((r) => r.id === id)?.status;
    await relay.start();
    try {
      await eventually(
        async () => {
          last = (await pool.query<(typeof last)[number]>('select id::text, status, last_error from outbox where id = any($1::uuid[]) order by seq', [ids]))
            .rows;
          return accepted.every((r) => statusOf(r.id) === 'published') && statusOf(tooLarge.id) === 'dead';
        },
        () => `the accepted rows published and the refused one (${tooLarge.id}) parked as dead; now ${JSON.stringify(last)}`,
        30_000,
      );
    } finally {
      await relay.stop();
      await pool.end();
    }
  }, 60_000);
});
