import assert from './assert.ts';
import { DatabaseSchema, type DatabaseTable } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/core';
import { allMigrations, createOrm, type NamedMigration } from '../db/orm.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { testEnv } from './test-env.ts';

/**
 * A database object the migrations create and the entities do not describe, on purpose: raw SQL owns
 * it (a trigger, a function, a GIN or partial index, a check beyond an enum, a table only raw SQL
 * reads, a foreign key between plain id columns). `table` is where it lives (none for a table or a
 * function); `reason` says why no entity describes it.
 */
export type KnownSchemaObject = {
  kind: 'table' | 'column' | 'index' | 'check' | 'foreignKey' | 'trigger' | 'function';
  table?: string;
  name: string;
  reason: string;
};

/** Several objects of one kind on one table (or none) known for the same reason. */
export function knownObjects(kind: KnownSchemaObject['kind'], table: string | undefined, names: string[], reason: string): KnownSchemaObject[] {
  return names.map((name) => ({ kind, ...(table ? { table } : {}), name, reason }));
}

/** Why a foreign key is known: the services keep plain id columns, not ORM relations, so no entity can declare one. */
export const viaPlainIds =
  'rows refer to each other by plain id columns (per-request DataLoaders resolve them, the ORM has no relation): no entity declares the key, deferred and checked at commit';

/** What the platform's outbox and inbox migration (every service's first) creates beyond the OutboxEvent entity. */
export const outboxKnownObjects: KnownSchemaObject[] = [
  { kind: 'table', name: 'inbox', reason: 'consumers dedupe with raw insert … on conflict do nothing in their own transaction; no entity reads it' },
  ...knownObjects('column', 'outbox', ['seq', 'txid'], 'filled by the database (identity, pg_current_xact_id()) and read only by the relay’s raw SQL'),
  { kind: 'index', table: 'outbox', name: 'outbox_pending', reason: 'partial index (where status = pending): the relay’s poll' },
  { kind: 'trigger', table: 'outbox', name: 'outbox_notify', reason: 'pg_notify on insert wakes the relay (plpgsql, written once in the migration)' },
];

/** What the platform's notification table (appeals, reception) has beyond the Notification entity. */
export const notificationKnownObjects: KnownSchemaObject[] = knownObjects(
  'index',
  'notification',
  ['notification_due', 'notification_appeal', 'notification_appointment'],
  'partial indexes (due and pending; not-null ids only)',
);

export type SchemaDrift = {
  /** The SQL MikroORM would run to make the migrated database match the entities, known objects aside: empty when they agree. */
  statements: string[];
  /** Known objects the migrated database does not have: the list went stale. */
  missingKnown: string[];
};

function label(object: KnownSchemaObject): string {
  return `${object.kind} ${object.table ? `${object.table}.` : ''}${object.name}`;
}

/** Takes `object` out of the introspected schema; false when it is not there. */
function forget(schema: DatabaseSchema, object: KnownSchemaObject): boolean {
  if (object.kind === 'table') {
    const tables = schema.getTables();
    if (!tables.some((t) => t.name === object.name)) return false;
    schema.setTables(tables.filter((t) => t.name !== object.name));
    return true;
  }
  if (object.kind === 'function') {
    const routines = schema.getRoutines();
    const at = routines.findIndex((r) => r.name === object.name);
    if (at < 0) return false;
    routines.splice(at, 1);
    return true;
  }
  const table: DatabaseTable | undefined = object.table ? schema.getTable(object.table) : undefined;
  if (!table) return false;
  switch (object.kind) {
    case 'column':
      if (!table.hasColumn(object.name)) return false;
      table.removeColumn(object.name);
      return true;
    case 'index':
      if (!table.hasIndex(object.name)) return false;
      table.setIndexes(table.getIndexes().filter((i) => i.keyName !== object.name));
      return true;
    case 'check':
      if (!table.hasCheck(object.name)) return false;
      table.setChecks(table.getChecks().filter((c) => c.name !== object.name));
      return true;
    case 'trigger':
      if (!table.hasTrigger(object.name)) return false;
      table.setTriggers(table.getTriggers().filter((t) => t.name !== object.name));
      return true;
    case 'foreignKey': {
      const keys = table.getForeignKeys();
      if (!(object.name in keys)) return false;
      table.setForeignKeys(Object.fromEntries(Object.entries(keys).filter(([name]) => name !== object.name)));
      return true;
    }
  }
}

/**
 * Migrates a fresh database from the service's migrations (the test template, as every service test
 * gets it), then asks MikroORM what it would change to make that database match the entities, with
 * the known raw-SQL objects taken out of the comparison. The outbox's own objects are always known.
 */
type MigratedDefinition = { name: string; entities: NonNullable<Options['entities']>; migrations: NamedMigration[] };

export async function schemaDrift(definition: MigratedDefinition, known: KnownSchemaObject[]): Promise<SchemaDrift> {
  const db = await createTestDatabase({
    baseUrl: testEnv.databaseUrl,
    service: definition.name,
    migrationNames: allMigrations(definition.migrations).map((m) => m.name),
    migrate: async (url) => (await createOrm({ databaseUrl: url, entities: definition.entities, migrations: definition.migrations })).close(),
  });
  const orm = await createOrm({ databaseUrl: db.url, entities: definition.entities, migrations: definition.migrations });
  try {
    const connection = orm.em.getConnection();
    const platform = orm.em.getPlatform();
    const namespaces = orm.schema.getTargetSchema().getNamespaces();
    const migrated = await DatabaseSchema.create(connection, platform, orm.config, undefined, namespaces);
    await migrated.loadRoutines(connection, platform, namespaces);
    const missingKnown = [...outboxKnownObjects, ...known].filter((object) => !forget(migrated, object)).map(label);
    const sql = await orm.schema.getUpdateSchemaSQL({ fromSchema: migrated, wrap: false, safe: false, dropTables: true });
    const statements = sql
      .split(/;\n/)
      .map((statement) => statement.trim())
      .filter(Boolean);
    return { statements, missingKnown };
  } finally {
    await orm.close();
    await db.drop();
  }
}

/** A service's schema test: fails listing each statement of drift, and each known object the migrations no longer create. */
export async function assertNoSchemaDrift(definition: MigratedDefinition, known: KnownSchemaObject[]): Promise<void> {
  const drift = await schemaDrift(definition, known);
  assert.deepEqual(drift.missingKnown, [], `${definition.name}: known objects the migrations do not create (take them off its known-schema-objects.ts)`);
  assert.deepEqual(
    drift.statements,
    [],
    `${definition.name}: entities and migrations disagree. Fix the entity or add a migration; list an object only raw SQL can own as known, with its reason`,
  );
}
