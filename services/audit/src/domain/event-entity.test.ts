import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { actorOf, entityTypeOf } from './event-entity.ts';

describe('event entity', () => {
  it('names the entity from the event type', () => {
    assert.equal(entityTypeOf('kz.bakylau.appeal.registered.v1'), 'Appeal');
    assert.equal(entityTypeOf('kz.bakylau.instruction.issued.v1'), 'Instruction');
    assert.equal(entityTypeOf('kz.bakylau.reception.appointment-booked.v1'), 'Appointment');
    assert.equal(entityTypeOf('kz.bakylau.reception.visit-recorded.v1'), 'Appointment');
    assert.equal(entityTypeOf('kz.bakylau.reception.session-published.v1'), 'ReceptionSession');
    assert.equal(entityTypeOf('kz.bakylau.organization.upserted.v1'), 'Organization');
    assert.equal(entityTypeOf('kz.bakylau.audit.compliance-violation-detected.v1'), 'ComplianceViolation');
  });

  it('reads the actor only when well formed', () => {
    assert.deepEqual(actorOf({ actor: { subject: 's', role: 'registrar' } }), { subject: 's', role: 'registrar' });
    assert.equal(actorOf({ actor: { subject: 's' } }), null);
    assert.equal(actorOf(null), null);
  });
});
