import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Integration tests spawn the CLI and write real files; give them room on a 2-core machine.
    testTimeout: 30_000,
    pool: 'forks',
  },
});
