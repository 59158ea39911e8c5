import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { ApolloServer } from '@apollo/server';
import { createErrorFormatter, notFound, unauthenticated } from '../errors.ts';
import { createLogger } from '../logging.ts';
import { startGraphQLHttpServer, type ReadinessReport, type RunningGraphQLHttpServer } from './graphql-http-server.ts';

type Context = { requestId: string; token: string | undefined };

const logger = createLogger({ service: 'http-test', level: 'silent' });
let ready: ReadinessReport = { ok: true, checks: { database: true } };
let server: RunningGraphQLHttpServer;
let base: string;
let releaseSlow: () => void = () => {};
// Resolves when the slow resolver is running: the request is then surely in flight inside the server.
let markSlowStarted: () => void = () => {};
const slowStarted = new Promise<void>((resolve) => (markSlowStarted = resolve));

beforeAll(async () => {
  const apollo = new ApolloServer<Context>({
    typeDefs: `type Query { hello: String! requestId: String! slow: String! }`,
    resolvers: {
      Query: {
        hello: () => 'world',
        requestId: (_parent: unknown, _args: unknown, ctx: Context) => ctx.requestId,
        slow: () =>
          new Promise<string>((resolve) => {
            releaseSlow = () => resolve('done');
            markSlowStarted();
          }),
      },
    },
    formatError: createErrorFormatter({ includeStacktrace: false, onUnexpected: () => {} }),
  });
  server = await startGraphQLHttpServer<Context>({
    apollo,
    port: 0,
    host: '127.0.0.1',
    metrics: { port: 0, host: '127.0.0.1' },
    logger,
    bodyLimitBytes: 1024,
    readiness: async () => ready,
    context: async (req, { requestId }) => {
      if (req.headers.authorization === 'Bearer bad') throw unauthenticated('The access token is invalid');
      return { requestId, token: req.headers.authorization };
    },
    routes: [
      {
        prefix: '/files/',
        handle: async ({ path, query }) => {
          if (path === '/files/boom') throw new Error('secret internals');
          if (path !== '/files/a.txt') throw notFound('File', path);
          return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `a ${query.get('v') ?? ''}` };
        },
      },
    ],
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop());

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

describe('startGraphQLHttpServer', () => {
  it('serves plain GET routes beside /graphql, with typed errors and no internals', async () => {
    const ok = await fetch(`${base}/files/a.txt?v=1`);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'a 1');

    const missing = await fetch(`${base}/files/b.txt`);
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'NOT_FOUND');

    const failing = await fetch(`${base}/files/boom`);
    assert.equal(failing.status, 500);
    assert.doesNotMatch(await failing.text(), /secret internals/);

    const post = await fetch(`${base}/files/a.txt`, { method: 'POST', body: 'x' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
  });

  it('serves queries over POST and GET', async () => {
    const response = await post(JSON.stringify({ query: '{ hello }' }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { data: { hello: 'world' } });

    // GET needs a non-simple header to pass Apollo's CSRF prevention.
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    assert.deepEqual(await get.json(), { data: { hello: 'world' } });
  });

  it('keeps CSRF prevention on', async () => {
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`);
    assert.equal(get.status, 400);
  });

  it('passes the caller request id through, or makes one up', async () => {
    const given = await post(JSON.stringify({ query: '{ requestId }' }), { 'x-request-id': 'req-42' });
    assert.equal(given.headers.get('x-request-id'), 'req-42');
    assert.deepEqual(await given.json(), { data: { requestId: 'req-42' } });

    const made = await post(JSON.stringify({ query: '{ requestId }' }), { 'x-request-id': 'bad id\twith spaces' });
    const id = made.headers.get('x-request-id') ?? '';
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await made.json(), { data: { requestId: id } });
  });

  it('refuses a body over the limit with 413 and BAD_REQUEST', async () => {
    const response = await post(JSON.stringify({ query: `{ hello } # ${'x'.repeat(2000)}` }));
    assert.equal(response.status, 413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    assert.equal(body.errors[0]?.extensions.code, 'BAD_REQUEST');
  });

  it('refuses a chunked body (no content-length) once it passes the limit', async () => {
    const { request } = await import('node:http');
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"query": "{ hello }", "x": "');
      req.write('x'.repeat(1500));
      // The server may answer before the upload ends; keep writing a little, then end.
      setTimeout(() => req.end('"}'), 50);
    });
    assert.equal(result.status, 413);
    assert.equal((JSON.parse(result.body) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'BAD_REQUEST');
  });

  it('refuses invalid JSON with 400 and BAD_REQUEST, without a stack trace', async () => {
    const response = await post('{"query": "{ hello }"');
    assert.equal(response.status, 400);
    const text = await response.text();
    assert.deepEqual(JSON.parse(text), {
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
    assert.doesNotMatch(text, /stack|at JSON\.parse/i);
  });

  it('refuses a body that is not UTF-8 with 400 and BAD_USER_INPUT, instead of reading U+FFFD into it', async () => {
    // "Асан" in Windows-1251 (0xC0 0xF1 0xE0 0xED), an overlong "/" (0xC0 0xAF) and a lone continuation byte.
    for (const bad of [[0xc0, 0xf1, 0xe0, 0xed], [0xc0, 0xaf], [0x80]]) {
      const body = Buffer.concat([Buffer.from('{"query":"{ hello }","variables":{"name":"'), Buffer.from(bad), Buffer.from('"}}')]);
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(response.status, 400, String(bad));
      const answer = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      assert.equal(answer.errors[0]?.extensions.code, 'BAD_USER_INPUT');
      assert.match(answer.errors[0]?.message ?? '', /not valid UTF-8/);
    }
    // The same request in UTF-8 is served, a leading byte-order mark included.
    const fine = await post(`\ufeff${JSON.stringify({ query: '{ hello }', variables: { name: 'Асан' } })}`);
    assert.equal(fine.status, 200);
    assert.deepEqual(await fine.json(), { data: { hello: 'world' } });
  });

  it('answers a DomainError from the context function with its code and status', async () => {
    const response = await post(JSON.stringify({ query: '{ hello }' }), { authorization: 'Bearer bad' });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(await response.json(), {
      errors: [{ message: 'The access token is invalid', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('reports liveness, readiness and metrics', async () => {
    const live = await fetch(`${base}/health/live`);
    assert.equal(live.status, 200);

    ready = { ok: true, checks: { database: true } };
    const ok = await fetch(`${base}/health/ready`);
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { status: 'ok', checks: { database: true } });

    ready = { ok: false, checks: { database: false } };
    const down = await fetch(`${base}/health/ready`);
    assert.equal(down.status, 503);
    assert.deepEqual(await down.json(), { status: 'unavailable', checks: { database: false } });

    // Metrics on their own listener only: the public port has no /metrics.
    assert.equal((await fetch(`${base}/metrics`)).status, 404);
    assert.notEqual(new URL(server.metricsUrl).port, new URL(base).port);
    const metrics = await fetch(server.metricsUrl);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /bakylau_http_request_duration_seconds_count\{service="http-test",route="graphql",status="200"\}/);
    assert.equal((await fetch(server.metricsUrl.replace('/metrics', '/graphql'))).status, 404, 'the metrics listener serves nothing else');

    assert.equal((await fetch(`${base}/nowhere`)).status, 404);
  });

  // Last: it stops the server.
  it('drains an in-flight request on stop, then refuses new connections', async () => {
    const inFlight = post(JSON.stringify({ query: '{ slow }' }));
    await slowStarted;
    const stopped = server.stop();
    releaseSlow();
    const response = await inFlight;
    assert.deepEqual(await response.json(), { data: { slow: 'done' } });
    await stopped;
    await assert.rejects(fetch(`${base}/health/live`));
  });
});
