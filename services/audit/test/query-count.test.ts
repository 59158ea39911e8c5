import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { diagnostic } from '@bakylau/platform/testkit/diagnostic';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import { expectConstantQueries, type TestService } from '@bakylau/platform/testkit/service-harness';
import { createAuditEventHandler } from '../src/events/audit-consumer.ts';
import { appealEvent, deliver, newId, organizationUpserted, startAudit } from './audit-test-kit.ts';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
import { parseClockTime } from '@bakylau/platform/civil-time';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

/** A small page and the largest one (maxPageSize): the query count must not depend on the size. */
const pageSizes = [10, 100] as const;
const controller = { role: 'controller', subject: 'controller-q' } as const;
const handle = createAuditEventHandler({ calendar: kzWorkingCalendar, workingDayEnd, now: () => new Date('2025-06-20T12:00:00+05:00') });

const entryFields = 'id sequence eventId type source entityType entityId actor { subject role } occurredAt recordedAt summary prevHash hash';
const trailFields = `auditTrail(first: 5) { pageInfo { hasNextPage endCursor } edges { cursor node { ${entryFields} } } }`;

describe('audit: a page costs a constant number of SQL queries, whatever its size', () => {
  let service: TestService;
  const organizations: string[] = [];
  const appeals: string[] = [];
  const instructions: string[] = [];
  const appointments: string[] = [];

  beforeAll(async () => {
    service = await startAudit();
    // For each of 100 organizations: an appeal registered late and closed without an answer document
    // (two violations), an instruction issued on it and an appointment booked, each in the trail.
    for (let i = 0; i < pageSizes[1]; i++) {
      const organizationId = newId();
      const appealId = newId();
      const instructionId = newId();
      const appointmentId = newId();
      organizations.push(organizationId);
      appeals.push(appealId);
      instructions.push(instructionId);
      appointments.push(appointmentId);
      for (const event of [
        organizationUpserted(organizationId),
        appealEvent('registered', appealId, {
          organizationId,
          registrationNumber: `ЖТС-2025-${String(i + 1).padStart(6, '0')}`,
          receivedAt: '2025-06-12T10:00:00+05:00',
          registeredAt: '2025-06-16T10:00:00+05:00',
          dueDate: '2025-07-04',
        }),
        appealEvent('closed', appealId, { organizationId, finalState: 'ANSWERED' }),
        createCloudEvent({
          source: '/bakylau/instructions',
          type: 'kz.bakylau.instruction.issued.v1',
          subject: instructionId,
          data: { instructionId, appealIds: [appealId], actor: { subject: 'controller-1', role: 'controller' } },
        }),
        createCloudEvent({
          source: '/bakylau/reception',
          type: 'kz.bakylau.reception.appointment-booked.v1',
          subject: appointmentId,
          data: { appointmentId, actor: { subject: 'registrar-1', role: 'registrar' } },
        }),
      ]) {
        assert.equal(await deliver(service.orm, handle, event), true);
      }
    }
  });

  afterAll(async () => {
    await service?.stop();
  });

  const edges = (field: string) => (data: Record<string, unknown>) => (data[field] as { edges: unknown[] }).edges;
  type Trail = { auditTrail: { edges: { node: { entityId: string } }[] } };

  it('lists audit entries and compliance violations', async () => {
    const entries = await expectConstantQueries(
      service,
      (first) => service.request(`query($first: Int!) { auditEntries(first: $first) { edges { node { ${entryFields} } } } }`, { first }, controller),
      edges('auditEntries'),
    );
    diagnostic(`auditEntries page queries (10 vs 100): ${entries.join(' vs ')}`);
    const violations = await expectConstantQueries(
      service,
      (first) =>
        service.request(
          `query($first: Int!) { complianceViolations(first: $first) { edges { node { id rule organization { id } entityType entityId occurredAt details } } } }`,
          { first },
          controller,
        ),
      edges('complianceViolations'),
    );
    diagnostic(`complianceViolations page queries (10 vs 100): ${violations.join(' vs ')}`);
  });

  for (const [typename, ids, events] of [
    ['Appeal', appeals, 2],
    ['Instruction', instructions, 1],
    ['Appointment', appointments, 1],
  ] as const) {
    it(`resolves N ${typename} references with their audit trail in a constant number of queries`, async () => {
      const counts = await expectConstantQueries(
        service,
        (size) =>
          service.entities(
            ids.slice(0, size).map((id) => ({ __typename: typename, id })),
            `... on ${typename} { id ${trailFields} }`,
            controller,
          ),
        (data) => data['_entities'] as unknown[],
      );
      diagnostic(`_entities(${typename}.auditTrail) queries (10 vs 100): ${counts.join(' vs ')}`);
      // Each entity gets its own trail only.
      const result = await service.entities<{ _entities: Trail[] }>(
        ids.map((id) => ({ __typename: typename, id })),
        `... on ${typename} { ${trailFields} }`,
        controller,
      );
      result.data?._entities.forEach((entity, i) => {
        assert.equal(entity.auditTrail.edges.length, events);
        assert.ok(entity.auditTrail.edges.every((edge) => edge.node.entityId === ids[i]));
      });
    });
  }

  it('resolves N Organization references with their compliance report in a constant number of queries', async () => {
    const counts = await expectConstantQueries(
      service,
      (size) =>
        service.entities(
          organizations.slice(0, size).map((id) => ({ __typename: 'Organization', id })),
          `... on Organization { id compliance(from: "2025-01-01T00:00:00Z", to: "2025-12-31T00:00:00Z") { total byRule { rule count } violations(first: 5) { edges { node { id rule entityId } } } } }`,
          controller,
        ),
      (data) => data['_entities'] as unknown[],
    );
    diagnostic(`_entities(Organization.compliance) queries (10 vs 100): ${counts.join(' vs ')}`);
  });
});
