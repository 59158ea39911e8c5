import { describe, it } from '@jest/globals';
import { assertNoSchemaDrift } from '@bakylau/platform/testkit/schema-drift';
import { appealsService } from '../src/service.ts';
import { knownSchemaObjects } from '../src/db/known-schema-objects.ts';

describe('appeals: the migrations make exactly the schema the entities describe', () => {
  it('leaves MikroORM nothing to change on a freshly migrated database, the known raw-SQL objects aside', async () => {
    await assertNoSchemaDrift(appealsService, knownSchemaObjects);
  }, 60_000);
});
