import pg from 'pg';
import { databaseName, quoteIdent, withDatabase } from './database-url.ts';

/** Creates the database named in `url` if it is missing (services own one database each). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    // Serialize concurrent creators (several services or test files starting at once).
    await admin.query('select pg_advisory_lock(hashtext($1))', [`create-db:${name}`]);
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
}
