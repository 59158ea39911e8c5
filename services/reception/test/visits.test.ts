import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { Kafka, logLevel } from 'kafkajs';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { openSealedText, type SealedText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { tapTopic } from '@bakylau/platform/testkit/kafka-tap';
import { eventually, testEnv } from '@bakylau/platform/testkit/test-env';
import { outboxRowsHolding, rawHolds, startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { receptionService } from '../src/service.ts';
import { linkAppealToVisit } from '../src/use-cases/appeal-linking.ts';
import { admin, book, citizen, codeOf, createOfficial, must, publishSession } from './reception-fixtures.ts';

const recordVisit = `mutation($input: RecordVisitInput!) { recordVisit(input: $input) { id state outcomes givenInstructions { text dueDate } } }`;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

describe('reception visits, follow-ups and the graph', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(receptionService, { consumers: true });
  });
  afterAll(async () => {
    await service?.stop();
  });

  async function bookedAppointment(capacity = 2) {
    const official = await createOfficial(service);
    const session = await publishSession(service, official, { capacity });
    const visitor = citizen('visitor');
    const appointment = must(await book(service, session.slotIds[0]!, visitor)).bookAppointment;
    return { official, session, visitor, appointmentId: appointment.id };
  }

  const outboxTypes = async (appointmentId: string) =>
    (await service.orm.em.fork().execute<{ type: string }[]>(`select type from outbox where message_key = ? order by seq`, [appointmentId])).map((r) => r.type);

  it('records outcomes; an appeal to register and instructions leave as events without the phone, their text sealed', async () => {
    const { official, appointmentId } = await bookedAppointment();
    const executor = crypto.randomUUID();
    // Phrases planted in the officials' free text: they must reach the services sealed, never readable on the topic.
    const plantedSummary = 'Нет освещения у дома 12 на улице Абая, говорит Ахметова Гульнара';
    const plantedInstruction = 'Восстановить освещение у дома 12 на улице Абая';
    // The booking's event is on the topic before the tap marks its end, so the tap sees only the visit's three.
    await eventually(
      async () =>
        (
          await service.orm.em
            .fork()
            .execute<{ n: number }[]>(`select count(*)::int as n from outbox where message_key = ? and status <> 'published'`, [appointmentId])
        )[0]?.n === 0,
      'the booking was published',
    );
    const tap = await tapTopic(topics.reception);
    const result = must(
      await service.request<{ recordVisit: { state: string; outcomes: string[]; instructions: { text: string }[] } }>(
        recordVisit,
        {
          input: {
            appointmentId,
            outcomes: ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN'],
            appeal: { summary: plantedSummary },
            instructions: [{ text: plantedInstruction, executorOrganizationId: executor, dueDate: inAWeek() }],
          },
        },
        official.caller,
      ),
    );
    assert.equal(result.recordVisit.state, 'ATTENDED');
    assert.deepEqual(result.recordVisit.outcomes, ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN']);
    const types = await outboxTypes(appointmentId);
    assert.ok(types.includes('kz.bakylau.reception.visit-recorded.v1'));
    assert.ok(types.includes('kz.bakylau.reception.appeal-requested.v2'));
    assert.ok(types.includes('kz.bakylau.reception.instruction-given.v2'));
    assert.ok(
      !types.some((type) => type.endsWith('.v1') && /appeal-requested|instruction-given/.test(type)),
      'the retired plain-text versions are not produced',
    );
    const [requested] = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>(
        `select event from outbox where message_key = ? and type = 'kz.bakylau.reception.appeal-requested.v2'`,
        [appointmentId],
      );
    const payload = JSON.stringify(requested?.event);
    assert.ok(!payload.includes('7011234567') && !/phone/i.test(payload), 'no phone in the event');
    assert.ok(!payload.includes('Ахметов'), 'no citizen name in the event');
    assert.equal(requested?.event.data['summary'], undefined);
    assert.equal(openSealedText(requested?.event.data['sealedSummary'] as SealedText, service.sealingKeys), plantedSummary);
    assert.deepEqual(requested?.event.data['actor'], { subject: official.caller.subject, role: 'official' });
    const [given] = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>(
        `select event from outbox where message_key = ? and type = 'kz.bakylau.reception.instruction-given.v2'`,
        [appointmentId],
      );
    assert.equal(given?.event.data['executorOrganizationId'], executor);
    assert.equal(openSealedText(given?.event.data['sealedText'] as SealedText, service.sealingKeys), plantedInstruction);
    for (const phrase of [plantedSummary, plantedInstruction, 'Ахметова', 'дома 12']) {
      assert.deepEqual(await outboxRowsHolding(service.orm, phrase), [], `"${phrase}" in an outbox row`);
    }
    // What subscribing agencies receive: the relay published all three events of the visit; none holds the text.
    const raw = await tap.rawMessages(appointmentId, 3);
    assert.deepEqual(
      raw
        .map((value) => (JSON.parse(value) as { type: string }).type)
        .filter((type) => !type.endsWith('visit-recorded.v1'))
        .sort(),
      ['kz.bakylau.reception.appeal-requested.v2', 'kz.bakylau.reception.instruction-given.v2'],
    );
    for (const phrase of [plantedSummary, plantedInstruction, 'Ахметова', 'дома 12'])
      assert.ok(!raw.some((value) => rawHolds(value, phrase)), `"${phrase}" on the topic`);
    assert.equal(
      codeOf(await service.request(recordVisit, { input: { appointmentId, outcomes: ['ANSWERED_ON_THE_SPOT'] } }, official.caller)),
      'CONFLICT',
      'recorded once',
    );
  }, 90_000);

  it('forbids a citizen and a foreign official to record an outcome, and rejects incoherent records; nothing is written', async () => {
    const { visitor, appointmentId } = await bookedAppointment();
    const other = await createOfficial(service);
    const input = { appointmentId, outcomes: ['ANSWERED_ON_THE_SPOT'] };
    assert.equal(codeOf(await service.request(recordVisit, { input }, visitor)), 'FORBIDDEN');
    assert.equal(codeOf(await service.request(recordVisit, { input }, other.caller)), 'FORBIDDEN');
    const bad = await service.request(recordVisit, { input: { appointmentId, outcomes: ['APPEAL_TO_REGISTER', 'REFERRED'] } }, admin);
    assert.equal(codeOf(bad), 'BAD_USER_INPUT');
    assert.deepEqual((bad.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort(), ['appeal.summary', 'referredTo']);
    assert.equal(codeOf(await service.request(recordVisit, { input: { ...input, appointmentId: crypto.randomUUID() } }, admin)), 'NOT_FOUND');
    const [row] = await service.orm.em.fork().execute<{ state: string }[]>('select state from appointment where id = ?', [appointmentId]);
    assert.equal(row?.state, 'BOOKED');
    assert.deepEqual(await outboxTypes(appointmentId), ['kz.bakylau.reception.appointment-booked.v1']);
  });

  it('links the visit to the registered appeal once, however often the event arrives', async () => {
    const { official, appointmentId } = await bookedAppointment();
    must(
      await service.request(recordVisit, { input: { appointmentId, outcomes: ['APPEAL_TO_REGISTER'], appeal: { summary: 'Ремонт крыши' } } }, official.caller),
    );
    const appealId = crypto.randomUUID();
    const event = createCloudEvent({
      source: '/bakylau/appeals',
      type: 'kz.bakylau.appeal.registered.v1',
      subject: appealId,
      data: { appealId, registrationNumber: 'ЖТ-2026-000001', sourceAppointmentId: appointmentId },
    });
    assert.equal(await service.orm.em.fork().transactional((em) => linkAppealToVisit(em, event)), 'linked');
    assert.equal(await service.orm.em.fork().transactional((em) => linkAppealToVisit(em, event)), 'already-linked');
    const another = { ...event, id: crypto.randomUUID(), data: { ...event.data, appealId: crypto.randomUUID() } };
    assert.equal(await service.orm.em.fork().transactional((em) => linkAppealToVisit(em, another)), 'already-linked');
    const rows = await service.orm.em.fork().execute<{ appeal_id: string }[]>('select appeal_id from appointment where id = ?', [appointmentId]);
    assert.equal(rows[0]?.appeal_id, appealId, 'the first link stays');

    const found = must(
      await service.entities<{ _entities: { id: string; receptionVisit: { id: string; appeal: { id: string } } | null }[] }>(
        [{ __typename: 'Appeal', id: appealId }],
        '... on Appeal { id receptionVisit { id appeal { id } } }',
        { role: 'controller' },
      ),
    );
    assert.deepEqual(found._entities[0]?.receptionVisit, { id: appointmentId, appeal: { id: appealId } });
  });

  it('links through Kafka: the appeal-links consumer applies a published appeal.registered once', async () => {
    const { official, appointmentId } = await bookedAppointment();
    must(
      await service.request(
        recordVisit,
        { input: { appointmentId, outcomes: ['APPEAL_TO_REGISTER'], appeal: { summary: 'Газификация села' } } },
        official.caller,
      ),
    );
    const appealId = crypto.randomUUID();
    const event = createCloudEvent({
      source: '/bakylau/appeals',
      type: 'kz.bakylau.appeal.registered.v1',
      subject: appealId,
      data: { appealId, sourceAppointmentId: appointmentId, actor: { subject: 'system', role: 'system' } },
    });
    const producer = new Kafka({ clientId: 'reception-test', brokers: testEnv.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      // Sent twice: the inbox applies it once.
      for (let i = 0; i < 2; i += 1) await producer.send({ topic: topics.appeals, messages: [{ key: appealId, value: JSON.stringify(event) }] });
    } finally {
      await producer.disconnect();
    }
    const linked = async () =>
      (await service.orm.em.fork().execute<{ appeal_id: string | null }[]>('select appeal_id from appointment where id = ?', [appointmentId]))[0]?.appeal_id ===
      appealId;
    await eventually(linked, 'the appointment is linked to the appeal', 45_000);
    // Both copies handled before the inbox is counted.
    await service.consumersCaughtUp();
    const inInbox = await service.orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from inbox where event_id = ?', [event.id]);
    assert.equal(inInbox[0]?.n, 1, 'the event is in the inbox once');
  }, 60_000);

  it('resolves Official, ReceptionSession and Appointment references; personal data only for who may see it', async () => {
    const { official, session, visitor, appointmentId } = await bookedAppointment();
    const result = must(
      await service.entities<{ _entities: Record<string, unknown>[] }>(
        [
          { __typename: 'Official', id: official.id },
          { __typename: 'ReceptionSession', id: session.id },
          { __typename: 'Appointment', id: appointmentId },
        ],
        '... on Official { id fullName organization { id } } ... on ReceptionSession { id capacity freeSlotCount official { id } } ... on Appointment { id citizenName citizenPhone state }',
        visitor,
      ),
    );
    assert.deepEqual(result._entities, [
      { id: official.id, fullName: 'Сарсенбаева Айгуль', organization: { id: official.organizationId } },
      { id: session.id, capacity: 2, freeSlotCount: 1, official: { id: official.id } },
      { id: appointmentId, citizenName: 'Ахметов Серик', citizenPhone: '+77011234567', state: 'BOOKED' },
    ]);
    // The administrator keeps the sessions but not the citizens' details; the controller has nothing
    // to control in a visit that led to no instruction, so sees no appointment at all.
    const asAdmin = must(
      await service.entities<{ _entities: Record<string, unknown>[] }>(
        [{ __typename: 'Appointment', id: appointmentId }],
        '... on Appointment { id citizenName citizenPhone }',
        { role: 'admin' },
      ),
    );
    assert.deepEqual(asAdmin._entities, [{ id: appointmentId, citizenName: null, citizenPhone: null }]);
    const asController = must(
      await service.entities<{ _entities: unknown[] }>([{ __typename: 'Appointment', id: appointmentId }], '... on Appointment { id }', { role: 'controller' }),
    );
    assert.deepEqual(asController._entities, [null]);
    const asStranger = must(
      await service.entities<{ _entities: unknown[] }>([{ __typename: 'Appointment', id: appointmentId }], '... on Appointment { id }', citizen('stranger')),
    );
    assert.deepEqual(asStranger._entities, [null]);
  });

  it('counts reception indicators per organization and period', async () => {
    const official = await createOfficial(service);
    const held = await publishSession(service, official, { capacity: 4 });
    const cancelledSession = await publishSession(service, official, { capacity: 1, hoursAhead: 72 });
    const ids = [] as string[];
    for (let i = 0; i < 4; i += 1) ids.push(must(await book(service, held.slotIds[i]!, citizen(i))).bookAppointment.id);
    must(await service.request(recordVisit, { input: { appointmentId: ids[0], outcomes: ['ANSWERED_ON_THE_SPOT'] } }, official.caller));
    must(
      await service.request(
        recordVisit,
        {
          input: {
            appointmentId: ids[1],
            outcomes: ['APPEAL_TO_REGISTER', 'INSTRUCTIONS_GIVEN'],
            appeal: { summary: 'Вода' },
            instructions: [
              { text: 'Проверить', executorOrganizationId: crypto.randomUUID(), dueDate: inAWeek() },
              { text: 'Доложить', executorOrganizationId: crypto.randomUUID(), dueDate: inAWeek() },
            ],
          },
        },
        official.caller,
      ),
    );
    must(await service.request(`mutation($id: ID!) { markNoShow(appointmentId: $id) { state } }`, { id: ids[2] }, official.caller));
    must(await service.request(`mutation($id: ID!) { cancelAppointment(id: $id) { state } }`, { id: ids[3] }, admin));
    must(await service.request(`mutation($id: ID!) { cancelReceptionSession(sessionId: $id) { state } }`, { id: cancelledSession.id }, official.caller));

    const from = new Date().toISOString().slice(0, 10);
    const to = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const selection = `... on Organization { receptionIndicators(from: "${from}", to: "${to}") { sessionsPlanned sessionsHeld sessionsCancelled appointmentsBooked citizensReceived cancellations noShows appealsRequested instructionsGiven followUps } }`;
    const result = must(
      await service.entities<{ _entities: { receptionIndicators: Record<string, number> }[] }>(
        [
          { __typename: 'Organization', id: official.organizationId },
          { __typename: 'Organization', id: crypto.randomUUID() },
        ],
        selection,
        { role: 'department_head' },
      ),
    );
    assert.deepEqual(result._entities[0]?.receptionIndicators, {
      sessionsPlanned: 2,
      sessionsHeld: 1,
      sessionsCancelled: 1,
      appointmentsBooked: 4,
      citizensReceived: 2,
      cancellations: 1,
      noShows: 1,
      appealsRequested: 1,
      instructionsGiven: 2,
      followUps: 3,
    });
    assert.equal(result._entities[1]?.receptionIndicators['sessionsPlanned'], 0);
    assert.equal(codeOf(await service.entities([{ __typename: 'Organization', id: official.organizationId }], selection, citizen('c'))), 'FORBIDDEN');
  });
});
