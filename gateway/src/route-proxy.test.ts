import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { loadOrCreateDevKeyPair } from '@bakylau/platform/auth/dev-keys';
import { gatewayProofHeader } from '@bakylau/platform/auth/gateway-proof';
import { createLogger } from '@bakylau/platform/logging';
import { loadGatewayConfig } from './config.ts';
import { createGateway, type RunningGateway } from './gateway.ts';
import { baseUrlOf, routingUrlOf } from './route-proxy.ts';

const logger = createLogger({ service: 'gateway-test', level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'bakylau-gateway-proxy-'));
const keys = loadOrCreateDevKeyPair(join(dir, 'keys'));
const appealsSdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { ping: String }';
const slip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x80]);
const proxyLimits = { timeoutMs: 1_000, maxBodyBytes: 1024 };
const proofKey = 'route-proxy-test-gateway-proof-key';

/** A stand-in for the appeals subgraph's plain routes: it echoes what it received. */
let upstream: Server;
const graphqlHits: string[] = [];
const stalled: ServerResponse[] = [];
let open311: RunningGateway;
let down: RunningGateway;

function serveUpstream(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '').split('?', 1)[0];
  if (path === '/graphql') {
    graphqlHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{}}');
  } else if (path === '/open311/v2/requests.json') {
    const echo = {
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      requestId: req.headers['x-request-id'],
      traceparent: req.headers.traceparent,
      proof: req.headers[gatewayProofHeader],
    };
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=60',
      'x-internal': 'not for clients',
      'set-cookie': 'a=b',
    });
    res.end(JSON.stringify(echo));
  } else if (path === '/documents/slip.docx') {
    res.writeHead(200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': 'attachment; filename="slip.docx"',
    });
    res.end(slip);
  } else if (path === '/documents/huge.docx') {
    // Announced length over the cap, and one without a length (chunked) that grows past it.
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '4096' }).end(Buffer.alloc(4096));
  } else if (path === '/documents/chunked.docx') {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    for (let i = 0; i < 8; i++) res.write(Buffer.alloc(512));
    res.end();
  } else if (path === '/documents/stalled.docx') {
    stalled.push(res);
  } else {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end('[{"code":404,"description":"nothing here"}]');
  }
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A GET with the path sent as written (fetch would resolve `..` before sending). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  upstream = createServer(serveUpstream);
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as net.AddressInfo).port;
  // The routing URL comes from the supergraph here (no SUBGRAPH_APPEALS_URL).
  const composed = composeServices([{ name: 'appeals', url: `http://127.0.0.1:${port}/graphql`, typeDefs: parse(appealsSdl) }]);
  assert.ok(composed.supergraphSdl, composed.errors?.map((e) => e.message).join('\n'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const env = {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH: supergraphPath,
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    GATEWAY_PROOF_KEYS: proofKey,
  };
  open311 = await createGateway({ ...loadGatewayConfig(env), routeProxy: proxyLimits }, { logger });
  down = await createGateway(
    { ...loadGatewayConfig({ ...env, SUBGRAPH_APPEALS_URL: `http://127.0.0.1:${await closedPort()}/graphql` }), routeProxy: proxyLimits },
    { logger },
  );
});

afterAll(async () => {
  for (const res of stalled) res.destroy();
  await Promise.all([open311?.stop(), down?.stop()]);
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const at = (gateway: RunningGateway, path: string) => `http://127.0.0.1:${gateway.port}${path}`;

describe('gateway: plain routes of the appeals subgraph', () => {
  it("forwards path, query, token, request id and trace context with the gateway's proof, and copies status and content headers", async () => {
    const path = `/open311/v2/requests.json?service_request_id=${encodeURIComponent('ЖТ-2026-000001')}&status=open`;
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    // A client's own proof header is no proof: the gateway's replaces it.
    const response = await fetch(at(open311, path), {
      headers: { authorization: 'Bearer abc.def.ghi', 'x-request-id': 'proxy-test-1', traceparent, [gatewayProofHeader]: 'forged' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(response.headers.get('x-request-id'), 'proxy-test-1');
    assert.equal(response.headers.get('x-internal'), null);
    assert.equal(response.headers.get('set-cookie'), null);
    assert.deepEqual(await response.json(), {
      method: 'GET',
      url: path,
      authorization: 'Bearer abc.def.ghi',
      requestId: 'proxy-test-1',
      traceparent,
      proof: proofKey,
    });
  });

  it('passes documents on byte for byte with their disposition, and HEAD with the real length', async () => {
    const response = await fetch(at(open311, '/documents/slip.docx?expires=1&signature=x'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="slip.docx"');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), slip);
    const head = await fetch(at(open311, '/documents/slip.docx'), { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(slip.byteLength));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
  });

  it("passes the subgraph's own refusals on unchanged", async () => {
    const response = await fetch(at(open311, '/open311/v2/nothing.json'));
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), [{ code: 404, description: 'nothing here' }]);
  });

  it('does not let dot segments reach other paths of the subgraph', async () => {
    for (const path of ['/open311/../graphql', '/open311/%2e%2e/graphql', '/documents/..%2f../graphql?query=%7B__typename%7D', '/documents/.%2E/graphql']) {
      const answer = await rawGet(open311.port, path);
      assert.notEqual(answer.status, 200, `${path}: ${answer.body}`);
    }
    assert.deepEqual(graphqlHits, []);
  });

  it('refuses methods other than GET and HEAD without calling the subgraph', async () => {
    const response = await fetch(at(open311, '/open311/v2/requests.json'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 405);
  });

  it('answers 502 for an answer larger than it buffers, announced or not', async () => {
    for (const path of ['/documents/huge.docx', '/documents/chunked.docx']) {
      const response = await fetch(at(open311, path));
      assert.equal(response.status, 502, path);
      assert.deepEqual(await response.json(), { errors: [{ message: 'The answer is too large', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  });

  it('answers 504 when the subgraph does not answer in time', async () => {
    const response = await fetch(at(open311, '/documents/stalled.docx'));
    assert.equal(response.status, 504);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    assert.equal(body.errors[0]?.extensions.code, 'SERVICE_UNAVAILABLE');
  });

  it('answers 503 with a clear error, in the Open311 shape under /open311/, when the subgraph is down', async () => {
    const open = await fetch(at(down, '/open311/v2/requests.json'));
    assert.equal(open.status, 503);
    assert.equal(open.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(await open.json(), [{ code: 503, description: 'The appeals service is unavailable; try again later' }]);
    const document = await fetch(at(down, '/documents/slip.docx'));
    assert.equal(document.status, 503);
    assert.deepEqual(await document.json(), {
      errors: [{ message: 'The appeals service is unavailable; try again later', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
  });

  it('finds the target in SUBGRAPH_APPEALS_URL or the supergraph, without /graphql', () => {
    const supergraph = composeServices([{ name: 'appeals', url: 'http://appeals:4001/graphql', typeDefs: parse(appealsSdl) }]).supergraphSdl ?? '';
    assert.equal(routingUrlOf(supergraph, 'appeals'), 'http://appeals:4001/graphql');
    assert.equal(routingUrlOf(supergraph, 'audit'), null);
    assert.equal(baseUrlOf('http://appeals:4001/graphql'), 'http://appeals:4001');
    assert.equal(baseUrlOf('https://api.example.kz/appeals/graphql/'), 'https://api.example.kz/appeals');
  });
});
