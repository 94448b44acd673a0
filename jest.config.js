// One Jest run for every tier: unit specs beside the code (src/**/*.spec.ts), the store contract
// suite, e2e specs over real HTTP, and the Neo4j suites, which run against the real test server
// that test/support/global-setup.ts starts (or NEO4J_URI when given).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  // Two cores on CI: one worker per core; Neo4j gets its own JVM.
  maxWorkers: process.env.CI ? 2 : '50%',
};
