// jest over every workspace, in ESM mode (the code is ES modules with .ts imports, run by Node's type
// stripping outside tests): @swc/jest strips the types and keeps `import`/`import.meta` as they are.
// `npm test` (infra/src/cli/test.ts) starts PostgreSQL, Kafka and the end-to-end system first and runs
// jest with NODE_OPTIONS=--experimental-vm-modules.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2024' }, module: { type: 'es6' } }],
  },
  roots: ['<rootDir>/platform', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/schema', '<rootDir>/infra', '<rootDir>/test', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // Integration files start services, brokers and whole systems in their hooks; each test that needs
  // longer says so. Two workers: the machine has two cores, and the system under test runs beside them.
  testTimeout: 120_000,
  maxWorkers: 2,
};
