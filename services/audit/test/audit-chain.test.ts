import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { kzWorkingCalendar } from '@bakylau/platform/calendar/index';
import { createCloudEvent } from '@bakylau/platform/events/cloud-event';
import type { TestService } from '@bakylau/platform/testkit/service-harness';
import { createAuditEventHandler } from '../src/events/audit-consumer.ts';
import { appealEvent, deliver, newId, startAudit } from './audit-test-kit.ts';
import { defaultWorkingDayEnd } from '@bakylau/platform/config';
import { parseClockTime } from '@bakylau/platform/civil-time';

const workingDayEnd = parseClockTime(defaultWorkingDayEnd);

const controller = { role: 'controller', subject: 'controller-1' } as const;
const handle = createAuditEventHandler({ calendar: kzWorkingCalendar, workingDayEnd, now: () => new Date('2025-06-20T12:00:00+05:00') });

const verifyQuery = `query($from: DateTime!, $to: DateTime!) {
  verifyAuditChain(from: $from, to: $to) { intact checked reason firstBrokenEntry { id sequence eventId } }
}`;
type Verification = {
  verifyAuditChain: { intact: boolean; checked: number; reason: string | null; firstBrokenEntry: { id: string; sequence: number; eventId: string } | null };
};
const wholeChain = () => ({ from: '2020-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() });

describe('audit chain fed through the consumer handler', () => {
  let service: TestService;
  const appealId = newId();
  const organizationId = 'org-chain';

  beforeAll(async () => {
    service = await startAudit();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('records a sequence of events as one intact chain', async () => {
    const events = [
      appealEvent('registered', appealId, {
        registrationNumber: 'ЖТС-2025-000001',
        kind: 'COMPLAINT',
        channel: 'PORTAL',
        categoryId: 'cat-1',
        districtId: 'd-1',
        organizationId,
        receivedAt: '2025-06-12T10:00:00+05:00',
        registeredAt: '2025-06-12T11:00:00+05:00',
        dueDate: '2025-07-03',
        underAkimControl: false,
      }),
      appealEvent('assigned', appealId, { organizationId, executors: [{ organizationId: 'org-exec', lead: true, dueDate: '2025-07-01' }] }),
      appealEvent('answered', appealId, {
        organizationId,
        outcome: 'SATISFIED',
        answerDocumentId: 'doc-1',
        signedBy: { subject: 'head-1', role: 'department_head' },
        answeredAt: '2025-06-30T10:00:00+05:00',
        dueDate: '2025-07-03',
      }),
      appealEvent('closed', appealId, { organizationId, finalState: 'ANSWERED' }),
      createCloudEvent({
        source: '/bakylau/instructions',
        type: 'kz.bakylau.instruction.issued.v1',
        subject: newId(),
        data: { issuerLevel: 'DEPARTMENT', actor: controller },
      }),
    ];
    for (const event of events) assert.equal(await deliver(service.orm, handle, event), true);

    const result = await service.request<Verification>(verifyQuery, wholeChain(), controller);
    assert.deepEqual(result.data?.verifyAuditChain, { intact: true, checked: 5, reason: null, firstBrokenEntry: null });

    const list = await service.request<{
      auditEntries: {
        edges: {
          node: {
            sequence: number;
            prevHash: string;
            hash: string;
            entityType: string;
            entityId: string;
            actor: { role: string } | null;
            summary: Record<string, unknown>;
          };
        }[];
      };
    }>(`{ auditEntries(first: 10) { edges { node { sequence prevHash hash entityType entityId actor { role } summary } } } }`, {}, controller);
    const nodes = list.data?.auditEntries.edges.map((e) => e.node) ?? [];
    assert.deepEqual(
      nodes.map((n) => n.sequence),
      [1, 2, 3, 4, 5],
    );
    assert.equal(nodes[0]?.prevHash, '0'.repeat(64));
    for (let i = 1; i < nodes.length; i += 1) assert.equal(nodes[i]?.prevHash, nodes[i - 1]?.hash);
    assert.equal(nodes[0]?.entityType, 'Appeal');
    assert.equal(nodes[0]?.entityId, appealId);
    assert.equal(nodes[0]?.actor?.role, 'registrar');
    assert.equal(nodes[0]?.summary['registrationNumber'], 'ЖТС-2025-000001');
    assert.equal(nodes[4]?.entityType, 'Instruction');
  });

  it('a proper appeal life cycle raises no compliance violation', async () => {
    const rows = await service.orm.em.fork().execute('select rule from compliance_violation where entity_id = ?', [appealId]);
    assert.deepEqual(rows, []);
  });

  it('does not record a redelivered event twice (inbox and the chain itself)', async () => {
    const event = appealEvent('assigned', appealId, { organizationId });
    assert.equal(await deliver(service.orm, handle, event), true);
    assert.equal(await deliver(service.orm, handle, event), false);
    // Even past the inbox (another consumer name), the chain refuses a known event id.
    assert.equal(await deliver(service.orm, handle, event, 'another-consumer'), true);
    const rows = await service.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from audit_entry where event_id = ?', [event.id]);
    assert.equal(Number(rows[0]?.n), 1);
  });

  it('keeps personal data out of the summary', async () => {
    const event = appealEvent('registered', newId(), {
      organizationId,
      registrationNumber: 'ЖТС-2025-000002',
      receivedAt: '2025-06-12T10:00:00+05:00',
      registeredAt: '2025-06-12T10:30:00+05:00',
      iin: '880715400123',
      phone: '+77011234567',
      address: 'Талдыкорган, ул. Жансугурова 12',
      applicantName: 'Сейтказы Айгерим',
      text: 'Текст обращения',
      applicant: { iin: '880715400123', phone: '+77011234567' },
    });
    await deliver(service.orm, handle, event);
    const [row] = await service.orm.em.fork().execute<{ summary: Record<string, unknown> }[]>('select summary from audit_entry where event_id = ?', [event.id]);
    const stored = JSON.stringify(row?.summary);
    for (const secret of ['880715400123', '77011234567', 'Жансугурова', 'Айгерим', 'Текст', 'iin', 'phone', 'address']) {
      assert.ok(!stored.includes(secret), `summary leaks ${secret}: ${stored}`);
    }
    assert.equal(row?.summary['registrationNumber'], 'ЖТС-2025-000002');
  });

  it('never forks the chain under concurrent appends', async () => {
    const events = Array.from({ length: 8 }, () => appealEvent('assigned', newId(), { organizationId }));
    const applied = await Promise.all(events.map((event) => deliver(service.orm, handle, event)));
    assert.ok(applied.every(Boolean));
    const rows = await service.orm.em.fork().execute<{ sequence: string }[]>('select sequence from audit_entry order by sequence');
    assert.deepEqual(
      rows.map((r) => Number(r.sequence)),
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    const result = await service.request<Verification>(verifyQuery, wholeChain(), controller);
    assert.equal(result.data?.verifyAuditChain.intact, true);
    assert.equal(result.data?.verifyAuditChain.checked, rows.length);
  });

  it('lets only controllers, department heads and admins verify the chain', async () => {
    const result = await service.request<Verification>(verifyQuery, wholeChain(), { role: 'analyst' });
    assert.equal(result.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const reversed = await service.request<Verification>(verifyQuery, { from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, controller);
    assert.equal(reversed.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit entries in the database', async () => {
    const em = service.orm.em.fork();
    await assert.rejects(em.execute(`update audit_entry set summary = '{}' where sequence = 1`), /append-only: UPDATE/);
    await assert.rejects(em.execute('delete from audit_entry where sequence = 1'), /append-only: DELETE/);
    await assert.rejects(em.execute('truncate audit_entry'), /append-only: TRUNCATE/);
    const grants = await em.execute<{ privilege_type: string }[]>(
      `select privilege_type from information_schema.role_table_grants where grantee = 'audit_appender' and table_name = 'audit_entry' order by 1`,
    );
    assert.deepEqual(
      grants.map((g) => g.privilege_type),
      ['INSERT', 'SELECT'],
    );
  });

  it('fails verification at a row altered behind the trigger', async () => {
    const em = service.orm.em.fork();
    await em.execute('alter table audit_entry disable trigger audit_entry_no_change');
    try {
      await em.execute(`update audit_entry set summary = summary || '{"outcome":"REJECTED"}'::jsonb where sequence = 3`);
    } finally {
      await em.execute('alter table audit_entry enable trigger audit_entry_no_change');
    }
    const result = await service.request<Verification>(verifyQuery, wholeChain(), controller);
    const verification = result.data?.verifyAuditChain;
    assert.equal(verification?.intact, false);
    assert.equal(verification?.firstBrokenEntry?.sequence, 3);
    assert.equal(verification?.reason, 'HASH_MISMATCH');
    assert.equal(verification?.checked, 3);
  });
});
