import { defineConfig } from 'vitest/config';

// Node-side tests (core, shells, integration, e2e). The renderer's component tests have their own project.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      'renderer/vitest.config.ts',
    ],
  },
});
