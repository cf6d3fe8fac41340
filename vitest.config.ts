import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start real processes and servers; a shared two-core machine needs the headroom.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
