import { describe, it } from '@jest/globals';
import { assertNoSchemaDrift } from '@bakylau/platform/testkit/schema-drift';
import { receptionService } from '../src/service.ts';
import { knownSchemaObjects } from '../src/db/known-schema-objects.ts';

describe('reception: the migrations make exactly the schema the entities describe', () => {
  it('leaves MikroORM nothing to change on a freshly migrated database, the known raw-SQL objects aside', async () => {
    await assertNoSchemaDrift(receptionService, knownSchemaObjects);
  }, 60_000);
});
