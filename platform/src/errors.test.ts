import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import net from 'node:net';
import { isAnyRealmError } from './any-realm-error.ts';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pg from 'pg';
import { conflict, createErrorFormatter, databaseUnavailableMessage, isDatabaseUnavailable } from './errors.ts';

/** What Apollo hands formatError for an error thrown by a resolver at `path`. */
function format(thrown: unknown, includeStacktrace = false): { formatted: GraphQLFormattedError; logged: unknown[] } {
  const logged: unknown[] = [];
  const formatter = createErrorFormatter({ includeStacktrace, onUnexpected: (error) => logged.push(error) });
  // isAnyRealmError: a socket error is Node's, of another realm than this test's.
  const original = isAnyRealmError(thrown) ? thrown : undefined;
  const error = new GraphQLError(original ? original.message : String(thrown), {
    path: ['registerAppeal'],
    originalError: original,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(includeStacktrace ? { stacktrace: ['at somewhere'] } : {}) },
  });
  return { formatted: formatter(error.toJSON(), error), logged };
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

async function refusedPgError(): Promise<unknown> {
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  return client.connect().then(
    () => new Error('connected to a closed port'),
    (error: unknown) => error,
  );
}

describe('createErrorFormatter and an unreachable database', () => {
  it('maps a refused connection (a real pg error) to SERVICE_UNAVAILABLE with a plain message', async () => {
    const refused = await refusedPgError();
    assert.equal(isDatabaseUnavailable(refused), true);
    for (const includeStacktrace of [false, true]) {
      const { formatted, logged } = format(refused, includeStacktrace);
      assert.deepEqual(formatted, { message: databaseUnavailableMessage, path: ['registerAppeal'], extensions: { code: 'SERVICE_UNAVAILABLE' } });
      assert.equal(logged.length, 1, 'the cause is still logged');
    }
  });

  it('maps PostgreSQL shutdown and connection-exception codes, lost connections and wrapped causes', () => {
    const cases: unknown[] = [
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('terminating connection due to crash of another server process', '57P02'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      withCode('could not connect', '08001'),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')]),
      new Error('query failed', { cause: withCode('read ECONNRESET', 'ECONNRESET') }),
    ];
    for (const error of cases) {
      assert.equal(isDatabaseUnavailable(error), true, String(error));
      assert.equal(format(error).formatted.extensions?.['code'], 'SERVICE_UNAVAILABLE', String(error));
    }
  });

  it('leaves other database errors and bugs INTERNAL_SERVER_ERROR, and domain errors their own code', () => {
    for (const error of [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('invalid message format', '08P01'),
      withCode('syntax error', '42601'),
      new TypeError('x is undefined'),
      'a string',
    ]) {
      assert.equal(isDatabaseUnavailable(error), false, String(error));
      const { formatted } = format(error);
      assert.deepEqual(formatted, { message: 'Internal server error', path: ['registerAppeal'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
    assert.equal(format(conflict('changed by someone else')).formatted.extensions?.['code'], 'CONFLICT');
  });
});
