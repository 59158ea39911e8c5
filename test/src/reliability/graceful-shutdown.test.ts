// SIGTERM to a subgraph under load: requests it already accepted complete (no reset), it exits 0,
// and its outbox is left published or pending, never half-published: after a restart every row
// gets published and every event is applied exactly once by each consumer and the audit trail.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import pg from 'pg';
import { withDatabase } from '@bakylau/platform/db/database-url';
import {
  assertEveryEventConsumedOnce,
  health,
  outboxStatus,
  sleep,
  startReliability,
  waitFor,
  waitOutboxesPublished,
  type Caller,
  type GqlResult,
  type Reliability,
  startupTimeoutMs,
} from './harness.ts';

const registrar: Caller = { role: 'registrar', subject: 'reliability-sigterm-registrar' };
const register = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id version } }`;
const appealInput = (summary: string) => ({
  kind: 'APPLICATION',
  channel: 'POST',
  applicant: { type: 'ANONYMOUS' },
  summary,
  text: 'Проверка корректной остановки.',
});
const inFlightCount = 8;

let r: Reliability;

beforeAll(async () => {
  r = await startReliability('graceful-shutdown');
  await waitOutboxesPublished(r);
}, startupTimeoutMs);

afterAll(async () => {
  await r?.stop();
});

describe('SIGTERM to a subgraph during load', () => {
  it('completes the requests it accepted, exits 0, and leaves no event half-published', async () => {
    // Appeals whose rows the test will lock, so that changes to them are surely in flight at SIGTERM.
    const held: { id: string; version: number }[] = [];
    for (let i = 0; i < inFlightCount; i++) {
      const result = await r.gql<{ registerAppeal: { id: string; version: number } }>(register, { input: appealInput(`В работе при SIGTERM ${i}`) }, registrar);
      assert.ok(result.data?.registerAppeal, result.text);
      held.push(result.data.registerAppeal);
    }

    // Background load: registrations through the gateway, before, during and after the shutdown.
    const registered: string[] = [];
    const refusals = new Map<string, number>();
    let stopLoad = false;
    let n = 0;
    const worker = async () => {
      while (!stopLoad) {
        const result = await r.gql<{ registerAppeal: { id: string } }>(register, { input: appealInput(`Нагрузка ${n++}`) }, registrar);
        const id = result.data?.registerAppeal?.id;
        if (id && !result.errors?.length) {
          registered.push(id);
          continue;
        }
        const code = result.errors?.[0]?.extensions?.code ?? `HTTP ${result.status}`;
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
        await sleep(300);
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);
    await waitFor(
      async () => registered.length >= 50,
      () => `50 registrations before the SIGTERM (so far ${registered.length})`,
      60_000,
      20,
    );

    // Lock the held appeals, then send a change of each: all of them wait inside the service.
    const locker = new pg.Client({ connectionString: withDatabase(r.postgresUrl, `${r.databasePrefix}appeals`) });
    await locker.connect();
    let inFlight: Promise<GqlResult<{ classifyAppeal: { version: number } }>[]>;
    try {
      await locker.query('begin');
      await locker.query('select id from appeal where id = any($1::uuid[]) for update', [held.map((a) => a.id)]);
      inFlight = Promise.all(
        held.map((a) =>
          r.gql<{ classifyAppeal: { version: number } }>(
            `mutation($input: ClassifyAppealInput!) { classifyAppeal(input: $input) { version } }`,
            { input: { appealId: a.id, expectedVersion: a.version, underAkimControl: true } },
            registrar,
          ),
        ),
      );
      await waitFor(
        async () => {
          const { rows } = await r
            .db('appeals')
            .query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
          return (rows[0]?.n ?? 0) >= inFlightCount;
        },
        () => `the ${inFlightCount} changes to wait on the row locks`,
        30_000,
        50,
      );

      const appeals = r.system.processes.get('appeals');
      assert.ok(appeals);
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        appeals.child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const terminatedAt = Date.now();
      appeals.child.kill('SIGTERM');

      // Draining: it stops taking new requests (no longer ready) but stays up for the ones it holds,
      // which wait on the locks this test holds, so it cannot be done with them.
      await waitFor(
        async () => (await health(r, 'appeals', 'ready')) !== 200,
        () => 'the service to leave readiness after SIGTERM',
        30_000,
        50,
      );
      assert.equal(appeals.child.exitCode, null, 'the service waits for its in-flight requests');
      assert.equal(appeals.child.signalCode, null, 'the service waits for its in-flight requests');
      await locker.query('commit');

      const answers = await inFlight;
      for (const [i, answer] of answers.entries()) {
        assert.equal(answer.errors, undefined, `in-flight change ${i} completed: ${answer.text}`);
        assert.equal(answer.data?.classifyAppeal?.version, (held[i]?.version ?? 0) + 1);
      }
      const exit = await exited;
      const shutdownMs = Date.now() - terminatedAt;
      assert.deepEqual(exit, { code: 0, signal: null }, 'the service exits 0 after draining');

      // Never half-published: every row is either published (in Kafka) or still pending.
      const statuses = await outboxStatus(r, 'appeals');
      assert.deepEqual(
        Object.keys(statuses).filter((s) => s !== 'published' && s !== 'pending'),
        [],
        JSON.stringify(statuses),
      );

      const restartStarted = Date.now();
      await r.system.restart('appeals');
      const restartMs = Date.now() - restartStarted;
      const atRestart = registered.length;
      await waitFor(
        async () => registered.length >= atRestart + 30,
        () => `30 registrations after the restart (so far ${registered.length - atRestart})`,
        60_000,
        20,
      );
      stopLoad = true;
      await load;

      // Refusals while it was down are the clear outage error, nothing else.
      assert.deepEqual(
        [...refusals.keys()].filter((code) => code !== 'SERVICE_UNAVAILABLE'),
        [],
        `refusal codes: ${JSON.stringify([...refusals])}`,
      );
      const stored = await r.db('appeals').query<{ n: number }>('select count(*)::int as n from appeal where id = any($1::uuid[])', [registered]);
      assert.equal(stored.rows[0]?.n, registered.length, 'every confirmed registration is stored');
      const changed = await r
        .db('appeals')
        .query<{ n: number }>('select count(*)::int as n from appeal where id = any($1::uuid[]) and under_akim_control', [held.map((a) => a.id)]);
      assert.equal(changed.rows[0]?.n, inFlightCount, 'the in-flight changes were committed');

      await waitOutboxesPublished(r, undefined, 120_000);
      const { events } = await assertEveryEventConsumedOnce(r, 120_000);
      assert.deepEqual(
        r.unexpectedExits.map((e) => e.name).filter((name) => name !== 'appeals'),
        [],
        'no other process died',
      );
      console.log(
        `[graceful-shutdown] ${inFlightCount} in-flight changes completed during the drain; exit 0 ${shutdownMs} ms after SIGTERM; ` +
          `restart ${restartMs} ms; ${registered.length} registrations confirmed, refusals ${JSON.stringify([...refusals])}; ${events} events consumed exactly once`,
      );
    } finally {
      await locker.end().catch(() => undefined);
    }
  }, 300_000);
});
