import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { developmentSealingKeyring, parseSealingKeys, sealText, SealedTextError } from '@bakylau/platform/events/sealed-text';
import { topics } from '@bakylau/platform/events/topics';
import { outboxRowsHolding, startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { defaultRegistrationNumberFormat } from '../src/domain/registration-number.ts';
import { demoId } from '@bakylau/platform/demo-ids';
import { seedDemoRegion } from '../src/seed/demo-region.ts';
import { appealsService } from '../src/service.ts';
import { appealRequestedType, appealRequestedV1Type, handleAppealRequested } from '../src/use-cases/reception-requests.ts';
import { count, outboxTypes } from './appeals-helpers.ts';
import { parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';

describe('appeals: reception requests and the demo seed', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(appealsService, { seed: true });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it('seeds the Zhetysu directory once, publishing organization.upserted per organization', async () => {
    const organizations = await count(service, 'organization');
    assert.ok(organizations >= 10);
    assert.equal(await count(service, 'outbox', "type = 'kz.bakylau.organization.upserted.v1'"), organizations);
    assert.equal(await count(service, 'organization', "kind = 'PARTNER_AGENCY'"), 3);
    assert.ok((await count(service, 'category', "name_kk <> ''")) >= 10);
    // Seeding again changes nothing.
    const em = service.orm.em.fork();
    await seedDemoRegion(em);
    await em.flush();
    assert.equal(await count(service, 'organization'), organizations);
    assert.equal(await count(service, 'outbox', "type = 'kz.bakylau.organization.upserted.v1'"), organizations);
  });

  it('declares a consumer of the reception topic', () => {
    assert.ok(appealsService.consumers?.some((c) => c.topics.includes(topics.reception)));
  });

  const deps = {
    now: () => new Date(),
    calendar: kzWorkingCalendar,
    workingDayEnd: parseClockTime(defaultWorkingDayEnd),
    registrationNumberFormat: defaultRegistrationNumberFormat,
    sealingKeys: developmentSealingKeyring,
  };
  const summaryOfAppointment = async (appointmentId: string) =>
    (
      await service.orm.em
        .fork()
        .execute<{ summary: string; text: string }[]>('select summary, text from appeal where source_appointment_id = ?', [appointmentId])
    )[0];

  it('registers an appeal from a reception request once per appointment, with sourceAppointmentId and the opened summary', async () => {
    const appointmentId = `appt-${Date.now()}`;
    const planted = 'Просьба отремонтировать дорогу к школе у дома 7 по улице Жансугурова';
    const event = createCloudEvent({
      source: '/bakylau/reception',
      type: appealRequestedType,
      subject: appointmentId,
      data: {
        appointmentId,
        organizationId: demoId('organization:akimat-taldykorgan'),
        officialId: 'official-1',
        citizenSubject: 'citizen-7',
        applicantName: 'Серикова Айгуль',
        sealedSummary: sealText(planted, developmentSealingKeyring),
        categoryId: demoId('category:06'),
        districtId: 'not-a-known-district',
      },
    });
    // Applied twice (a redelivery with a new event id, e.g. a republished request): one appeal.
    await service.orm.em.fork().transactional((em) => handleAppealRequested(em, event, deps));
    await service.orm.em.fork().transactional((em) => handleAppealRequested(em, { ...event, id: `${event.id}-again` }, deps));
    assert.equal(await count(service, 'appeal', 'source_appointment_id = ?', [appointmentId]), 1);
    const [row] = await service.orm.em
      .fork()
      .execute<{ id: string; channel: string; applicant_subject: string; category_id: string | null; district_id: string | null }[]>(
        'select id, channel, applicant_subject, category_id, district_id from appeal where source_appointment_id = ?',
        [appointmentId],
      );
    assert.ok(row);
    assert.equal(row.channel, 'PERSONAL_RECEPTION');
    assert.equal(row.applicant_subject, 'citizen-7');
    assert.equal(row.category_id, demoId('category:06'));
    assert.equal(row.district_id, null);
    assert.deepEqual(await outboxTypes(service, row.id), ['kz.bakylau.appeal.registered.v1']);
    const [outbox] = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>('select event from outbox where message_key = ?', [row.id]);
    assert.equal(outbox?.event.data['sourceAppointmentId'], appointmentId);
    assert.deepEqual(outbox?.event.data['actor'], { subject: 'system', role: 'system' });
    assert.ok(!JSON.stringify(outbox).includes('Серикова'));
    assert.deepEqual(await summaryOfAppointment(appointmentId), { summary: planted, text: planted });
    // The appeal's own events never repeat what reception sealed.
    assert.deepEqual(await outboxRowsHolding(service.orm, 'Жансугурова'), []);

    // The citizen sees the appeal as their own.
    const mine = await service.request<{ appeals: { totalCount: number } }>('{ appeals { totalCount } }', {}, { role: 'citizen', subject: 'citizen-7' });
    assert.equal(mine.data?.appeals.totalCount, 1);
  });

  it('still registers from the retired v1 request, whose summary is in plain (history on the topic)', async () => {
    const appointmentId = `appt-v1-${Date.now()}`;
    const event = createCloudEvent({
      source: '/bakylau/reception',
      type: appealRequestedV1Type,
      subject: appointmentId,
      data: {
        appointmentId,
        organizationId: demoId('organization:akimat-taldykorgan'),
        officialId: 'official-1',
        citizenSubject: 'citizen-8',
        summary: 'Просьба установить остановку',
        categoryId: null,
        districtId: null,
      },
    });
    await service.orm.em.fork().transactional((em) => handleAppealRequested(em, event, deps));
    assert.deepEqual(await summaryOfAppointment(appointmentId), { summary: 'Просьба установить остановку', text: 'Просьба установить остановку' });
  });

  it('refuses a request sealed under a key it does not hold, registering nothing (the event is retried once the keyring is fixed)', async () => {
    const appointmentId = `appt-foreign-${Date.now()}`;
    const foreign = parseSealingKeys(`elsewhere:${Buffer.alloc(32, 7).toString('base64')}`);
    const event = createCloudEvent({
      source: '/bakylau/reception',
      type: appealRequestedType,
      subject: appointmentId,
      data: {
        appointmentId,
        organizationId: null,
        officialId: 'official-1',
        citizenSubject: null,
        sealedSummary: sealText('Текст', foreign),
        categoryId: null,
        districtId: null,
      },
    });
    await assert.rejects(
      service.orm.em.fork().transactional((em) => handleAppealRequested(em, event, deps)),
      SealedTextError,
    );
    assert.equal(await count(service, 'appeal', 'source_appointment_id = ?', [appointmentId]), 0);
  });
});
