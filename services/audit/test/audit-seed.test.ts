import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import type { TestService } from '@bakylau/platform/testkit/service-harness';
import { seedAuditDemo } from '../src/seed/demo-seed.ts';
import { startAudit } from './audit-test-kit.ts';

describe('audit demo seed', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startAudit({ seed: true });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('seeds a planned inspection and a briefing, idempotently', async () => {
    await seedAuditDemo(service.orm.em.fork());
    const counts = await service.orm.em.fork().execute<{ inspections: string; briefings: string; organizations: string }[]>(
      `select (select count(*) from record_keeping_inspection) as inspections, (select count(*) from staff_briefing) as briefings,
              (select count(*) from known_organization) as organizations`,
    );
    assert.deepEqual(counts[0], { inspections: '1', briefings: '1', organizations: '3' });
    const planned = await service.request<{ recordKeepingInspections: { edges: { node: { state: string; inspector: string } }[] } }>(
      '{ recordKeepingInspections(filter: { state: PLANNED }) { edges { node { state inspector } } } }',
      {},
      { role: 'controller' },
    );
    assert.equal(planned.data?.recordKeepingInspections.edges[0]?.node.state, 'PLANNED');
  });
});
