import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { receptionService } from '../src/service.ts';
import { book, citizen, codeOf, createOfficial, must, publishSession, registrar } from './reception-fixtures.ts';

describe('reception booking', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(receptionService);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('lets exactly one of 100 concurrent bookings of a slot win; the rest get CONFLICT', async () => {
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 2 });
    const slotId = session.slotIds[0]!;
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => book(service, slotId, citizen(i))));
    const won = results.filter((r) => r.data?.bookAppointment);
    const codes = results.filter((r) => !r.data?.bookAppointment).map(codeOf);
    assert.equal(won.length, 1);
    assert.equal(codes.length, 99);
    assert.ok(
      codes.every((code) => code === 'CONFLICT'),
      `codes: ${[...new Set(codes)].join(',')}`,
    );
    const rows = await service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from appointment where slot_id = ?', [slotId]);
    assert.equal(rows[0]?.n, 1);
    const booked = await service.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int as n from outbox where type = 'kz.bakylau.reception.appointment-booked.v1' and event->'data'->>'slotId' = ?`,
        [slotId],
      );
    assert.equal(booked[0]?.n, 1, 'only the winning booking left an event');
  });

  it("lists a citizen's own appointments with session time, official, place and state (myAppointments)", async () => {
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 2 });
    const [first, second] = session.slotIds as [string, string];
    const dana = citizen('dana');
    const cancelled = must(await book(service, first, dana)).bookAppointment;
    must(await service.request(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: cancelled.id }, dana));
    const booked = must(await book(service, second, dana)).bookAppointment;
    must(await book(service, first, citizen('erlan'))); // somebody else's
    const query = `query { myAppointments { edges { node { id state bookedAt cancelledAt slot { startsAt } session { place official { fullName title } } } } } }`;
    type Node = {
      id: string;
      state: string;
      cancelledAt: string | null;
      slot: { startsAt: string };
      session: { place: string; official: { fullName: string; title: string } };
    };
    const mine = must(await service.request<{ myAppointments: { edges: { node: Node }[] } }>(query, {}, dana)).myAppointments.edges.map((e) => e.node);
    assert.deepEqual(
      mine.map((a) => [a.id, a.state]),
      [
        [booked.id, 'BOOKED'],
        [cancelled.id, 'CANCELLED'],
      ],
      'newest booking first',
    );
    assert.ok(mine[1]?.cancelledAt);
    assert.equal(mine[0]?.session.place, 'Зал приёма');
    assert.deepEqual(mine[0]?.session.official, { fullName: 'Сарсенбаева Айгуль', title: 'Заместитель акима' });
    assert.ok(mine[0]?.slot.startsAt);
    assert.equal(codeOf(await service.request(query, {}, registrar)), 'FORBIDDEN', 'staff read appointments(filter), not myAppointments');
  });

  it('frees the slot on cancellation, and a rebooking of it works', async () => {
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 2 });
    const [first, second] = session.slotIds as [string, string];
    const alice = citizen('alice');
    const bob = citizen('bob');
    const booked = must(await book(service, first, alice)).bookAppointment;
    assert.equal(codeOf(await book(service, first, bob)), 'CONFLICT');

    const freeQuery = `query($id: ID!) { freeSlots(sessionId: $id) { id } }`;
    let free = must(await service.request<{ freeSlots: { id: string }[] }>(freeQuery, { id: session.id }, bob)).freeSlots.map((s) => s.id);
    assert.deepEqual(free, [second]);

    assert.equal(codeOf(await service.request(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: booked.id }, bob)), 'FORBIDDEN', 'not her own');
    const cancelled = must(
      await service.request<{ cancelAppointment: { state: string } }>(`mutation($id: ID!) { cancelAppointment(id: $id) { state } }`, { id: booked.id }, alice),
    );
    assert.equal(cancelled.cancelAppointment.state, 'CANCELLED');
    free = must(await service.request<{ freeSlots: { id: string }[] }>(freeQuery, { id: session.id }, bob)).freeSlots.map((s) => s.id);
    assert.deepEqual(free.sort(), [first, second].sort());

    const rebooked = must(await book(service, first, bob)).bookAppointment;
    assert.equal(rebooked.state, 'BOOKED');

    // Moving a booking: onto a taken slot is a CONFLICT and changes nothing; onto a free one works.
    const carol = citizen('carol');
    const carolBooking = must(await book(service, second, carol)).bookAppointment;
    const move = `mutation($id: ID!, $slotId: ID!) { rebookAppointment(id: $id, slotId: $slotId) { id state slot { id } } }`;
    assert.equal(codeOf(await service.request(move, { id: carolBooking.id, slotId: first }, carol)), 'CONFLICT');
    const still = await service.orm.em.fork().execute<{ state: string }[]>('select state from appointment where id = ?', [carolBooking.id]);
    assert.equal(still[0]?.state, 'BOOKED');
    must(await service.request(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: rebooked.id }, registrar));
    const moved = must(
      await service.request<{ rebookAppointment: { state: string; slot: { id: string } } }>(move, { id: carolBooking.id, slotId: first }, carol),
    );
    assert.equal(moved.rebookAppointment.slot.id, first);
  });

  it('gives a freed slot to the first citizen on the waiting list', async () => {
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 1 });
    const holder = citizen('holder');
    const waiter = citizen('waiter');
    const later = citizen('later');
    const booking = must(await book(service, session.slotIds[0]!, holder)).bookAppointment;
    const join = `mutation($input: JoinWaitingListInput!) { joinWaitingList(input: $input) { id state } }`;
    const input = { sessionId: session.id, topic: 'Вопрос о жилье', citizenName: 'Ким Ольга', citizenPhone: '8 701 765 43 21' };
    const entry = must(await service.request<{ joinWaitingList: { id: string; state: string } }>(join, { input }, waiter)).joinWaitingList;
    assert.equal(entry.state, 'WAITING');
    must(await service.request(join, { input }, later));

    must(await service.request(`mutation($id: ID!) { cancelAppointment(id: $id) { id } }`, { id: booking.id }, holder));

    const mine = must(
      await service.request<{ appointments: { edges: { node: { state: string; fromWaitingList: boolean; citizenPhone: string; slot: { id: string } } }[] } }>(
        `{ appointments { edges { node { state fromWaitingList citizenPhone slot { id } } } } }`,
        {},
        waiter,
      ),
    ).appointments.edges;
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0]?.node, { state: 'BOOKED', fromWaitingList: true, citizenPhone: '+77017654321', slot: { id: session.slotIds[0] } });
    const waiting = must(
      await service.request<{ waitingList: { citizenSubject: string }[] }>(
        `query($id: ID!) { waitingList(sessionId: $id) { citizenSubject } }`,
        { id: session.id },
        official.caller,
      ),
    ).waitingList;
    assert.deepEqual(
      waiting.map((w) => w.citizenSubject),
      [later.subject],
      'the second in line is now first',
    );
  });

  it('rejects bad input before writing anything', async () => {
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity: 1 });
    const result = await service.request(
      `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
      { input: { slotId: session.slotIds[0], topic: ' ', citizenName: 'Ахметов', citizenPhone: '12345' } },
      citizen('bad'),
    );
    assert.equal(codeOf(result), 'BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort();
    assert.deepEqual(fields, ['citizenPhone', 'topic']);
    const rows = await service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from appointment where session_id = ?', [session.id]);
    assert.equal(rows[0]?.n, 0);
    // A phone that is SQL, and a name with a bidirectional override (refused by the kernel's input limits).
    for (const [input, field] of [
      [{ topic: 'Вопрос', citizenName: 'Ахметов', citizenPhone: `+7 ABC'); DROP TABLE appeal;--` }, 'citizenPhone'],
      [{ topic: 'Вопрос', citizenName: 'Ахметов\u202e', citizenPhone: '+77011234567' }, 'input.citizenName'],
    ] as const) {
      const refused = await service.request(
        `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }`,
        { input: { slotId: session.slotIds[0], ...input } },
        citizen('bad'),
      );
      assert.equal(codeOf(refused), 'BAD_USER_INPUT', field);
      assert.deepEqual(
        (refused.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field),
        [field],
      );
    }
    const after = await service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from appointment where session_id = ?', [session.id]);
    assert.equal(after[0]?.n, 0);
    assert.equal(codeOf(await book(service, crypto.randomUUID(), citizen('x'))), 'NOT_FOUND');
    assert.equal(codeOf(await book(service, session.slotIds[0]!, { role: 'analyst' })), 'FORBIDDEN');
  });
});
