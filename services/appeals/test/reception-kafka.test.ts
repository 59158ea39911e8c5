import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { demoId } from '@bakylau/platform/demo-ids';
import { createCloudEvent, type CloudEvent } from '@bakylau/platform/events/cloud-event';
import { eventContractProblems } from '@bakylau/platform/events/event-contracts';
import { sealText } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { outboxRowsHolding, rawHolds, startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { eventually, testEnv } from '@bakylau/platform/testkit/test-env';
import { appealsService } from '../src/service.ts';
import { appealRequestedType, appealRequestedV1Type } from '../src/use-cases/reception-requests.ts';
import { count } from './appeals-helpers.ts';

type CitizenAppeals = {
  appeals: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        channel: string;
        state: string;
        summary: string;
        sourceAppointmentId: string | null;
        organization: { id: string } | null;
        category: { id: string } | null;
        district: { id: string } | null;
      };
    }[];
  };
};

describe('appeals consuming reception.appeal-requested from Kafka', () => {
  let service: TestService;
  let producer: Producer;
  // The consumer reads the whole topic from the beginning, other tests' events included: everything
  // below is looked up by this appointment and this citizen.
  const appointmentId = randomUUID();
  const citizen: TestCaller = { role: 'citizen', subject: `citizen-kafka-${randomUUID().slice(0, 8)}` };
  // Planted in the summary: the appeal gets it, the topics never show it.
  const planted = 'Просьба отремонтировать дорогу к школе у дома 3 по улице Тәуелсіздік';

  /** As reception publishes it now: v2, the summary sealed with the keyring the services share. */
  const appealRequested = (id?: string): CloudEvent =>
    createCloudEvent({
      source: '/bakylau/reception',
      type: appealRequestedType,
      subject: appointmentId,
      ...(id ? { id } : {}),
      data: {
        appointmentId,
        organizationId: demoId('organization:akimat-taldykorgan'),
        officialId: randomUUID(),
        citizenSubject: citizen.subject,
        sealedSummary: sealText(planted, service.sealingKeys),
        categoryId: demoId('category:06'),
        districtId: demoId('district:taldykorgan'),
        actor: { subject: 'official-kafka', role: 'official' },
      },
    });
  const publish = (event: CloudEvent) => producer.send({ topic: topics.reception, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
  const appealsOfCitizen = async () => {
    const result = await service.request<CitizenAppeals>(
      '{ appeals(first: 10) { totalCount edges { node { id channel state summary sourceAppointmentId organization { id } category { id } district { id } } } } }',
      {},
      citizen,
    );
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return result.data!.appeals;
  };

  beforeAll(async () => {
    service = await startTestService(appealsService, { seed: true, consumers: true });
    producer = new Kafka({ clientId: 'appeals-kafka-test', brokers: testEnv.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
  });

  it('registers a redelivered reception request as one appeal, with its appointment as the source', async () => {
    const requested = appealRequested();
    assert.deepEqual(eventContractProblems(requested), []);
    assert.ok(!rawHolds(JSON.stringify(requested), planted), 'the message on the topic does not show the summary');
    await publish(requested);
    await publish(requested); // redelivered with the same id, as after a relay retry
    await publish({ ...requested, id: randomUUID(), time: new Date().toISOString() }); // the same request republished under a new id

    await eventually(async () => (await appealsOfCitizen()).totalCount > 0, 'the appeal was registered from the reception request', 120_000);
    // A later message on the same key lands on the same partition: once the consumer's inbox has it,
    // every copy before it was handled too.
    const marker = appealRequested();
    await publish(marker);
    await eventually(async () => (await count(service, 'inbox', 'event_id = ?', [marker.id])) === 1, 'the later message was consumed', 60_000);

    const appeals = await appealsOfCitizen();
    assert.equal(appeals.totalCount, 1, JSON.stringify(appeals));
    const appeal = appeals.edges[0]!.node;
    assert.equal(appeal.sourceAppointmentId, appointmentId);
    assert.equal(appeal.channel, 'PERSONAL_RECEPTION');
    assert.equal(appeal.state, 'REGISTERED');
    assert.equal(appeal.summary, planted, 'the sealed summary was opened');
    assert.equal(appeal.organization?.id, demoId('organization:akimat-taldykorgan'));
    assert.equal(appeal.category?.id, demoId('category:06'));
    assert.equal(appeal.district?.id, demoId('district:taldykorgan'));

    assert.equal(await count(service, 'appeal', 'source_appointment_id = ?', [appointmentId]), 1);
    assert.equal(await count(service, 'inbox', 'event_id = ?', [requested.id]), 1);
    assert.equal(await count(service, 'outbox', "type = 'kz.bakylau.appeal.registered.v1' and message_key = ?", [appeal.id]), 1);

    assert.deepEqual(await outboxRowsHolding(service.orm, planted), [], 'the appeal events do not repeat the summary');

    // Nothing late turns up: once the consumers have applied everything on their topics.
    await service.consumersCaughtUp();
    assert.equal(await count(service, 'appeal', 'source_appointment_id = ?', [appointmentId]), 1);
  }, 150_000);

  it('still registers a retired v1 request (summary in plain) read from the topic history', async () => {
    const oldAppointmentId = randomUUID();
    const v1 = createCloudEvent({
      source: '/bakylau/reception',
      type: appealRequestedV1Type,
      subject: oldAppointmentId,
      data: {
        appointmentId: oldAppointmentId,
        organizationId: demoId('organization:akimat-taldykorgan'),
        officialId: randomUUID(),
        citizenSubject: citizen.subject,
        summary: 'Просьба установить светофор',
        categoryId: null,
        districtId: null,
        actor: { subject: 'official-kafka', role: 'official' },
      },
    });
    assert.deepEqual(eventContractProblems(v1), [], 'the retired contract still describes it');
    await publish(v1);
    await eventually(
      async () => (await count(service, 'appeal', 'source_appointment_id = ?', [oldAppointmentId])) === 1,
      'the v1 request was registered',
      120_000,
    );
    const registered = (await appealsOfCitizen()).edges.find((edge) => edge.node.sourceAppointmentId === oldAppointmentId);
    assert.equal(registered?.node.summary, 'Просьба установить светофор');
  }, 150_000);
});
