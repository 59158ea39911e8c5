import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import type { Principal } from '@bakylau/platform/auth/principal';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { civilInstant, parseClockTime } from '@bakylau/platform/civil-time';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
import { developmentSealingKeyring } from '@bakylau/platform/events/sealed-text';
import { startTestService, type TestCaller, type TestService } from '@bakylau/platform/testkit/service-harness';
import { withCheckDigit } from '../src/domain/identification-number.ts';
import { defaultRegistrationNumberFormat } from '../src/domain/registration-number.ts';
import { appealsService } from '../src/service.ts';
import { registerAppeal } from '../src/use-cases/register-appeal.ts';
import { ok } from './appeals-helpers.ts';

const registrar: TestCaller = { role: 'registrar', subject: 'registrar-estimate' };
const principal: Principal = { role: 'registrar', subject: 'registrar-estimate', organizationId: null };

describe('appeals: a receipt in a year without entered calendar data', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService(appealsService);
  });

  afterAll(async () => {
    await service?.stop();
  });

  // The use case on the real database, with the clock on the day of receipt (the API refuses a
  // receipt in the future, and 2028 is still ahead).
  const registerOn = (receivedAt: Date) =>
    registerAppeal(
      {
        em: service.orm.em.fork(),
        principal,
        trace: {},
        now: () => new Date(receivedAt.getTime() + 60_000),
        calendar: kzWorkingCalendar,
        workingDayEnd: parseClockTime(defaultWorkingDayEnd),
        registrationNumberFormat: defaultRegistrationNumberFormat,
        sealingKeys: developmentSealingKeyring,
      },
      {
        kind: 'APPLICATION',
        channel: 'POST',
        receivedAt,
        applicant: { type: 'INDIVIDUAL', name: 'Асанов Асан', iin: withCheckDigit('90010130001') ?? '', address: 'Талдыкорган, ул. Абая 1' },
        summary: 'Не вывозится мусор',
        text: 'Во дворе дома по ул. Абая 1 второй месяц не вывозится мусор.',
      },
    );

  const dueDateOf = async (id: string) =>
    (
      await ok<{ appeal: { termStartDate: string; dueDate: string; dueDateCalendarVerified: boolean } }>(
        service,
        `query($id: ID!) { appeal(id: $id) { termStartDate dueDate dueDateCalendarVerified } }`,
        { id },
        registrar,
      )
    )['appeal'];

  it('registers it, counts the term on the statutory rules and says the due date is an estimate', async () => {
    // Friday 5 May 2028 is Kurban Ait by the tabular estimate; Sun 7 May (Defender of the Fatherland
    // Day) moves to Mon 8 May; Tue 9 May is Victory Day. The term starts Wed 10 May; 15 working
    // days from Thu 11 May: 11, 12, 15–19, 22–26, 29, 30, 31 May → due Wednesday 31 May 2028.
    const appeal = await registerOn(civilInstant('2028-05-05', '10:00'));
    assert.equal(appeal.registrationYear, 2028);
    assert.deepEqual(await dueDateOf(appeal.id), { termStartDate: '2028-05-10', dueDate: '2028-05-31', dueDateCalendarVerified: false });
  });

  it('says a due date counted on entered years is verified', async () => {
    // Monday 2 March 2026: the day of receipt and the whole term lie in 2026, an entered year.
    const appeal = await registerOn(civilInstant('2026-03-02', '10:00'));
    assert.equal((await dueDateOf(appeal.id)).dueDateCalendarVerified, true);
  });
});
