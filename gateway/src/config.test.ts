import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { isAbsolute } from 'node:path';
import { ConfigError } from '@bakylau/platform/config';
import { loadGatewayConfig } from './config.ts';

describe('loadGatewayConfig', () => {
  it('has working defaults for local development', () => {
    const config = loadGatewayConfig({});
    assert.equal(config.port, 4000);
    assert.equal(config.production, false);
    assert.ok(isAbsolute(config.supergraphPath));
    assert.match(config.supergraphPath, /schema\/supergraph\.graphql$/);
    assert.deepEqual(config.subgraphUrls, {});
    assert.equal(config.bodyLimitBytes, 1024 * 1024);
    assert.deepEqual(config.jwt, { issuer: 'bakylau-dev', audience: 'bakylau', jwksUrl: undefined, publicKeyPem: undefined });
  });

  it('reads SUBGRAPH_<NAME>_URL overrides', () => {
    const config = loadGatewayConfig({ SUBGRAPH_APPEALS_URL: 'http://appeals:4001/graphql' });
    assert.deepEqual(config.subgraphUrls, { appeals: 'http://appeals:4001/graphql' });
  });

  it('reports every bad variable at once', () => {
    assert.throws(
      () => loadGatewayConfig({ PORT: 'abc', SUBGRAPH_AUDIT_URL: 'audit:4004', NODE_ENV: 'production' }),
      (error: unknown) =>
        error instanceof ConfigError && ['PORT', 'SUBGRAPH_AUDIT_URL', 'JWT_JWKS_URL', 'GATEWAY_PROOF_KEYS'].every((v) => error.variables.includes(v)),
    );
  });

  it('accepts production with a JWKS URL and the keys of its proof', () => {
    const proofKeys = `${'n'.repeat(32)},${'o'.repeat(32)}`;
    const config = loadGatewayConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example.kz/.well-known/jwks.json', GATEWAY_PROOF_KEYS: proofKeys });
    assert.equal(config.production, true);
    assert.equal(config.jwt.jwksUrl, 'https://idp.example.kz/.well-known/jwks.json');
    assert.deepEqual(config.gatewayProofKeys, ['n'.repeat(32), 'o'.repeat(32)]);
  });

  it('needs no proof keys outside production, and refuses short ones anywhere', () => {
    assert.equal(loadGatewayConfig({}).gatewayProofKeys, null);
    assert.throws(
      () => loadGatewayConfig({ GATEWAY_PROOF_KEYS: 'not-long-enough' }),
      (error: unknown) => error instanceof ConfigError && error.variables.includes('GATEWAY_PROOF_KEYS'),
    );
  });
});
