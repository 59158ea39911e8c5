import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { schemaDrift } from '@bakylau/platform/testkit/schema-drift';
import { appealsService } from '../service.ts';
import { knownSchemaObjects } from './known-schema-objects.ts';

describe('appeals: the migrations make exactly the schema the entities describe', () => {
  it('leaves MikroORM nothing to change on a freshly migrated database, the known raw-SQL objects aside', async () => {
    const drift = await schemaDrift(appealsService, knownSchemaObjects);
    assert.deepEqual(drift.missingKnown, [], 'known objects the migrations do not create (take them off known-schema-objects.ts)');
    assert.deepEqual(
      drift.statements,
      [],
      'entities and migrations disagree: fix the entity or add a migration (or list a raw-SQL object as known, with its reason)',
    );
  }, 60_000);
});
