import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { ConfigError, loadConfig, subgraphEnvSchema } from '../config.ts';
import { createGatewayProof, gatewayProofHeader, gatewayProofKeysSchema, gatewayProofOf } from './gateway-proof.ts';

const current = 'c'.repeat(40);
const previous = 'p'.repeat(32);
const proof = createGatewayProof(gatewayProofKeysSchema.parse(`${current}, ${previous}`));
const sent = (value: string | string[] | undefined) => ({ [gatewayProofHeader]: value });

describe('the gateway proof', () => {
  it('sends the first key and accepts every listed one (rotation)', () => {
    assert.deepEqual(proof.headers(), { [gatewayProofHeader]: current });
    assert.equal(proof.admits(sent(current)), true);
    assert.equal(proof.admits(sent(previous)), true);
  });

  it('refuses a missing, empty, wrong, near or repeated proof', () => {
    assert.equal(proof.admits({}), false);
    assert.equal(proof.admits(sent('')), false);
    assert.equal(proof.admits(sent('x'.repeat(40))), false);
    assert.equal(proof.admits(sent(current.slice(0, -1))), false, 'a prefix of a key');
    assert.equal(proof.admits(sent(`${current}c`)), false, 'a key and more');
    assert.equal(proof.admits(sent(current.toUpperCase())), false);
    assert.equal(proof.admits(sent(`${current}, ${previous}`)), false, 'the whole key list');
    assert.equal(proof.admits(sent([current, current])), false);
    // Another header holding the key proves nothing.
    assert.equal(proof.admits({ authorization: current }), false);
  });

  it('refuses short keys and blanks when parsing, naming the entry but not its value', () => {
    const short = gatewayProofKeysSchema.safeParse(`${current},too-short-a-key`);
    assert.equal(short.success, false);
    const message = short.error?.issues.map((i) => i.message).join('; ') ?? '';
    assert.match(message, /entry 2 must be at least 32 characters/);
    assert.doesNotMatch(message, /too-short-a-key/);
    assert.equal(gatewayProofKeysSchema.safeParse(`${current},`).success, false, 'an empty entry');
    assert.equal(gatewayProofKeysSchema.safeParse(`${'a'.repeat(20)} ${'b'.repeat(20)}`).success, false, 'a blank inside a key');
    assert.throws(() => createGatewayProof([]), /at least one key/);
    assert.throws(() => createGatewayProof(['short']), /32 characters/);
  });
});

describe('GATEWAY_PROOF_KEYS in the service config', () => {
  const base = {
    PORT: '4002',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/reception',
    KAFKA_BROKERS: '127.0.0.1:9092',
    EVENT_SEALING_KEYS: `prod-1:${Buffer.alloc(32, 7).toString('base64')}`,
  };

  it('is required in production, so a subgraph never starts open to everyone', () => {
    assert.throws(
      () => loadConfig(subgraphEnvSchema, { ...base, NODE_ENV: 'production' }),
      (error: unknown) => error instanceof ConfigError && error.variables.includes('GATEWAY_PROOF_KEYS'),
    );
    const config = loadConfig(subgraphEnvSchema, { ...base, NODE_ENV: 'production', GATEWAY_PROOF_KEYS: current });
    assert.equal(gatewayProofOf(config)?.admits(sent(current)), true);
  });

  it('is optional elsewhere, enforced when set, and refused when malformed', () => {
    assert.equal(gatewayProofOf(loadConfig(subgraphEnvSchema, { ...base, NODE_ENV: 'test' })), null);
    assert.equal(gatewayProofOf(loadConfig(subgraphEnvSchema, { ...base, GATEWAY_PROOF_KEYS: current }))?.admits({}), false);
    assert.throws(
      () => loadConfig(subgraphEnvSchema, { ...base, GATEWAY_PROOF_KEYS: 'short' }),
      (error: unknown) => error instanceof ConfigError && error.variables.includes('GATEWAY_PROOF_KEYS') && !/\bshort\b/.test(error.message),
    );
  });
});
