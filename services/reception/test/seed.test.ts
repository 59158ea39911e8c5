import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
import { receptionService } from '../src/service.ts';
import { seedReceptionDemo } from '../src/seed/demo-seed.ts';
import { demoId } from '@bakylau/platform/demo-ids';

describe('reception demo seed', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(receptionService, { seed: true });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('is idempotent and points at the appeals directory ids', async () => {
    const counts = async () =>
      (await service.orm.em.fork().execute<{ n: number }[]>('select (select count(*) from official) + (select count(*) from reception_slot) as n'))[0]?.n;
    const before = Number(await counts());
    await seedReceptionDemo(service.orm.em.fork());
    assert.equal(Number(await counts()), before);
    const data = await service.request<{
      official: { organization: { id: string }; receptionSessions: { edges: { node: { participants: { role: string }[] } }[] } };
    }>(
      `query($id: ID!) { official(id: $id) { organization { id } receptionSessions { edges { node { participants { role } } } } } }`,
      { id: demoId('official:akim') },
      { role: 'citizen' },
    );
    assert.equal(data.data?.official.organization.id, demoId('organization:akimat'));
    assert.deepEqual(data.data?.official.receptionSessions.edges[0]?.node.participants, [{ role: 'SUPERVISING_DEPUTY' }]);
  });
});
