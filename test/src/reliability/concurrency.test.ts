// Concurrency through the gateway: optimistic locking lets exactly one of 50 conflicting updates
// win, registration numbers stay unique and gapless under 500 concurrent registrations, and one
// slot goes to exactly one of 100 concurrent bookings.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { civilDateInKazakhstan } from '@bakylau/platform/calendar/index';
import { demoId, startReliability, waitCaughtUp, type Caller, type Reliability, startupTimeoutMs } from './harness.ts';

const registrar: Caller = { role: 'registrar', subject: 'reliability-concurrency-registrar' };
const register = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { id registrationNumber version } }`;
const appealInput = (i: number) => ({
  kind: 'APPLICATION',
  channel: 'POST',
  applicant: { type: 'ANONYMOUS' },
  summary: `Параллельная регистрация ${i}`,
  text: 'Проверка уникальности и непрерывности регистрационных номеров.',
});

let r: Reliability;

beforeAll(async () => {
  r = await startReliability('concurrency');
  // The demo seed's events (a reception request registers an appeal) are all applied before anything is counted.
  await waitCaughtUp(r);
}, startupTimeoutMs);

afterAll(async () => {
  await r?.stop();
});

describe('concurrency through the gateway', () => {
  it('lets exactly one of 50 concurrent updates with the same expectedVersion win; the other 49 get CONFLICT', async () => {
    const registered = await r.gql<{ registerAppeal: { id: string; version: number } }>(register, { input: appealInput(0) }, registrar);
    const appeal = registered.data?.registerAppeal;
    assert.ok(appeal, registered.text);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        r.gql<{ classifyAppeal: { version: number } }>(
          `mutation($input: ClassifyAppealInput!) { classifyAppeal(input: $input) { version underAkimControl } }`,
          { input: { appealId: appeal.id, expectedVersion: appeal.version, underAkimControl: i % 2 === 0 } },
          registrar,
        ),
      ),
    );
    const won = results.filter((result) => result.data?.classifyAppeal && !result.errors?.length);
    const codes = results.filter((result) => !result.data?.classifyAppeal).map((result) => result.errors?.[0]?.extensions?.code);
    assert.equal(won.length, 1, `exactly one winner (codes of the others: ${JSON.stringify(codes)})`);
    assert.equal(codes.length, 49);
    assert.ok(
      codes.every((code) => code === 'CONFLICT'),
      `every loser gets CONFLICT: ${JSON.stringify([...new Set(codes)])}`,
    );
    const winner = won[0]?.data?.classifyAppeal;
    assert.equal(winner?.version, appeal.version + 1);
    const { rows } = await r.db('appeals').query<{ version: number }>('select version from appeal where id = $1', [appeal.id]);
    assert.equal(rows[0]?.version, appeal.version + 1, 'the appeal changed once');
  });

  it('keeps registration numbers unique and gapless under 500 concurrent registrations', async () => {
    // The year's appeals before the waves: the demo seed's and the one of the first test.
    const year = Number(civilDateInKazakhstan(new Date()).slice(0, 4));
    const before = (await r.db('appeals').query<{ n: number }>('select count(*)::int as n from appeal where registration_year = $1', [year])).rows[0]?.n ?? 0;
    assert.ok(before >= 1, 'the appeal of the first test is counted');
    const started = Date.now();
    const numbers: string[] = [];
    const failures: string[] = [];
    // Waves of 100 at once: as concurrent as two cores can usefully serve.
    for (let wave = 0; wave < 5; wave++) {
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          r.gql<{ registerAppeal: { registrationNumber: string } }>(register, { input: appealInput(wave * 100 + i + 1) }, registrar),
        ),
      );
      for (const result of results) {
        const number = result.data?.registerAppeal?.registrationNumber;
        if (number && !result.errors?.length) numbers.push(number);
        else failures.push(`HTTP ${result.status}: ${JSON.stringify(result.errors)}`);
      }
    }
    const elapsed = Date.now() - started;
    assert.deepEqual(failures.slice(0, 5), [], `every registration succeeds (${failures.length} failed)`);
    assert.equal(numbers.length, 500);
    assert.equal(new Set(numbers).size, 500, 'numbers are unique');

    assert.ok(
      numbers.every((number) => number.includes(`-${year}-`)),
      'all registered this year',
    );
    // The year's appeals (this file's own database, the demo seed's included): sequence numbers are exactly 1..N.
    const { rows } = await r
      .db('appeals')
      .query<{ registration_number: string; registration_sequence: number }>(
        'select registration_number, registration_sequence from appeal where registration_year = $1 order by registration_sequence',
        [year],
      );
    const sequences = rows.map((row) => row.registration_sequence);
    assert.deepEqual(
      sequences,
      Array.from({ length: rows.length }, (_, i) => i + 1),
      'sequence numbers run 1..N without a gap',
    );
    assert.equal(rows.length, before + 500, 'the 500 and those registered before them');
    for (const number of numbers) {
      const sequence = Number(/-(\d+)$/.exec(number)?.[1]);
      assert.ok(sequence >= 1 && sequence <= rows.length, `${number} is within 1..${rows.length}`);
    }
    console.log(`[concurrency] 500 registrations in waves of 100 in ${elapsed} ms; sequences 1..${rows.length} without a gap`);
  }, 180_000);

  it('gives one slot to exactly one of 100 concurrent bookings; the other 99 get CONFLICT', async () => {
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    startsAt.setUTCHours(5, 0, 0, 0);
    const session = await r.gql<{ publishReceptionSession: { slots: { id: string }[] } }>(
      `mutation($input: PublishReceptionSessionInput!) { publishReceptionSession(input: $input) { slots { id } } }`,
      {
        input: {
          officialId: demoId('official:deputy-social'),
          startsAt: startsAt.toISOString(),
          format: 'IN_PERSON',
          place: 'Зал приёма',
          capacity: 2,
          slotMinutes: 15,
        },
      },
      registrar,
    );
    const slotId = session.data?.publishReceptionSession?.slots[0]?.id;
    assert.ok(slotId, session.text);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        r.gql<{ bookAppointment: { id: string } }>(
          `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
          { input: { slotId, topic: 'Вопрос о жилье', citizenName: 'Ахметов Серик', citizenPhone: '+77011234567' } },
          { role: 'citizen', subject: `reliability-concurrency-citizen-${i}` },
        ),
      ),
    );
    const won = results.filter((result) => result.data?.bookAppointment && !result.errors?.length);
    const codes = results.filter((result) => !result.data?.bookAppointment).map((result) => result.errors?.[0]?.extensions?.code);
    assert.equal(won.length, 1, `exactly one booking wins (others: ${JSON.stringify([...new Set(codes)])})`);
    assert.ok(codes.length === 99 && codes.every((code) => code === 'CONFLICT'), `the other 99 get CONFLICT: ${JSON.stringify([...new Set(codes)])}`);
    const { rows } = await r.db('reception').query<{ n: number }>('select count(*)::int as n from appointment where slot_id = $1', [slotId]);
    assert.equal(rows[0]?.n, 1);
    const events = await r
      .db('reception')
      .query<{ n: number }>(
        `select count(*)::int as n from outbox where type = 'kz.bakylau.reception.appointment-booked.v1' and event->'data'->>'slotId' = $1`,
        [slotId],
      );
    assert.equal(events.rows[0]?.n, 1, 'only the winning booking left an event');
  });
});
