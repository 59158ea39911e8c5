import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { CloudEvent } from '@bakylau/platform/events/cloud-event';
import { topics } from '@bakylau/platform/events/topics';
import type { TestService } from '@bakylau/platform/testkit/service-harness';
import { eventually, testEnv } from '@bakylau/platform/testkit/test-env';
import { appealEvent, newId, startAudit } from './audit-test-kit.ts';

const controller = { role: 'controller', subject: 'controller-kafka' } as const;

type Entries = { auditEntries: { edges: { node: { eventId: string; type: string; summary: Record<string, unknown> } }[] } };
type Violations = { complianceViolations: { edges: { node: { rule: string; organization: { id: string } } }[] } };

describe('audit consuming the appeals topic from Kafka', () => {
  let service: TestService;
  let producer: Producer;
  const appealId = newId();
  const organizationId = `org-kafka-${newId()}`;

  const publish = (event: CloudEvent) => producer.send({ topic: topics.appeals, messages: [{ key: event.subject, value: JSON.stringify(event) }] });
  const entriesOfAppeal = () =>
    service.request<Entries>(
      'query($id: String) { auditEntries(filter: { entityId: $id }, first: 10) { edges { node { eventId type summary } } } }',
      { id: appealId },
      controller,
    );

  beforeAll(async () => {
    service = await startAudit({ withConsumers: true });
    producer = new Kafka({ clientId: 'audit-kafka-test', brokers: testEnv.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await service?.stop();
  });

  it('turns published events into audit entries and a violation, once per event', async () => {
    const registered = appealEvent('registered', appealId, {
      organizationId,
      registrationNumber: 'ЖТС-2025-000777',
      kind: 'STATEMENT',
      channel: 'PORTAL',
      receivedAt: '2025-06-12T10:00:00+05:00',
      registeredAt: '2025-06-16T10:00:00+05:00',
      dueDate: '2025-07-04',
      phone: '+77019998877',
    });
    await publish(registered);
    await publish(registered); // a redelivery, as after a relay retry

    await eventually(async () => ((await entriesOfAppeal()).data?.auditEntries.edges.length ?? 0) >= 1, 'the registration reached the audit trail', 90_000);
    await eventually(
      async () => {
        const result = await service.request<Violations>(
          'query($id: String) { complianceViolations(filter: { entityId: $id }) { edges { node { rule organization { id } } } } }',
          { id: appealId },
          controller,
        );
        return result.data?.complianceViolations.edges.some((e) => e.node.rule === 'LATE_REGISTRATION' && e.node.organization.id === organizationId) ?? false;
      },
      'a LATE_REGISTRATION violation was detected',
      30_000,
    );

    // Same key, same partition: once the next event is in, the duplicate before it was handled too.
    const assigned = appealEvent('assigned', appealId, { organizationId, executors: [{ organizationId, lead: true, dueDate: '2025-07-01' }] });
    await publish(assigned);
    await eventually(async () => ((await entriesOfAppeal()).data?.auditEntries.edges.length ?? 0) >= 2, 'the assignment reached the audit trail', 30_000);

    const entries = (await entriesOfAppeal()).data?.auditEntries.edges.map((e) => e.node) ?? [];
    assert.deepEqual(
      entries.map((e) => e.eventId),
      [registered.id, assigned.id],
    );
    assert.equal(entries[0]?.summary['registrationNumber'], 'ЖТС-2025-000777');
    assert.ok(!JSON.stringify(entries).includes('77019998877'));

    const verification = await service.request<{ verifyAuditChain: { intact: boolean } }>(
      'query($from: DateTime!, $to: DateTime!) { verifyAuditChain(from: $from, to: $to) { intact } }',
      { from: '2020-01-01T00:00:00Z', to: new Date(Date.now() + 60_000).toISOString() },
      controller,
    );
    assert.equal(verification.data?.verifyAuditChain.intact, true);
  }, 120_000);
});
