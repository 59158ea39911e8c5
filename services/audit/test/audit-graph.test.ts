import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import type { TestService } from '@bakylau/platform/testkit/service-harness';
import { createAuditEventHandler } from '../src/events/audit-consumer.ts';
import { appealEvent, deliver, extensionNoticeDelivered, newId, organizationUpserted, startAudit } from './audit-test-kit.ts';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
import { parseClockTime } from '@bakylau/platform/civil-time';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

const controller = { role: 'controller', subject: 'controller-1' } as const;
const head = { role: 'department_head', subject: 'head-1' } as const;
// Before the notice term of the extensions below ends, so only the explicit sweep can flag them.
const handle = createAuditEventHandler({ calendar: kzWorkingCalendar, workingDayEnd, now: () => new Date('2025-06-13T12:00:00+05:00') });

type Violation = { id: string; rule: string; entityId: string; organization: { id: string }; details: string };

describe('audit graph: compliance, record-keeping, federation', () => {
  let service: TestService;
  const orgA = `org-a-${newId()}`;
  const orgB = `org-b-${newId()}`;
  const lateAppeal = newId();
  const closedAppeal = newId();
  const noticedAppeal = newId();
  const unnoticedAppeal = newId();
  const lateRegistration = appealEvent('registered', lateAppeal, {
    organizationId: orgA,
    registrationNumber: 'ЖТС-2025-000010',
    receivedAt: '2025-06-12T10:00:00+05:00',
    registeredAt: '2025-06-16T10:00:00+05:00',
    dueDate: '2025-07-04',
  });

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await service.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from ${sql}`, params))[0]?.n);
  const violationsOf = async (entityId: string) =>
    (await service.orm.em.fork().execute<{ rule: string }[]>('select rule from compliance_violation where entity_id = ? order by rule', [entityId])).map(
      (r) => r.rule,
    );

  beforeAll(async () => {
    service = await startAudit();
    for (const event of [
      organizationUpserted(orgA),
      organizationUpserted(orgB),
      lateRegistration,
      appealEvent('forwarded', lateAppeal, {
        organizationId: orgA,
        toOrganizationId: orgB,
        receivedAt: '2025-06-12T10:00:00+05:00',
        forwardedAt: '2025-06-18T10:00:00+05:00',
      }),
      appealEvent('answered', lateAppeal, {
        organizationId: orgA,
        outcome: 'REJECTED',
        answerDocumentId: null,
        signedBy: { subject: 'c-1', role: 'controller' },
        answeredAt: '2025-07-07T10:00:00+05:00',
        dueDate: '2025-07-04',
      }),
      appealEvent('closed', closedAppeal, { organizationId: orgB, finalState: 'ANSWERED' }),
      appealEvent('extended', noticedAppeal, {
        organizationId: orgA,
        previousDueDate: '2025-07-01',
        newDueDate: '2025-07-20',
        reason: 'Проверка на месте',
        extendedAt: '2025-06-12T10:00:00+05:00',
      }),
      extensionNoticeDelivered(noticedAppeal, '2025-06-16T10:00:00+05:00'),
      appealEvent('extended', unnoticedAppeal, {
        organizationId: orgA,
        previousDueDate: '2025-07-01',
        newDueDate: '2025-07-20',
        extendedAt: '2025-06-12T10:00:00+05:00',
      }),
    ]) {
      assert.equal(await deliver(service.orm, handle, event), true);
    }
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('detects each broken rule once, naming the organization', async () => {
    assert.deepEqual(await violationsOf(lateAppeal), [
      'ANSWER_AFTER_DUE_DATE',
      'ANSWER_SIGNED_WITHOUT_RIGHT',
      'CLOSED_WITHOUT_ANSWER_DOCUMENT',
      'LATE_FORWARDING',
      'LATE_REGISTRATION',
    ]);
    assert.deepEqual(await violationsOf(closedAppeal), ['CLOSED_WITHOUT_ANSWER_DOCUMENT']);
    assert.deepEqual(await violationsOf(noticedAppeal), []);
    // The term of the unnoticed extension has not ended at the handler's clock.
    assert.deepEqual(await violationsOf(unnoticedAppeal), []);
    assert.equal(await count('outbox where type = ?', ['kz.bakylau.audit.compliance-violation-detected.v1']), 6);
  });

  it('stores a violation once even when the same fact arrives again under a new event id', async () => {
    const again = appealEvent('registered', lateAppeal, {
      organizationId: orgA,
      receivedAt: '2025-06-12T10:00:00+05:00',
      registeredAt: '2025-06-17T10:00:00+05:00',
    });
    assert.equal(await deliver(service.orm, handle, again), true);
    assert.equal(await deliver(service.orm, handle, lateRegistration), false);
    assert.equal(await count('compliance_violation where entity_id = ? and rule = ?', [lateAppeal, 'LATE_REGISTRATION']), 1);
    assert.equal(await count('outbox where type = ?', ['kz.bakylau.audit.compliance-violation-detected.v1']), 6);
  });

  it('sweeps extensions whose notice term ended without a notice', async () => {
    const denied = await service.request('mutation { evaluateOverdueExtensionNotices }', {}, { role: 'executor', organizationId: orgA });
    assert.equal(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const swept = await service.request<{ evaluateOverdueExtensionNotices: number }>('mutation { evaluateOverdueExtensionNotices }', {}, controller);
    assert.equal(swept.data?.evaluateOverdueExtensionNotices, 1);
    assert.deepEqual(await violationsOf(unnoticedAppeal), ['EXTENSION_WITHOUT_NOTICE']);
    const [outbox] = await service.orm.em
      .fork()
      .execute<{ event: { data: Record<string, unknown> } }[]>(
        `select event from outbox where type = 'kz.bakylau.audit.compliance-violation-detected.v1' and event->'data'->>'entityId' = ?`,
        [unnoticedAppeal],
      );
    assert.equal(outbox?.event.data['rule'], 'EXTENSION_WITHOUT_NOTICE');
    assert.equal(outbox?.event.data['organizationId'], orgA);
    const again = await service.request<{ evaluateOverdueExtensionNotices: number }>('mutation { evaluateOverdueExtensionNotices }', {}, controller);
    assert.equal(again.data?.evaluateOverdueExtensionNotices, 0);
  });

  it('reports an organization’s compliance per rule through _entities', async () => {
    const result = await service.entities<{
      _entities: {
        id: string;
        compliance: {
          total: number;
          byRule: { rule: string; count: number }[];
          violations: { edges: { node: Violation }[]; pageInfo: { hasNextPage: boolean } };
        };
      }[];
    }>(
      [
        { __typename: 'Organization', id: orgA },
        { __typename: 'Organization', id: orgB },
      ],
      `... on Organization { id compliance(from: "2025-01-01T00:00:00Z", to: "2027-12-31T23:59:59Z") {
          total byRule { rule count } violations(first: 2) { edges { node { id rule entityId organization { id } details } } pageInfo { hasNextPage } } } }`,
      head,
    );
    assert.equal(result.errors, undefined);
    const [a, b] = result.data?._entities ?? [];
    assert.equal(a?.compliance.total, 6);
    assert.equal(a?.compliance.byRule.length, 6);
    assert.equal(a?.compliance.byRule.find((r) => r.rule === 'LATE_FORWARDING')?.count, 1);
    assert.equal(a?.compliance.violations.edges.length, 2);
    assert.equal(a?.compliance.violations.pageInfo.hasNextPage, true);
    assert.ok(a?.compliance.violations.edges.every((e) => e.node.organization.id === orgA));
    assert.equal(b?.compliance.total, 1);
    assert.equal(b?.compliance.byRule.find((r) => r.rule === 'CLOSED_WITHOUT_ANSWER_DOCUMENT')?.count, 1);
  });

  it('resolves Appeal.auditTrail for several appeals, AuditEntry and ComplianceViolation through _entities', async () => {
    const trails = await service.entities<{
      _entities: {
        id: string;
        auditTrail: {
          edges: { cursor: string; node: { id: string; type: string; entityId: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }[];
    }>(
      [
        { __typename: 'Appeal', id: lateAppeal },
        { __typename: 'Appeal', id: closedAppeal },
        { __typename: 'Appeal', id: newId() },
      ],
      '... on Appeal { id auditTrail(first: 2) { edges { cursor node { id type entityId } } pageInfo { hasNextPage endCursor } } }',
      controller,
    );
    assert.equal(trails.errors, undefined);
    const [late, closed, unknown] = trails.data?._entities ?? [];
    assert.deepEqual(
      late?.auditTrail.edges.map((e) => e.node.type),
      ['kz.bakylau.appeal.registered.v1', 'kz.bakylau.appeal.forwarded.v1'],
    );
    assert.equal(late?.auditTrail.pageInfo.hasNextPage, true);
    assert.deepEqual(
      closed?.auditTrail.edges.map((e) => e.node.type),
      ['kz.bakylau.appeal.closed.v1'],
    );
    assert.deepEqual(unknown?.auditTrail.edges, []);

    const next = await service.entities<{ _entities: { auditTrail: { edges: { node: { type: string } }[] } }[] }>(
      [{ __typename: 'Appeal', id: lateAppeal }],
      `... on Appeal { auditTrail(first: 10, after: "${late?.auditTrail.pageInfo.endCursor}") { edges { node { type } } } }`,
      controller,
    );
    assert.equal(next.data?._entities[0]?.auditTrail.edges[0]?.node.type, 'kz.bakylau.appeal.answered.v1');

    const entryId = late?.auditTrail.edges[0]?.node.id;
    const [violationRow] = await service.orm.em
      .fork()
      .execute<{ id: string }[]>('select id from compliance_violation where entity_id = ? and rule = ?', [lateAppeal, 'LATE_FORWARDING']);
    const lookup = await service.entities<{ _entities: ({ id: string; eventId?: string; entityId?: string; rule?: string; details?: string } | null)[] }>(
      [
        { __typename: 'AuditEntry', id: entryId },
        { __typename: 'ComplianceViolation', id: violationRow?.id },
        { __typename: 'AuditEntry', id: 'not-a-uuid' },
      ],
      '... on AuditEntry { id eventId entityId } ... on ComplianceViolation { id rule details }',
      controller,
    );
    assert.equal(lookup.errors, undefined);
    assert.deepEqual(lookup.data?._entities[0], { id: entryId, eventId: lateRegistration.id, entityId: lateAppeal });
    assert.equal(lookup.data?._entities[1]?.rule, 'LATE_FORWARDING');
    assert.match(lookup.data?._entities[1]?.details ?? '', /forwarding was due by 2025-06-17/);
    assert.equal(lookup.data?._entities[2], null);

    const denied = await service.entities([{ __typename: 'Appeal', id: lateAppeal }], '... on Appeal { auditTrail { edges { cursor } } }', { role: 'citizen' });
    assert.equal(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('pages audit entries and violations with cursors', async () => {
    const first = await service.request<{ auditEntries: { edges: { node: { sequence: number } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      '{ auditEntries(first: 2) { edges { node { sequence } } pageInfo { endCursor hasNextPage } } }',
      {},
      controller,
    );
    assert.deepEqual(
      first.data?.auditEntries.edges.map((e) => e.node.sequence),
      [1, 2],
    );
    const second = await service.request<{ auditEntries: { edges: { node: { sequence: number } }[] } }>(
      'query($after: String) { auditEntries(first: 2, after: $after) { edges { node { sequence } } } }',
      { after: first.data?.auditEntries.pageInfo.endCursor },
      controller,
    );
    assert.deepEqual(
      second.data?.auditEntries.edges.map((e) => e.node.sequence),
      [3, 4],
    );
    const tooMany = await service.request('{ auditEntries(first: 101) { edges { cursor } } }', {}, controller);
    assert.equal(tooMany.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const forged = await service.request('{ complianceViolations(after: "bm9wZQ") { edges { cursor } } }', {}, controller);
    assert.equal(forged.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const filtered = await service.request<{ complianceViolations: { edges: { node: Violation }[] } }>(
      `{ complianceViolations(filter: { rule: LATE_REGISTRATION, organizationId: "${orgA}" }) { edges { node { id rule entityId organization { id } details } } } }`,
      {},
      { role: 'analyst' },
    );
    assert.deepEqual(
      filtered.data?.complianceViolations.edges.map((e) => e.node.entityId),
      [lateAppeal],
    );
  });

  describe('record-keeping inspections and staff briefings', () => {
    const plan = `mutation($input: PlanRecordKeepingInspectionInput!) { planRecordKeepingInspection(input: $input) { id state plannedDate inspector organization { id } } }`;
    const results = `mutation($input: RecordRecordKeepingInspectionResultsInput!) {
      recordRecordKeepingInspectionResults(input: $input) { id state heldDate findings linkedViolations { id rule } } }`;
    let inspectionId = '';

    it('plans an inspection and publishes the fact', async () => {
      const result = await service.request<{ planRecordKeepingInspection: { id: string; state: string; organization: { id: string } } }>(
        plan,
        { input: { organizationId: orgA, plannedDate: '2026-12-15', inspector: 'Главный специалист отдела' } },
        controller,
      );
      assert.equal(result.errors, undefined);
      inspectionId = result.data?.planRecordKeepingInspection.id ?? '';
      assert.equal(result.data?.planRecordKeepingInspection.state, 'PLANNED');
      assert.equal(await count('outbox where type = ? and message_key = ?', ['kz.bakylau.audit.record-keeping-inspection-planned.v1', inspectionId]), 1);
    });

    it('refuses bad input, unknown organizations and wrong roles without writing anything', async () => {
      const before = await count('record_keeping_inspection');
      const bad = await service.request(plan, { input: { organizationId: orgA, plannedDate: '2026-02-28', inspector: '  ' } }, controller);
      assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const fields = (bad.errors?.[0]?.extensions?.['fields'] as { field: string }[] | undefined)?.map((f) => f.field).sort();
      assert.deepEqual(fields, ['inspector']);
      const badDate = await service.request(plan, { input: { organizationId: orgA, plannedDate: '2026-02-30', inspector: 'X' } }, controller);
      assert.equal(badDate.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const unknown = await service.request(plan, { input: { organizationId: 'org-nowhere', plannedDate: '2026-12-15', inspector: 'X' } }, controller);
      assert.equal(unknown.errors?.[0]?.extensions?.code, 'NOT_FOUND');
      const forbidden = await service.request(plan, { input: { organizationId: orgA, plannedDate: '2026-12-15', inspector: 'X' } }, { role: 'analyst' });
      assert.equal(forbidden.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      const anonymous = await service.request(plan, { input: { organizationId: orgA, plannedDate: '2026-12-15', inspector: 'X' } });
      assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
      assert.equal(await count('record_keeping_inspection'), before);
      assert.equal(await count('outbox where type = ?', ['kz.bakylau.audit.record-keeping-inspection-planned.v1']), 1);
    });

    it('records the results with the violations it confirmed, once', async () => {
      const [ofA] = await service.orm.em
        .fork()
        .execute<{ id: string }[]>('select id from compliance_violation where entity_id = ? and rule = ?', [lateAppeal, 'LATE_REGISTRATION']);
      const [ofB] = await service.orm.em.fork().execute<{ id: string }[]>('select id from compliance_violation where entity_id = ?', [closedAppeal]);

      const foreign = await service.request(
        results,
        { input: { inspectionId, heldDate: '2025-11-20', findings: 'Журнал ведётся с нарушениями', violationIds: [ofB?.id] } },
        head,
      );
      assert.equal(foreign.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const future = await service.request(results, { input: { inspectionId, heldDate: '2099-01-01', findings: 'x', violationIds: [] } }, head);
      assert.equal(future.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      const missing = await service.request(results, { input: { inspectionId: newId(), heldDate: '2025-11-20', findings: 'x' } }, head);
      assert.equal(missing.errors?.[0]?.extensions?.code, 'NOT_FOUND');
      assert.equal(await count('record_keeping_inspection where held_date is not null'), 0);

      const held = await service.request<{
        recordRecordKeepingInspectionResults: { state: string; heldDate: string; linkedViolations: { id: string; rule: string }[] };
      }>(results, { input: { inspectionId, heldDate: '2025-11-20', findings: 'Журнал ведётся с нарушениями', violationIds: [ofA?.id] } }, head);
      assert.equal(held.errors, undefined);
      assert.equal(held.data?.recordRecordKeepingInspectionResults.state, 'HELD');
      assert.deepEqual(held.data?.recordRecordKeepingInspectionResults.linkedViolations, [{ id: ofA?.id, rule: 'LATE_REGISTRATION' }]);
      assert.equal(await count('outbox where type = ? and message_key = ?', ['kz.bakylau.audit.record-keeping-inspection-held.v1', inspectionId]), 1);

      const again = await service.request(results, { input: { inspectionId, heldDate: '2025-11-21', findings: 'x' } }, head);
      assert.equal(again.errors?.[0]?.extensions?.code, 'CONFLICT');

      const lookup = await service.entities<{ _entities: { id: string; state: string; findings: string }[] }>(
        [{ __typename: 'RecordKeepingInspection', id: inspectionId }],
        '... on RecordKeepingInspection { id state findings }',
        { role: 'analyst' },
      );
      assert.equal(lookup.data?._entities[0]?.state, 'HELD');
      const held2 = await service.request<{ recordKeepingInspections: { edges: { node: { id: string } }[] } }>(
        '{ recordKeepingInspections(filter: { state: HELD }) { edges { node { id } } } }',
        {},
        controller,
      );
      assert.deepEqual(
        held2.data?.recordKeepingInspections.edges.map((e) => e.node.id),
        [inspectionId],
      );
    });

    it('records staff briefings and lists them', async () => {
      const mutation = `mutation($input: RecordStaffBriefingInput!) { recordStaffBriefing(input: $input) { id date topic attendeesCount organization { id } } }`;
      const bad = await service.request(mutation, { input: { organizationId: orgB, date: '2099-01-01', topic: '', attendeesCount: 0 } }, controller);
      assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.deepEqual((bad.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort(), ['attendeesCount', 'date', 'topic']);
      assert.equal(await count('staff_briefing'), 0);

      const ok = await service.request<{ recordStaffBriefing: { id: string; date: string; attendeesCount: number } }>(
        mutation,
        { input: { organizationId: orgB, date: '2025-09-01', topic: 'Сроки рассмотрения обращений', attendeesCount: 4 } },
        controller,
      );
      assert.equal(ok.errors, undefined);
      assert.equal(ok.data?.recordStaffBriefing.date, '2025-09-01');
      const [event] = await service.orm.em
        .fork()
        .execute<{ event: { data: Record<string, unknown> } }[]>('select event from outbox where type = ?', ['kz.bakylau.audit.staff-briefing-recorded.v1']);
      assert.equal(event?.event.data['attendeesCount'], 4);
      assert.equal(event?.event.data['topic'], undefined);

      const list = await service.request<{ staffBriefings: { edges: { node: { id: string } }[] } }>(
        `{ staffBriefings(filter: { organizationId: "${orgB}", from: "2025-01-01", to: "2025-12-31" }) { edges { node { id } } } }`,
        {},
        { role: 'analyst' },
      );
      assert.deepEqual(
        list.data?.staffBriefings.edges.map((e) => e.node.id),
        [ok.data?.recordStaffBriefing.id],
      );
    });
  });

  it('records events from any domain topic, including audit’s own', async () => {
    const own = createCloudEvent({
      source: '/bakylau/audit',
      type: 'kz.bakylau.audit.compliance-violation-detected.v1',
      subject: newId(),
      data: { rule: 'LATE_REGISTRATION', actor: { subject: 'system', role: 'system' } },
    });
    assert.equal(await deliver(service.orm, handle, own), true);
    const [row] = await service.orm.em
      .fork()
      .execute<{ entity_type: string; actor_role: string }[]>('select entity_type, actor_role from audit_entry where event_id = ?', [own.id]);
    assert.deepEqual(row, { entity_type: 'ComplianceViolation', actor_role: 'system' });
  });
});
