import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { developmentSealingKeyring, sealText } from '@bakylau/platform/events/sealed-text';
import type { TestService } from '@bakylau/platform/testkit/service-harness';
import { createAuditEventHandler } from '../src/events/audit-consumer.ts';
import { appealEvent, deliver, extensionNoticeDelivered, newId, notificationDelivered, organizationUpserted, startAudit } from './audit-test-kit.ts';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
import { parseClockTime } from '@bakylau/platform/civil-time';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

// Extended on Thursday 12 June 2025: the notice is in time through Tuesday 17 June (3 working days).
const extendedAt = '2025-06-12T10:00:00+05:00';
const plantedReason = 'Выезд на место, ул. Абая 12';
/** As appeals publishes it now: v2, the reason sealed. */
const extended = (appealId: string, organizationId: string) => ({
  ...appealEvent('extended', appealId, {
    organizationId,
    previousDueDate: '2025-07-01',
    newDueDate: '2025-07-20',
    sealedReason: sealText(plantedReason, developmentSealingKeyring),
    extendedAt,
  }),
  type: 'kz.bakylau.appeal.extended.v2',
});
/** As appeals published it before: v1, the reason in plain (still on the topic's history). */
const extendedV1 = (appealId: string, organizationId: string) =>
  appealEvent('extended', appealId, { organizationId, previousDueDate: '2025-07-01', newDueDate: '2025-07-20', reason: plantedReason, extendedAt });

describe('audit: the delivered extension notice (EXTENSION_WITHOUT_NOTICE)', () => {
  let service: TestService;
  const organizationId = newId();
  const before17 = createAuditEventHandler({ calendar: kzWorkingCalendar, workingDayEnd, now: () => new Date('2025-06-16T12:00:00+05:00') });
  const after17 = createAuditEventHandler({ calendar: kzWorkingCalendar, workingDayEnd, now: () => new Date('2025-06-20T12:00:00+05:00') });

  const noticedAt = async (appealId: string) =>
    (
      await service.orm.em
        .fork()
        .execute<{ noticed_at: string | null }[]>(
          `select to_char(noticed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as noticed_at from extension_fact where appeal_id = ?`,
          [appealId],
        )
    )[0]?.noticed_at ?? null;
  const violationsOf = async (appealId: string) =>
    (await service.orm.em.fork().execute<{ rule: string }[]>('select rule from compliance_violation where entity_id = ?', [appealId])).map((r) => r.rule);

  beforeAll(async () => {
    service = await startAudit();
    assert.equal(await deliver(service.orm, before17, organizationUpserted(organizationId)), true);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('closes the open extension at the delivery time of an APPEAL_EXTENDED notice', async () => {
    const appealId = newId();
    await deliver(service.orm, before17, extended(appealId, organizationId));
    await deliver(service.orm, before17, extensionNoticeDelivered(appealId, '2025-06-16T09:30:00+05:00'));
    assert.equal(await noticedAt(appealId), '2025-06-16T04:30:00Z');
    // Later events sweep overdue notices: this one was in time.
    await deliver(service.orm, after17, organizationUpserted(organizationId));
    assert.deepEqual(await violationsOf(appealId), []);
    // The trail keeps the dates, never the reason, sealed or plain.
    const [entry] = await service.orm.em
      .fork()
      .execute<{ summary: Record<string, unknown> }[]>(`select summary from audit_entry where entity_id = ? and type = 'kz.bakylau.appeal.extended.v2'`, [
        appealId,
      ]);
    assert.equal(entry?.summary['newDueDate'], '2025-07-20');
    assert.ok(!('sealedReason' in (entry?.summary ?? {})) && !JSON.stringify(entry).includes('Абая'));
  });

  it('still tracks an extension of the retired v1 (reason in plain), keeping the reason out of the trail', async () => {
    const appealId = newId();
    await deliver(service.orm, before17, extendedV1(appealId, organizationId));
    await deliver(service.orm, after17, organizationUpserted(organizationId));
    assert.deepEqual(await violationsOf(appealId), ['EXTENSION_WITHOUT_NOTICE']);
    const [entry] = await service.orm.em
      .fork()
      .execute<{ summary: Record<string, unknown> }[]>(`select summary from audit_entry where entity_id = ? and type = 'kz.bakylau.appeal.extended.v1'`, [
        appealId,
      ]);
    assert.ok(entry && !JSON.stringify(entry).includes('Абая'));
  });

  it('does not count another kind of notice for the appeal as the extension notice', async () => {
    const appealId = newId();
    await deliver(service.orm, before17, extended(appealId, organizationId));
    await deliver(service.orm, before17, notificationDelivered(appealId, 'APPEAL_REGISTERED', '2025-06-13T09:00:00+05:00'));
    await deliver(service.orm, before17, notificationDelivered(appealId, 'APPEAL_FORWARDED', '2025-06-13T09:05:00+05:00'));
    assert.equal(await noticedAt(appealId), null);
    await deliver(service.orm, after17, organizationUpserted(organizationId));
    assert.deepEqual(await violationsOf(appealId), ['EXTENSION_WITHOUT_NOTICE']);
  });

  it('flags an extension notice delivered after the term', async () => {
    const appealId = newId();
    await deliver(service.orm, before17, extended(appealId, organizationId));
    await deliver(service.orm, after17, extensionNoticeDelivered(appealId, '2025-06-19T11:00:00+05:00'));
    assert.deepEqual(await violationsOf(appealId), ['EXTENSION_WITHOUT_NOTICE']);
  });
});
