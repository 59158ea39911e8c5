import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { civilDateInKazakhstan, kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent, type CloudEvent } from '@bakylau/platform/events/cloud-event';
import { eventContractProblems } from '@bakylau/platform/events/event-contracts';
import { sealText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { outboxRowsHolding, rawHolds, startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { eventually, testEnv } from '@bakylau/platform/testkit/test-env';
import { instructionGivenType, instructionGivenV1Type } from '../src/events/reception-consumer.ts';
import { instructionsService } from '../src/service.ts';
import { givenOrganizations } from './instruction-fixtures.ts';

const controller = { role: 'controller' as const, subject: 'controller-kafka' };

type AppointmentInstructions = {
  _entities: {
    instructions: {
      id: string;
      text: string;
      issuerLevel: string;
      appointment: { id: string } | null;
      issuer: { official: { id: string } | null };
      executors: { organization: { id: string }; dueDate: string }[];
    }[];
  }[];
};

describe('instructions consuming reception.instruction-given from Kafka', () => {
  let service: TestService;
  let producer: Producer;
  let executorOrganizationId: string;
  let officialOrganizationId: string;
  // The consumer reads the whole topic from the beginning, other tests' events included: everything
  // below is looked up by this appointment's id.
  const appointmentId = randomUUID();
  const officialId = randomUUID();
  const dueDate = kzWorkingCalendar.addWorkingDays(civilDateInKazakhstan(new Date()), 7);

  /** As reception publishes it now (v2, the text sealed), or as it did before (v1, plain). */
  const instructionGiven = (text: string, version: 'v1' | 'v2' = 'v2'): CloudEvent =>
    createCloudEvent({
      source: '/bakylau/reception',
      type: version === 'v2' ? instructionGivenType : instructionGivenV1Type,
      subject: appointmentId,
      data: {
        visitInstructionId: randomUUID(),
        appointmentId,
        officialId,
        organizationId: officialOrganizationId,
        executorOrganizationId,
        ...(version === 'v2' ? { sealedText: sealText(text, service.sealingKeys) } : { text }),
        dueDate,
        actor: { subject: 'official-kafka', role: 'official' },
      },
    });
  const publish = (event: CloudEvent) => producer.send({ topic: topics.reception, messages: [{ key: event.subject, value: JSON.stringify(event) }] });

  const instructionsOfAppointment = async () => {
    const result = await service.entities<AppointmentInstructions>(
      [{ __typename: 'Appointment', id: appointmentId }],
      '... on Appointment { instructions { id text issuerLevel appointment { id } issuer { official { id } } executors { organization { id } dueDate } } }',
      controller,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data?._entities[0]?.instructions ?? [];
  };
  const countRows = async (sql: string, params: unknown[]) =>
    Number((await service.orm.em.fork().execute<{ n: string }[]>(`select count(*)::text as n from ${sql}`, params))[0]?.n);

  beforeAll(async () => {
    service = await startTestService(instructionsService, { consumers: true });
    [executorOrganizationId, officialOrganizationId] = (await givenOrganizations(service.orm, 2)) as [string, string];
    producer = new Kafka({ clientId: 'instructions-kafka-test', brokers: testEnv.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
  });

  it('puts a redelivered instruction on control once, with the appointment as its basis', async () => {
    const given = instructionGiven('Восстановить уличное освещение у школы № 5');
    assert.deepEqual(eventContractProblems(given), []);
    assert.ok(!rawHolds(JSON.stringify(given), 'уличное освещение'), 'the message on the topic does not show the text');
    await publish(given);
    await publish(given); // redelivered with the same id, as after a relay retry
    await publish({ ...given, id: randomUUID(), time: new Date().toISOString() }); // the same fact republished under a new id
    // A later fact on the same key lands on the same partition: once it is applied, so are the copies before it.
    // It is a retired v1 (text in plain) from the topic's history: still put on control.
    const later = instructionGiven('Отремонтировать тротуар у школы № 5', 'v1');
    assert.deepEqual(eventContractProblems(later), []);
    await publish(later);

    await eventually(
      async () => (await instructionsOfAppointment()).some((i) => i.text === 'Отремонтировать тротуар у школы № 5'),
      'the later instruction reached the service',
      120_000,
    );

    const instructions = await instructionsOfAppointment();
    const redelivered = instructions.filter((i) => i.text === 'Восстановить уличное освещение у школы № 5');
    assert.equal(redelivered.length, 1, JSON.stringify(instructions));
    assert.equal(instructions.length, 2);
    const [instruction] = redelivered;
    assert.equal(instruction?.issuerLevel, 'OFFICIAL_AT_RECEPTION');
    assert.equal(instruction?.appointment?.id, appointmentId);
    assert.equal(instruction?.issuer.official?.id, officialId);
    assert.deepEqual(instruction?.executors, [{ organization: { id: executorOrganizationId }, dueDate }]);

    const inDatabase = () =>
      countRows('instruction where basis_appointment_id = ? and text = ?', [appointmentId, 'Восстановить уличное освещение у школы № 5']);
    assert.equal(await inDatabase(), 1);
    assert.equal(await countRows('inbox where event_id = ?', [given.id]), 1);
    assert.equal(await countRows("outbox where type = 'kz.bakylau.instruction.issued.v1' and message_key = ?", [instruction?.id]), 1);
    assert.deepEqual(await outboxRowsHolding(service.orm, 'уличное освещение'), [], 'the instruction events do not repeat the text');

    // Nothing late turns up: once the consumers have applied everything on their topics.
    await service.consumersCaughtUp();
    assert.equal(await inDatabase(), 1);
    assert.equal((await instructionsOfAppointment()).length, 2);
  }, 150_000);
});
