import { defineProjectConfig } from '../vitest.shared.js';

/** Suites that span apps: they start the real platform, so they get minutes, not seconds. */
export default defineProjectConfig(import.meta.dirname, {
  include: ['e2e/**/*.spec.ts', 'browser/**/*.spec.ts', 'reliability/**/*.spec.ts', 'security/**/*.spec.ts', 'tooling/**/*.spec.ts'],
  testTimeout: 120_000,
  hookTimeout: 180_000,
  fileParallelism: false,
});
