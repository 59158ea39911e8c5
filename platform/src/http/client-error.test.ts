import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import net from 'node:net';
import { ApolloServer } from '@apollo/server';
import { createLogger } from '../logging.ts';
import { startGraphQLHttpServer, type RunningGraphQLHttpServer } from './graphql-http-server.ts';

let server: RunningGraphQLHttpServer;

beforeAll(async () => {
  server = await startGraphQLHttpServer({
    apollo: new ApolloServer({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
    port: 0,
    host: '127.0.0.1',
    metrics: { port: 0, host: '127.0.0.1' },
    logger: createLogger({ service: 'client-error-test', level: 'silent' }),
    bodyLimitBytes: 1024,
    readiness: async () => ({ ok: true, checks: {} }),
    context: async () => ({}),
  });
});
afterAll(() => server.stop());

/** Writes `request` on a raw socket and returns everything the server answers. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answer headers over the size limit with 431 and a JSON error with a code', async () => {
    const answer = await exchange(`POST /graphql HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${'a'.repeat(20_000)}\r\ncontent-length: 2\r\n\r\n{}`);
    assert.match(answer, /^HTTP\/1\.1 431 /);
    assert.match(answer, /content-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { errors: { extensions: { code: string } }[] };
    assert.equal(body.errors[0]?.extensions.code, 'BAD_REQUEST');
  });

  it('answer a malformed request line with 400 and a JSON error with a code', async () => {
    const answer = await exchange('GARBAGE\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.match(answer, /"code":"BAD_REQUEST"/);
  });
});
