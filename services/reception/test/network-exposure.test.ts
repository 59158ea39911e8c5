// A subgraph as `npm start` runs it (the service runtime with its default HOST) listens on loopback
// only: clients reach the system through the gateway, never a subgraph directly. (The test reads the
// bound address rather than knocking on the machine's other addresses: no test traffic leaves loopback.)
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { connect } from 'node:net';
import { startTestService, type TestService } from '@bakylau/platform/testkit/service-harness';
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
