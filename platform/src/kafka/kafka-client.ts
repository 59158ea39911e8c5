import { Kafka, logLevel, type LogEntry, type Producer } from 'kafkajs';
import type { Logger } from '../logging.ts';

const levelNames: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go to the service logger (one JSON log stream per service). */
export function createKafkaClient(options: { brokers: string[]; clientId: string; logger: Logger }): Kafka {
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3000,
    // Retries inside kafkajs stay short: the outbox relay and the consumer runner have their own
    // unbounded backoff, so a long broker outage never turns into a crashed process.
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[levelNames[level] ?? 'info']({ ...extra }, message);
      },
  });
}

/**
 * The idempotent producer the relay publishes with: acks from all in-sync replicas and one
 * request in flight, so retries never reorder or duplicate messages within a partition.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
