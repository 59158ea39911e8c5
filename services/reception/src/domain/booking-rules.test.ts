import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { canCancel, citizenDetailsProblems, slotIsBookable } from './booking-rules.ts';
import { generateSlots, sessionEnd } from './slot-schedule.ts';
import { sessionDraftProblems } from './session-rules.ts';
import { canSeeAppointment, canSeeCitizenDetails, canSeeVisitOfAppeal, canSeeVisitOfInstructions } from './reception-access.ts';
import { civilPeriodInstants } from '@bakylau/platform/civil-time';
import { periodProblems } from './reception-period.ts';

describe('booking rules', () => {
  it('checks Kazakhstan phone numbers with the kernel rule (platform/src/identity/contact.ts)', () => {
    assert.deepEqual(citizenDetailsProblems({ topic: 'Дорога', citizenName: 'Ахметов', citizenPhone: '8 701 123 45 67' }), []);
    assert.deepEqual(
      citizenDetailsProblems({ topic: ' ', citizenName: '', citizenPhone: '+1 555' }).map((p) => p.field),
      ['topic', 'citizenName', 'citizenPhone'],
    );
    // SMS to the citizen go through a Kazakhstan gateway: a foreign number in E.164 is still refused.
    assert.deepEqual(
      citizenDetailsProblems({ topic: 'Дорога', citizenName: 'Ахметов', citizenPhone: '+49 30 1234567' }).map((p) => p.field),
      ['citizenPhone'],
    );
  });

  it('offers only future slots and cancels only live bookings', () => {
    const now = new Date('2026-03-02T05:00:00Z');
    assert.equal(slotIsBookable(new Date('2026-03-02T05:00:01Z'), now), true);
    assert.equal(slotIsBookable(now, now), false);
    assert.equal(canCancel('BOOKED'), true);
    assert.equal(canCancel('ATTENDED'), false);
  });
});

describe('slot schedule and session rules', () => {
  it('cuts a session into consecutive slots', () => {
    const start = new Date('2026-03-02T05:00:00Z');
    const slots = generateSlots(start, 3, 20);
    assert.deepEqual(
      slots.map((s) => [s.number, s.startsAt.toISOString(), s.endsAt.toISOString()]),
      [
        [1, '2026-03-02T05:00:00.000Z', '2026-03-02T05:20:00.000Z'],
        [2, '2026-03-02T05:20:00.000Z', '2026-03-02T05:40:00.000Z'],
        [3, '2026-03-02T05:40:00.000Z', '2026-03-02T06:00:00.000Z'],
      ],
    );
    assert.equal(sessionEnd(start, 3, 20).toISOString(), '2026-03-02T06:00:00.000Z');
  });

  it('requires what each format needs (R6.3)', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const base = { startsAt: new Date('2026-03-02T05:00:00Z'), capacity: 10, slotMinutes: 15 };
    assert.deepEqual(sessionDraftProblems({ ...base, format: 'IN_PERSON', place: 'Зал' }, now), []);
    assert.deepEqual(
      sessionDraftProblems({ ...base, format: 'OFF_SITE' }, now).map((p) => p.field),
      ['locality'],
    );
    assert.deepEqual(
      sessionDraftProblems({ ...base, format: 'VIDEOCONFERENCE', videoLink: 'http://x' }, now).map((p) => p.field),
      ['videoLink'],
    );
    assert.deepEqual(
      sessionDraftProblems(
        { ...base, startsAt: new Date('2026-02-01T00:00:00Z'), capacity: 101, slotMinutes: 3, format: 'IN_PERSON', place: 'Зал', remoteParty: 'АП' },
        now,
      ).map((p) => p.field),
      ['startsAt', 'capacity', 'slotMinutes', 'remoteParty'],
    );
  });
});

describe('reception access', () => {
  const official = { subject: 'off-1', role: 'official' as const, organizationId: null };
  const citizen = { subject: 'cit-1', role: 'citizen' as const, organizationId: null };
  it('shows an appointment to its citizen, its official and staff only', () => {
    assert.equal(canSeeAppointment(citizen, 'cit-1', 'off-1'), true);
    assert.equal(canSeeAppointment(citizen, 'cit-2', 'off-1'), false);
    assert.equal(canSeeAppointment(official, 'cit-2', 'off-1'), true);
    assert.equal(canSeeAppointment(official, 'cit-2', 'off-2'), false);
    assert.equal(canSeeAppointment({ subject: 'r', role: 'registrar', organizationId: null }, null, null), true);
    // The citizen's question is not the controller's or an executor's to open by id.
    assert.equal(canSeeAppointment({ subject: 'c', role: 'controller', organizationId: null }, 'cit-1', 'off-1'), false);
    assert.equal(canSeeAppointment({ subject: 'e', role: 'executor', organizationId: 'org-1' }, 'cit-1', 'off-1'), false);
  });
  it('shows a visit through what followed it: the appeal to those working on it, instructions to their executors', () => {
    const executor = { subject: 'e', role: 'executor' as const, organizationId: 'org-1' };
    const controller = { subject: 'c', role: 'controller' as const, organizationId: null };
    assert.equal(canSeeVisitOfAppeal(controller), true);
    assert.equal(canSeeVisitOfAppeal(executor), true);
    assert.equal(canSeeVisitOfAppeal({ subject: 'a', role: 'analyst', organizationId: null }), false);
    assert.equal(canSeeVisitOfInstructions(executor, ['org-1']), true);
    assert.equal(canSeeVisitOfInstructions(executor, ['org-2']), false);
    assert.equal(canSeeVisitOfInstructions({ ...executor, organizationId: null }, ['org-1']), false);
    assert.equal(canSeeVisitOfInstructions(controller, ['org-2']), true);
    // A visit that led to no instruction is nobody's to control.
    assert.equal(canSeeVisitOfInstructions(controller, []), false);
  });
  it('keeps the citizen name and phone from controllers and analysts', () => {
    assert.equal(canSeeCitizenDetails({ subject: 'c', role: 'controller', organizationId: null }, 'cit-1'), false);
    assert.equal(canSeeCitizenDetails({ subject: 'a', role: 'analyst', organizationId: null }, 'cit-1'), false);
    assert.equal(canSeeCitizenDetails(citizen, 'cit-1'), true);
    assert.equal(canSeeCitizenDetails(official, 'cit-1'), true);
    // The administrator keeps the directory and the users, not the citizens' details.
    assert.equal(canSeeCitizenDetails({ subject: 'adm', role: 'admin', organizationId: null }, 'cit-1'), false);
  });
});

describe('reception periods', () => {
  it('turns civil dates into Kazakhstan instants', () => {
    const { start, end } = civilPeriodInstants('2026-03-01', '2026-03-31');
    assert.equal(start.toISOString(), '2026-02-28T19:00:00.000Z');
    assert.equal(end.toISOString(), '2026-03-31T19:00:00.000Z');
    assert.deepEqual(
      periodProblems('2026-03-02', '2026-03-01').map((p) => p.field),
      ['to'],
    );
    assert.deepEqual(
      periodProblems('2026-02-30', '2026-03-01').map((p) => p.field),
      ['from'],
    );
  });
});
