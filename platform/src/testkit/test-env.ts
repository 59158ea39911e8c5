/**
 * Where tests find the real PostgreSQL and Kafka. The test launcher (infra/src/cli/test.ts) sets
 * both; run alone, a test file falls back to the local PostgreSQL and needs KAFKA_BROKERS.
 */
export const testEnv = {
  databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  kafkaBrokers: process.env['KAFKA_BROKERS'] ?? '',
};

/** Polls until `check` returns true, or fails with `message` (read at the deadline: it may describe the last state seen) after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, message: string | (() => string), timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms: ${typeof message === 'string' ? message : message()}`);
}
