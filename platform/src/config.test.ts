import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { ConfigError, loadConfig, metricsListenOf, serviceEnvSchema } from './config.ts';

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
    assert.equal(config.HOST, '127.0.0.1', 'a subgraph listens on loopback unless told otherwise');
  });

  it('puts metrics on a listener of their own: METRICS_PORT, else PORT + 5000, else a free port', () => {
    assert.deepEqual(metricsListenOf(loadConfig(serviceEnvSchema, valid)), { port: 9001, host: '127.0.0.1' });
    assert.deepEqual(metricsListenOf(loadConfig(serviceEnvSchema, { ...valid, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })), {
      port: 9464,
      host: '0.0.0.0',
    });
    assert.equal(metricsListenOf(loadConfig(serviceEnvSchema, { ...valid, PORT: '0' })).port, 0);
    assert.equal(metricsListenOf(loadConfig(serviceEnvSchema, { ...valid, PORT: '62000' })).port, 0);
    assert.throws(() => loadConfig(serviceEnvSchema, { ...valid, METRICS_PORT: '70000' }), ConfigError);
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

  it('reads the end of the working day as HH:MM, 18:30 unless configured, and refuses anything else', () => {
    assert.deepEqual(loadConfig(serviceEnvSchema, valid).WORKING_DAY_END, { hour: 18, minute: 30 });
    assert.deepEqual(loadConfig(serviceEnvSchema, { ...valid, WORKING_DAY_END: '17:00' }).WORKING_DAY_END, { hour: 17, minute: 0 });
    for (const bad of ['24:00', '17:60', '5pm', '17']) {
      assert.throws(
        () => loadConfig(serviceEnvSchema, { ...valid, WORKING_DAY_END: bad }),
        (e: unknown) => e instanceof ConfigError && e.variables.includes('WORKING_DAY_END'),
        bad,
      );
    }
  });

  it('rejects an out-of-range port', () => {
    assert.throws(() => loadConfig(serviceEnvSchema, { ...valid, PORT: '70000' }), ConfigError);
  });
});
