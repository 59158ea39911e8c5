import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { testEnv } from './test-env.ts';

export type KafkaTap = {
  /**
   * The raw values of the first `count` messages with `key` published on the topic after the tap
   * was opened (the shared broker holds every other file's messages too), exactly as a subscribing
   * agency receives them.
   */
  rawMessages(key: string, count: number, timeoutMs?: number): Promise<string[]>;
};

/** Marks the current end of each partition of `topic`, so a test can later read what was published after the mark. */
export async function tapTopic(topic: string): Promise<KafkaTap> {
  const kafka = new Kafka({ clientId: 'test-tap', brokers: testEnv.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const marks = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  return {
    async rawMessages(key, count, timeoutMs = 60_000) {
      const consumer = kafka.consumer({ groupId: `test-tap-${randomUUID()}` });
      const found: string[] = [];
      let timer: NodeJS.Timeout | undefined;
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: [topic] });
        await new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`${found.length}/${count} messages with key ${key} on ${topic} after ${timeoutMs} ms`)), timeoutMs);
          consumer
            .run({
              eachMessage: async ({ message }) => {
                if (message.key?.toString() !== key || found.length >= count) return;
                found.push(message.value?.toString() ?? '');
                if (found.length === count) resolve();
              },
            })
            .then(() => {
              for (const mark of marks) consumer.seek({ topic, partition: mark.partition, offset: mark.offset });
            }, reject);
        });
      } finally {
        clearTimeout(timer);
        await consumer.disconnect();
      }
      return found;
    },
  };
}
