import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import kafkajs from 'kafkajs';

// kafkajs is CommonJS: its error classes come off the default export.
const { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } = kafkajs;
import { isRefusedForGood } from './outbox-relay.ts';

/** What kafkajs's retrier throws for an error it gives up on: a non-retriable error caused by it. */
const givenUp = (error: Error) => Object.assign(new KafkaJSNonRetriableError(error), { cause: error });
const protocolError = (type: string, code: number, retriable: boolean) =>
  new KafkaJSProtocolError({ type, code, retriable, message: type } as unknown as Error);

describe('isRefusedForGood: when the relay may give up on an event', () => {
  it('never for an outage, even once kafkajs calls it non-retriable', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    const outages: unknown[] = [
      refused,
      givenUp(refused),
      new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 5000 }),
      new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'),
      protocolError('NOT_LEADER_FOR_PARTITION', 6, true),
      protocolError('UNKNOWN_TOPIC_OR_PARTITION', 3, true),
      new Error('Connection terminated unexpectedly'),
      'a string',
    ];
    for (const error of outages) assert.equal(isRefusedForGood(error), false, String(error));
  });

  it('when Kafka refuses the message itself, directly or wrapped by the retrier', () => {
    const tooLarge = protocolError('MESSAGE_TOO_LARGE', 10, false);
    assert.equal(isRefusedForGood(tooLarge), true);
    assert.equal(isRefusedForGood(givenUp(tooLarge)), true);
    assert.equal(isRefusedForGood(protocolError('INVALID_RECORD', 87, false)), true);
    assert.equal(isRefusedForGood(new AggregateError([new KafkaJSConnectionError('x'), protocolError('RECORD_LIST_TOO_LARGE', 18, false)])), true);
  });
});
