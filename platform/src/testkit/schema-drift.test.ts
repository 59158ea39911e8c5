import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { schemaDrift } from './schema-drift.ts';

class CreateParcel extends Migration {
  override up(): void {
    this.addSql(`create table parcel (id uuid primary key, label text not null, weight int not null default 0, note text)`);
    this.addSql(`create index parcel_label on parcel (label)`);
    this.addSql(`create index parcel_heavy on parcel (weight) where weight > 100`);
  }
}
const migrations = [{ name: '0001-parcel', class: CreateParcel }];

const Parcel = defineEntity({
  name: 'Parcel',
  tableName: 'parcel',
  indexes: [{ name: 'parcel_label', properties: ['label'] }],
  properties: { id: p.uuid().primary(), label: p.text(), weight: p.integer().default(0), note: p.text().nullable() },
});
/** The same table as an entity that gained a property and says the label is a number. */
const DriftedParcel = defineEntity({
  name: 'Parcel',
  tableName: 'parcel',
  indexes: [{ name: 'parcel_label', properties: ['label'] }],
  properties: { id: p.uuid().primary(), label: p.integer(), weight: p.integer().default(0), note: p.text().nullable(), sender: p.text() },
});
const heavy = { kind: 'index', table: 'parcel', name: 'parcel_heavy', reason: 'partial index' } as const;
const definition = (entity: typeof Parcel | typeof DriftedParcel) => ({ name: 'drift_check', entities: [entity], migrations });

describe('schemaDrift: MikroORM’s diff between a migrated database and the entities', () => {
  it('is empty when the entity describes what the migration made, the partial index known', async () => {
    assert.deepEqual(await schemaDrift(definition(Parcel), [heavy]), { statements: [], missingKnown: [] });
  }, 60_000);

  it('shows an object the migration made that is neither described nor known', async () => {
    const drift = await schemaDrift(definition(Parcel), []);
    assert.deepEqual(drift.statements, ['drop index "parcel_heavy"']);
  }, 60_000);

  it('shows a property no migration created, and a column whose type the entity states otherwise', async () => {
    const drift = await schemaDrift(definition(DriftedParcel), [heavy]);
    assert.deepEqual(drift.statements, [
      'alter table "parcel" add "sender" text not null',
      'alter table "parcel" alter column "label" type int using ("label"::int)',
    ]);
  }, 60_000);

  it('reports a known object the migrations do not create, so the list cannot go stale', async () => {
    const drift = await schemaDrift(definition(Parcel), [heavy, { kind: 'trigger', table: 'parcel', name: 'parcel_stamp', reason: 'gone' }]);
    assert.deepEqual(drift.missingKnown, ['trigger parcel.parcel_stamp']);
  }, 60_000);
});
