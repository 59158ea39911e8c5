// A subgraph process is SIGKILLed in the middle of a booking load through the gateway. While it
// is down, a query spanning appeals and reception returns the appeals data with a clear
// SERVICE_UNAVAILABLE error for the reception part; once it is restarted the gateway serves it
// again, every booking that got a success answer is in its database, and its outbox relay picks
// up where it stopped: every outbox row gets published and consumed exactly once.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import {
  assertEveryEventConsumedOnce,
  demoId,
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

const registrar: Caller = { role: 'registrar', subject: 'reliability-crash-registrar' };
const controller: Caller = { role: 'controller', subject: 'reliability-crash-controller' };
const officialId = demoId('official:deputy-social');
const sessions = 6;

let r: Reliability;
const slotIds: string[] = [];
let appealId = '';

beforeAll(async () => {
  r = await startReliability('subgraph-crash');
  for (let s = 0; s < sessions; s++) {
    const startsAt = new Date(Date.now() + (20 + s) * 86_400_000);
    startsAt.setUTCHours(4, 0, 0, 0);
    const result = await r.gql<{ publishReceptionSession: { slots: { id: string }[] } }>(
      `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { id slots { id } } }`,
      { input: { officialId, startsAt: startsAt.toISOString(), format: 'IN_PERSON', place: `Зал приёма ${s}`, capacity: 100, slotMinutes: 5 } },
      registrar,
    );
    assert.ok(result.data?.publishReceptionSession, JSON.stringify(result.errors));
    slotIds.push(...result.data.publishReceptionSession.slots.map((slot) => slot.id));
  }
  const appeal = await r.gql<{ registerAppeal: { id: string } }>(
    `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id } }`,
    { input: { kind: 'APPLICATION', channel: 'POST', applicant: { type: 'ANONYMOUS' }, summary: 'Для запроса через два подграфа', text: 'Текст' } },
    registrar,
  );
  assert.ok(appeal.data?.registerAppeal, JSON.stringify(appeal.errors));
  appealId = appeal.data.registerAppeal.id;
  await waitOutboxesPublished(r);
}, startupTimeoutMs);

afterAll(async () => {
  await r?.stop();
});

const spanning = `query($id: ID!) { appeal(id: $id) { id state receptionVisit { id } } }`;
type Spanning = { appeal: { id: string; state: string; receptionVisit: { id: string } | null } | null };

describe('a subgraph killed (SIGKILL) during load', () => {
  it('answers partial data with a clear error while it is down, recovers on restart, and loses nothing it confirmed', async () => {
    const booked = new Map<string, string>(); // appointment id -> slot id
    const refusals = new Map<string, number>();
    let unavailable = 0;
    let stopLoad = false;
    let next = 0;

    const worker = async () => {
      while (!stopLoad && next < slotIds.length) {
        const i = next++;
        const result: GqlResult<{ bookAppointment: { id: string } }> = await r.gql(
          `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
          { input: { slotId: slotIds[i], topic: 'Вопрос о ремонте дороги', citizenName: 'Ахметов Серик', citizenPhone: '+77011234567' } },
          { role: 'citizen', subject: `reliability-crash-citizen-${i}` },
        );
        const id = result.data?.bookAppointment?.id;
        if (id && !result.errors?.length) {
          booked.set(id, slotIds[i] ?? '');
          continue;
        }
        const code = result.errors?.[0]?.extensions?.code ?? `HTTP ${result.status}`;
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
        if (code === 'SERVICE_UNAVAILABLE') unavailable++;
        await sleep(400);
      }
    };
    const load = Promise.all([worker(), worker(), worker(), worker()]);

    await waitFor(
      async () => booked.size >= 60,
      () => `60 bookings before the crash (so far ${booked.size})`,
      60_000,
      20,
    );
    await r.system.kill('reception');
    const bookedBeforeCrash = booked.size;
    const pendingAtCrash = (await outboxStatus(r, 'reception'))['pending'] ?? 0;

    // While reception is down: appeals data comes back, the reception part is a clear error.
    const partial = await r.gql<Spanning>(spanning, { id: appealId }, controller);
    assert.equal(partial.status, 200);
    assert.equal(partial.data?.appeal?.id, appealId, `the appeals part is served: ${partial.text}`);
    assert.equal(partial.data?.appeal?.state, 'REGISTERED');
    assert.equal(partial.data?.appeal?.receptionVisit, null);
    assert.equal(partial.errors?.length, 1, partial.text);
    assert.equal(partial.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE', partial.text);
    assert.equal(partial.errors?.[0]?.extensions?.['serviceName'], 'reception', partial.text);
    assert.match(partial.errors?.[0]?.message ?? '', /reception service is unavailable/);
    await waitFor(
      async () => unavailable >= 8,
      () => `bookings refused while reception is down (so far ${unavailable})`,
      30_000,
      20,
    );

    const restartStarted = Date.now();
    await r.system.restart('reception');
    const restartMs = Date.now() - restartStarted;
    const bookedAtRestart = booked.size;
    await waitFor(
      async () => booked.size >= bookedAtRestart + 40,
      () => `40 bookings after the restart (so far ${booked.size - bookedAtRestart})`,
      60_000,
      20,
    );
    stopLoad = true;
    await load;

    // Every refusal was the clear outage error: no crash, no INTERNAL_SERVER_ERROR, no hang.
    assert.deepEqual([...refusals.keys()], ['SERVICE_UNAVAILABLE'], `refusal codes: ${JSON.stringify([...refusals])}`);

    // The gateway serves the spanning query whole again.
    const whole = await r.gql<Spanning>(spanning, { id: appealId }, controller);
    assert.equal(whole.errors, undefined, whole.text);
    assert.equal(whole.data?.appeal?.id, appealId);
    assert.equal(await health(r, 'reception', 'ready'), 200);

    // Every confirmed booking is in reception's database.
    const ids = [...booked.keys()];
    const stored = await r
      .db('reception')
      .query<{ id: string; slot_id: string }>('select id::text, slot_id::text from appointment where id = any($1::uuid[])', [ids]);
    assert.equal(stored.rows.length, ids.length, 'every booking that got a success answer was committed');
    for (const row of stored.rows) assert.equal(row.slot_id, booked.get(row.id));

    // The relay resumed where it stopped: every outbox row is published and consumed once.
    await waitOutboxesPublished(r, undefined, 120_000);
    const events = await r
      .db('reception')
      .query<{ n: number }>(
        `select count(*)::int as n from outbox where type = 'kz.bakylau.reception.appointment-booked.v1' and event->>'subject' = any($1::text[])`,
        [ids],
      );
    assert.equal(events.rows[0]?.n, ids.length, 'one appointment-booked event per confirmed booking');
    const { events: consumed } = await assertEveryEventConsumedOnce(r, 120_000);
    assert.deepEqual(r.unexpectedExits, [], 'no other process died');
    console.log(
      `[subgraph-crash] ${bookedBeforeCrash} bookings before the SIGKILL, ${unavailable} refused with SERVICE_UNAVAILABLE while down, ` +
        `${pendingAtCrash} reception events pending at the crash, restart took ${restartMs} ms, ${booked.size} bookings confirmed in all; ${consumed} events consumed exactly once`,
    );
  }, 300_000);
});
