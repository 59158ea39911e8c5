import { afterAll, test } from '@jest/globals';
import { diagnostic } from '@bakylau/platform/testkit/diagnostic';
import assert from '@bakylau/platform/testkit/assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Producer } from 'kafkajs';
import { ensureTopics, startKafkaBroker } from './kafka-broker.ts';

const TOPIC = 'broker-selftest';

async function produce(producer: Producer, values: string[]): Promise<void> {
  await producer.send({ topic: TOPIC, acks: -1, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
}

// Consumes with the given group until `want` values arrived; returns everything the group saw.
async function consume(kafka: Kafka, groupId: string, want: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId });
  const seen: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`group ${groupId} got ${seen.length}/${want} messages: ${seen.join(',')}`)), 60_000);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            seen.push(message.value?.toString() ?? '');
            if (seen.length >= want) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect(); // commits the offsets it consumed
  }
  return seen;
}

let cleanUp = async (): Promise<void> => undefined;
afterAll(() => cleanUp());

test('KRaft broker: idempotent produce and group consume, before and after restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kafka-broker-test-'));
  const broker = await startKafkaBroker({ dataDir, log: (m) => diagnostic(m) });
  let producer: Producer | undefined;
  cleanUp = async () => {
    await producer?.disconnect();
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  };

  await ensureTopics(broker.brokers, [{ topic: TOPIC, numPartitions: 3 }]);
  await ensureTopics(broker.brokers, [{ topic: TOPIC, numPartitions: 3 }]); // idempotent

  const kafka = new Kafka({ clientId: 'broker-selftest', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();

  const before = Array.from({ length: 10 }, (_, i) => `before-${i}`);
  await produce(producer, before);
  assert.deepEqual((await consume(kafka, 'selftest-group', before.length)).sort(), [...before].sort());

  await broker.restart();
  assert.equal(broker.brokers, `127.0.0.1:${broker.port}`);

  // Same producer (it reconnects) and same group: the group's committed offsets survived the restart,
  // so it must see exactly the new messages.
  const after = Array.from({ length: 10 }, (_, i) => `after-${i}`);
  await produce(producer, after);
  assert.deepEqual((await consume(kafka, 'selftest-group', after.length)).sort(), [...after].sort());

  // A fresh group reads the whole topic, so nothing written before the restart was lost.
  assert.deepEqual((await consume(kafka, 'selftest-fresh', 20)).sort(), [...before, ...after].sort());
}, 300_000);
