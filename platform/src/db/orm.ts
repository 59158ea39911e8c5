import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import type { Logger } from '../logging.ts';
import { OutboxEvent } from '../outbox/outbox-event.ts';
import { CreateOutboxAndInbox } from '../outbox/outbox-migration.ts';
import { ensureDatabase } from './ensure-database.ts';

export type { EntityManager };
export type ServiceOrm = MikroORM;

/** A migration of a service, named so its order and identity never depend on class names. */
export type NamedMigration = { name: string; class: Constructor<Migration> };

export type OrmOptions = {
  databaseUrl: string;
  entities: NonNullable<Options['entities']>;
  migrations: NamedMigration[];
  logger?: Logger;
  poolMax?: number;
  /**
   * Told the SQL of every statement the ORM sends (finds, flushes, `em.execute`), e.g. to count
   * the queries of a request in a test. Transaction control (begin, commit) is not reported, nor
   * are queries run on `em.getKysely()` (they bypass MikroORM's connection; no service uses it).
   */
  onQuery?: (sql: string) => void;
};

/** Every service's migrations start with the platform's outbox and inbox tables. */
export function allMigrations(migrations: NamedMigration[]): NamedMigration[] {
  return [{ name: '0000-platform-outbox-inbox', class: CreateOutboxAndInbox }, ...migrations];
}

/**
 * Opens the service's database (creating it if missing) and applies pending migrations, so a
 * service started on an empty server is ready to work without a manual step.
 */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  await ensureDatabase(options.databaseUrl);
  const config: Options = {
    clientUrl: options.databaseUrl,
    entities: [OutboxEvent, ...options.entities],
    extensions: [Migrator],
    migrations: { migrationsList: allMigrations(options.migrations), transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: options.poolMax ?? 10 },
    allowGlobalContext: false,
    logger: (message: string) => options.logger?.debug({ orm: message }, 'orm'),
  };
  const onQuery = options.onQuery;
  if (onQuery) {
    // MikroORM's hook may rewrite the SQL; this one only observes it and returns it unchanged.
    config.onQuery = (sql: string) => {
      onQuery(sql);
      return sql;
    };
  }
  const orm = await MikroORM.init(config);
  await orm.migrator.up();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- init() is declared to return the core class but builds `new this(...)`, this driver's MikroORM
  return orm;
}
