// A subgraph as `npm start` runs it (the service runtime with its default HOST) listens on loopback
// only: clients reach the system through the gateway, never a subgraph directly. (The test reads the
// bound address rather than knocking on the machine's other addresses: no test traffic leaves loopback.)
// Should a caller reach it anyway, a production subgraph serves only requests with the gateway's
// proof, and holds every operation to the gateway's limits.
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { gatewayProofHeader } from '@bakylau/platform/auth/gateway-proof';
import { startTestService, tokenFor, type TestService } from '@bakylau/platform/testkit/service-harness';
import { receptionService } from '../src/service.ts';

/** Whether a TCP connection to host:port is accepted (true) or refused (false). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 5_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? resolve(false) : reject(error)));
    socket.once('timeout', () => reject(new Error(`no answer from ${host}:${port}`)));
  });
}

describe('a subgraph is not exposed to the network', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(receptionService);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('listens on the loopback address only, where the gateway reaches it', async () => {
    // The socket's own word: bound to 127.0.0.1, not to 0.0.0.0 or a network interface's address.
    assert.equal(service.listenAddress, '127.0.0.1');
    assert.equal(await accepts('127.0.0.1', service.port), true);
    const answer = await fetch(`http://127.0.0.1:${service.port}/health/live`);
    assert.equal(answer.status, 200);
  });
});

describe('a production subgraph serves only the gateway', () => {
  const proofKey = randomBytes(32).toString('hex');
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService(receptionService, {
      env: {
        NODE_ENV: 'production',
        EVENT_SEALING_KEYS: `network-exposure-1:${randomBytes(32).toString('base64')}`,
        // The first key is the gateway's; the subgraph accepts the second as well (rotation).
        GATEWAY_PROOF_KEYS: `${randomBytes(32).toString('hex')},${proofKey}`,
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
  });

  /** A POST straight to the subgraph's /graphql, as someone who reached its port would send it. */
  async function direct(query: string, headers: Record<string, string> = {}) {
    const token = await tokenFor({ role: 'controller', subject: 'network-exposure-controller' });
    const response = await fetch(`http://127.0.0.1:${service.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
  }
  const proved = { [gatewayProofHeader]: proofKey };
  const sessions = '{ receptionSessions(first: 1) { edges { node { id } } } }';

  it('refuses a request without the proof, or with a wrong one, with 403 FORBIDDEN and no stack', async () => {
    const wrong: Record<string, string>[] = [{}, { [gatewayProofHeader]: randomBytes(32).toString('hex') }, { [gatewayProofHeader]: proofKey.slice(0, -1) }];
    for (const headers of wrong) {
      const { status, text, body } = await direct(sessions, headers);
      assert.equal(status, 403, text);
      assert.equal(body.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assert.equal(body.data, undefined);
      assert.doesNotMatch(text, /stacktrace|\.ts:\d+/);
    }
    const { status, text, body } = await direct(sessions, proved);
    assert.equal(status, 200, text);
    assert.deepEqual(body.errors, undefined);
  });

  it('keeps the health endpoints open to probes that carry no proof', async () => {
    for (const path of ['/health/live', '/health/ready']) {
      assert.equal((await fetch(`http://127.0.0.1:${service.port}${path}`)).status, 200, path);
    }
  });

  it('gives its SDL only to the gateway, and answers no introspection at all', async () => {
    const sdl = '{ _service { sdl } }';
    const refused = await direct(sdl);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const served = await direct(sdl, proved);
    assert.equal(served.status, 200, served.text);
    assert.match(served.text, /type ReceptionSession/);

    const introspection = await direct('{ __schema { types { name } } }', proved);
    assert.equal(introspection.status, 400, introspection.text);
    assert.equal(introspection.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(introspection.body.errors?.[0]?.message ?? '', /introspection/i);
    const type = await direct('{ __type(name: "Appointment") { fields { name } } }', proved);
    assert.equal(type.status, 400, type.text);
  });

  it("refuses what the gateway refuses, with the gateway's codes: 41 levels deep, 200 aliases", async () => {
    // slots → session → slots … : a real path of the schema, so only the depth is wrong.
    const levels = Array.from({ length: 39 }, (_, i) => (i % 2 === 0 ? 'slots' : 'session'));
    const deep = `{ receptionSession(id: "00000000-0000-4000-8000-000000000000") { ${levels.join(' { ')} { id ${' }'.repeat(levels.length)} } }`;
    const tooDeep = await direct(deep, proved);
    assert.equal(tooDeep.status, 400, tooDeep.text);
    assert.equal(tooDeep.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    // Its cost is over the limit too; each limit reports on its own.
    assert.match(tooDeep.text, /depth limit of 12 exceeded, found 41/i);

    const aliased = `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: official(id: "00000000-0000-4000-8000-000000000000") { id }`).join(' ')} }`;
    const tooMany = await direct(aliased, proved);
    assert.equal(tooMany.status, 400, tooMany.text);
    assert.equal(tooMany.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(tooMany.text, /aliases limit of 15 exceeded, found 200/i);

    // Within the limits, the same shapes are answered.
    const shallow = await direct(`{ receptionSession(id: "00000000-0000-4000-8000-000000000000") { slots { session { id } } } }`, proved);
    assert.equal(shallow.status, 200, shallow.text);
  });
});
