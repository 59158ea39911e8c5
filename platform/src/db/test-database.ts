import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { databaseName, quoteIdent, withDatabase } from './database-url.ts';

/**
 * A fresh database per test file, cloned from a migrated template (milliseconds, not seconds),
 * so test files never share rows and can run in parallel. The template's name carries a hash of
 * the migration names: a new migration gets a new template.
 */
export async function createTestDatabase(options: {
  baseUrl: string;
  service: string;
  migrationNames: string[];
  migrate: (templateUrl: string) => Promise<void>;
}): Promise<{ url: string; drop: () => Promise<void> }> {
  const hash = createHash('sha256').update(options.migrationNames.join('\n')).digest('hex').slice(0, 10);
  const template = `${options.service}_tpl_${hash}`;
  const name = `${options.service}_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: withDatabase(options.baseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [`template:${template}`]);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (found.rowCount === 0) {
        const building = `${template}_building`;
        await admin.query(`drop database if exists ${quoteIdent(building)} with (force)`);
        await admin.query(`create database ${quoteIdent(building)}`);
        await options.migrate(withDatabase(options.baseUrl, building));
        await admin.query(`alter database ${quoteIdent(building)} rename to ${quoteIdent(template)}`);
      }
      await admin.query(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [`template:${template}`]);
    }
  } finally {
    await admin.end();
  }
  const url = withDatabase(options.baseUrl, name);
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: withDatabase(options.baseUrl, 'postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists ${quoteIdent(databaseName(url))} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
