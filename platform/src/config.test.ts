import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { ConfigError, loadConfig, serviceEnvSchema } from './config.ts';

const valid = {
  PORT: '4001',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/appeals',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('loadConfig', () => {
  it('parses and coerces a valid environment with defaults', () => {
    const config = loadConfig(serviceEnvSchema, valid);
    assert.equal(config.PORT, 4001);
    assert.equal(config.NODE_ENV, 'development');
    assert.equal(config.LOG_LEVEL, 'info');
  });

  it('rejects a missing variable and names it', () => {
    const { DATABASE_URL: _omitted, ...env } = valid;
    assert.throws(
      () => loadConfig(serviceEnvSchema, env),
      (error: unknown) =>
        error instanceof ConfigError && error.variables.includes('DATABASE_URL') && /DATABASE_URL: is required but missing/.test(error.message),
    );
  });

  it('rejects malformed variables, naming every one of them at once', () => {
    assert.throws(
      () =>
        loadConfig(serviceEnvSchema, {
          ...valid,
          PORT: 'eighty',
          KAFKA_BROKERS: 'localhost',
          DATABASE_URL: 'mysql://x/y',
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        ['PORT', 'KAFKA_BROKERS', 'DATABASE_URL'].every((v) => error.variables.includes(v)) &&
        /KAFKA_BROKERS: must be a comma-separated list of host:port/.test(error.message),
    );
  });

  it('rejects an out-of-range port', () => {
    assert.throws(() => loadConfig(serviceEnvSchema, { ...valid, PORT: '70000' }), ConfigError);
  });
});
