// Kafka goes away in the middle of a stream of 1,000 mutations through the gateway: every mutation
// still succeeds (events wait in the outboxes), and once the broker is back every event reaches
// each of its consumers and the audit trail exactly once, and every outbox row is published.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import {
  assertEveryEventConsumedOnce,
  outboxStatus,
  pool,
  startReliability,
  waitOutboxesPublished,
  type Caller,
  type Reliability,
  startupTimeoutMs,
} from './harness.ts';

const total = 1_000;
const stopAfter = 200;
const restartAfter = 650;
const registrar: Caller = { role: 'registrar', subject: 'reliability-kafka-registrar' };
const register = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id registrationNumber } }`;

let r: Reliability;

beforeAll(async () => {
  r = await startReliability('kafka-outage');
  await waitOutboxesPublished(r);
}, startupTimeoutMs);

afterAll(async () => {
  await r?.stop();
});

describe('Kafka broker stopped during a stream of 1,000 mutations', () => {
  it('accepts every mutation while the broker is down, then delivers every event to every consumer exactly once', async () => {
    const started = Date.now();
    let done = 0;
    let brokerStopped: Promise<void> | null = null;
    // Settled until the stream restarts the broker (set in the callback, so narrowing cannot see it).
    let brokerRestarted: Promise<void> = Promise.resolve();
    let pendingWhileDown = 0;
    const failures: string[] = [];
    const ids: string[] = [];

    await pool(total, 8, async (i) => {
      const result = await r.gql<{ registerAppeal: { id: string } }>(
        register,
        {
          input: {
            kind: 'APPLICATION',
            channel: 'POST',
            applicant: { type: 'ANONYMOUS' },
            summary: `Обращение ${i} во время сбоя Kafka`,
            text: 'Текст обращения для проверки надёжности доставки событий.',
          },
        },
        registrar,
      );
      const id = result.data?.registerAppeal?.id;
      if (!id || result.errors?.length) failures.push(`#${i}: HTTP ${result.status} ${JSON.stringify(result.errors)}`);
      else ids.push(id);
      done++;
      if (done === stopAfter) brokerStopped = r.broker.stop();
      if (done === restartAfter && brokerStopped) {
        // Waits for the stop to finish, proves events are waiting, then starts the broker while mutations go on.
        brokerRestarted = brokerStopped.then(async () => {
          pendingWhileDown = (await outboxStatus(r, 'appeals'))['pending'] ?? 0;
          await r.broker.restart();
        });
      }
    });
    const mutationsMs = Date.now() - started;
    await brokerRestarted;
    assert.ok(brokerStopped, 'the broker was stopped during the stream');
    assert.deepEqual(failures, [], 'every mutation succeeds whether Kafka is up or not');
    assert.equal(ids.length, total);
    assert.ok(pendingWhileDown > 0, 'while the broker was down, events waited in the outbox');

    // Everything that was committed is in the database.
    const stored = await r.db('appeals').query<{ n: number }>('select count(*)::int as n from appeal where id = any($1::uuid[])', [ids]);
    assert.equal(stored.rows[0]?.n, total);

    const deliveryStarted = Date.now();
    await waitOutboxesPublished(r, undefined, 180_000);
    const { events } = await assertEveryEventConsumedOnce(r, 180_000);
    const registered = await r
      .db('appeals')
      .query<{ n: number }>(
        `select count(*)::int as n from outbox where type = 'kz.bakylau.appeal.registered.v1' and event->'data'->>'appealId' = any($1::text[])`,
        [ids],
      );
    assert.equal(registered.rows[0]?.n, total, 'one registered event per mutation');
    assert.deepEqual(r.unexpectedExits, [], 'no process died');
    console.log(
      `[kafka-outage] ${total} mutations in ${mutationsMs} ms (${pendingWhileDown} events pending while the broker was down); ` +
        `${events} events published and consumed exactly once ${Date.now() - deliveryStarted} ms after the stream`,
    );
  }, 300_000);
});
